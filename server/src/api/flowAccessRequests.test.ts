/**
 * flows.accessRequests and flows.requestAccess: a member sees, per grant the flow's plan is blocked on,
 * whether it was requested and how the request was decided, and files only what is missing. The admin's
 * request list names the person who asked.
 */
import type { FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

/** acme/echo subscribing to two topics nobody granted it: two blocked grants. */
function ungrantedGraph(): FlowGraph {
  const topic = (id: string, name: string, x: number) =>
    ({ id, kind: 'topic', position: { x, y: 0 }, connection: 'local', topic: name, create: { partitions: 1, replicationFactor: 1, config: {} } }) as const;
  return {
    nodes: [topic('t-a', 'ledger.a', 0), topic('t-b', 'ledger.b', 0), { id: 'a-echo', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/echo', version: '1.0.0' }],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 't-a', target: 'a-echo' },
      { id: 'e2', kind: 'subscribe', source: 't-b', target: 'a-echo' },
    ],
  };
}

const ledgerA = { connection: 'local', topic: 'ledger.a', algorithm: 'acme/echo', access: 'subscribe' } as const;
const ledgerB = { ...ledgerA, topic: 'ledger.b' } as const;

type States = Array<{ topic: string; status: string; reason: string | null; requestedBy: string }>;
const statesOf = async (flowId: string, token: string) => {
  const answer = await bed.call('query', 'flows.accessRequests', { id: flowId }, token);
  expect(answer.body.error?.message).toBeUndefined();
  return (answer.body.result?.data as States).map((r) => ({ topic: r.topic, status: r.status, reason: r.reason })).sort((a, b) => a.topic.localeCompare(b.topic));
};

describe('requesting the access a flow needs', () => {
  it('shows each grant’s state and files only what is missing', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Ledger', description: '', graph: ungrantedGraph(), actor: 'max' });
    expect(await statesOf(flow.id, tokens.member)).toEqual([]);

    // One grant from its row: only that one is filed.
    const one = await bed.call('mutation', 'flows.requestAccess', { id: flow.id, grants: [ledgerA] }, tokens.member);
    expect(one.body.result?.data).toMatchObject({ filed: 1 });
    expect(await statesOf(flow.id, tokens.viewer)).toEqual([{ topic: 'ledger.a', status: 'pending', reason: null }]);

    // "Request access for all": the one still missing, not the pending one again.
    const all = await bed.call('mutation', 'flows.requestAccess', { id: flow.id }, tokens.member);
    expect(all.body.result?.data).toMatchObject({ filed: 1 });
    expect(await statesOf(flow.id, tokens.member)).toEqual([
      { topic: 'ledger.a', status: 'pending', reason: null },
      { topic: 'ledger.b', status: 'pending', reason: null },
    ]);
    expect((await bed.call('mutation', 'flows.requestAccess', { id: flow.id }, tokens.member)).body.result?.data).toMatchObject({ filed: 0 });

    // The admin's list says who asked, by name; a rejection shows on the member's side with its reason.
    const listed = await bed.call('query', 'admin.grantRequests.list', { status: 'pending' }, tokens.admin);
    const rows = listed.body.result?.data as Array<{ id: number; topic: string; requestedBy: string; requestedByName: string | null }>;
    const rowB = rows.find((r) => r.topic === 'ledger.b');
    expect(rowB).toMatchObject({ requestedBy: 'max', requestedByName: 'Max (Acme member)' });
    expect((await bed.call('mutation', 'admin.grantRequests.reject', { id: rowB?.id, reason: 'Use ledger.a only.' }, tokens.admin)).status).toBe(200);
    expect(await statesOf(flow.id, tokens.member)).toEqual([
      { topic: 'ledger.a', status: 'pending', reason: null },
      { topic: 'ledger.b', status: 'rejected', reason: 'Use ledger.a only.' },
    ]);

    // Asking again after a rejection files a new request.
    const again = await bed.call('mutation', 'flows.requestAccess', { id: flow.id, grants: [ledgerB] }, tokens.member);
    expect(again.body.result?.data).toMatchObject({ filed: 1 });
    expect((await statesOf(flow.id, tokens.member)).map((s) => s.status)).toEqual(['pending', 'pending']);
  }, 60_000);

  it('refuses a grant the plan does not need, a viewer, and another org', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Ledger 2', description: '', graph: ungrantedGraph(), actor: 'max' });
    const unneeded = await bed.call('mutation', 'flows.requestAccess', { id: flow.id, grants: [{ ...ledgerA, topic: 'payroll' }] }, tokens.member);
    expect(unneeded.body.error?.data.code).toBe('BAD_REQUEST');
    expect(unneeded.body.error?.message).toBe('The plan of this flow does not need acme/echo subscribe access to "payroll" on Local Kafka.');
    expect((await bed.call('mutation', 'flows.requestAccess', { id: flow.id }, tokens.viewer)).body.error?.data.code).toBe('FORBIDDEN');
    expect((await bed.call('query', 'flows.accessRequests', { id: flow.id }, tokens.otherMember)).body.error?.data.code).toBe('NOT_FOUND');
    expect((await bed.call('mutation', 'flows.requestAccess', { id: flow.id }, tokens.otherMember)).body.error?.data.code).toBe('NOT_FOUND');
  }, 60_000);
});
