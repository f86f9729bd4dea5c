/**
 * flows.changes: the org's open studios hear, over SSE, that a flow was saved, deployed or deleted and
 * that the catalog changed (grants, grant requests), whichever replica made the change. Only the org's
 * own users hear of it, and one user cannot open streams without end.
 */
import { apiLimits, pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceChange, relayChanges, type StudioChange } from '../changes.ts';
import { EventHub } from '../events.ts';
import { requestGrants } from '../store/access.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases } from '../testing/databases.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

/** An open `flows.changes` stream: the changes it delivered so far, and a way to wait for one. */
interface ChangeStream {
  received: StudioChange[];
  /** Resolves with the first delivered change that `match` accepts (waiting for it if need be). */
  next(match: (change: StudioChange) => boolean): Promise<StudioChange>;
  close(): void;
}

/** Opens `flows.changes` as `token` and resolves once the server says the stream is connected. */
async function openChanges(orgId: string, token: string): Promise<ChangeStream> {
  const controller = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ orgId }));
  const response = await fetch(`${bed.url}/trpc/flows.changes?input=${input}`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const received: StudioChange[] = [];
  const waiters: Array<() => void> = [];
  let buffer = '';
  let connected!: () => void;
  const opened = new Promise<void>((resolve) => (connected = resolve));
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += new TextDecoder().decode(value);
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: connected/m.test(message)) connected();
        const data = /^data: (.*)$/m.exec(message)?.[1];
        if (!data || /^event: /m.test(message)) continue;
        received.push(JSON.parse(data) as StudioChange);
        for (const wake of waiters.splice(0)) wake();
      }
    }
  })();
  await opened;
  return {
    received,
    async next(match) {
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => controller.abort(),
  };
}

/** A flow whose algorithm subscribes to a topic the demo grants do not cover. */
function ungrantedGraph(): FlowGraph {
  return {
    nodes: [
      { id: 't-payments', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'payments', create: { partitions: 1, replicationFactor: 1, config: {} } },
      { id: 'a-echo', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/echo', version: '1.0.0' },
    ],
    edges: [{ id: 'e1', kind: 'subscribe', source: 't-payments', target: 'a-echo' }],
  };
}

describe('who may listen', () => {
  it('refuses a caller without a valid token', async () => {
    const answer = await bed.call('subscription', 'flows.changes', { orgId: 'acme' }, tokens.bad);
    expect(answer.status).toBe(401);
    expect(answer.body.error?.data.code).toBe('UNAUTHORIZED');
    const none = await bed.call('subscription', 'flows.changes', { orgId: 'acme' });
    expect(none.status).toBe(401);
  });

  it("refuses a member of another org, and lets the org's viewer listen", async () => {
    const answer = await bed.call('subscription', 'flows.changes', { orgId: 'acme' }, tokens.otherMember);
    expect(answer.status).toBe(404);
    expect(answer.body.error?.data.code).toBe('NOT_FOUND');
    expect(answer.body.error?.message).toBe('There is no org "acme" among yours.');
    expect((await bed.call('subscription', 'flows.changes', { orgId: 'acme' }, tokens.viewer)).status).toBe(200);
  });

  it(`refuses a user's stream beyond ${apiLimits.streamsPerUser} open ones, with a sentence, and admits one again when another closes`, async () => {
    const open: ChangeStream[] = [];
    for (let i = 0; i < apiLimits.streamsPerUser; i++) open.push(await openChanges('acme', tokens.admin));
    const refused = await bed.call('subscription', 'flows.changes', { orgId: 'acme' }, tokens.admin);
    expect(refused.status).toBe(429);
    expect(refused.body.error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(refused.body.error?.message).toMatch(/^You already have \d+ live streams open/);
    // Another user is not held back by this one's streams.
    expect((await bed.call('subscription', 'flows.changes', { orgId: 'acme' }, tokens.member)).status).toBe(200);
    open.pop()?.close();
    // The server notices the closed stream when it next tries to read from it: poll until it does.
    let answer = refused;
    for (let i = 0; i < 50 && answer.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      answer = await bed.call('subscription', 'flows.changes', { orgId: 'acme' }, tokens.admin);
    }
    expect(answer.status).toBe(200);
    for (const stream of open) stream.close();
  });
});

describe('what a studio hears', () => {
  it('hears a save, a deploy, a grant request and its approval, and an undeploy; another org hears none of it', async () => {
    const acme = await openChanges('acme', tokens.viewer);
    const globex = await openChanges('globex', tokens.otherMember);
    try {
      const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Payments', description: '', graph: ungrantedGraph(), actor: 'max' });
      const saved = await bed.call('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: 'Payments', description: 'two', graph: ungrantedGraph() }, tokens.member);
      expect(saved.status).toBe(200);
      expect(await acme.next((c) => c.kind === 'flow-saved' && c.revision === 2)).toEqual({ kind: 'flow-saved', flowId: flow.id, name: 'Payments', revision: 2, by: 'max' });

      const blocked = await bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 2 }, tokens.member);
      expect(blocked.body.result?.data).toMatchObject({ status: 'needs-grants' });
      expect(await acme.next((c) => c.kind === 'catalog-changed' && c.what === 'grant-requests')).toEqual({ kind: 'catalog-changed', what: 'grant-requests' });

      const requests = await bed.call('query', 'admin.grantRequests.list', { status: 'pending' }, tokens.admin);
      const request = (requests.body.result?.data as Array<{ id: number; topic: string }>).find((r) => r.topic === 'payments');
      expect(request).toBeDefined();
      expect((await bed.call('mutation', 'admin.grantRequests.approve', { id: request?.id }, tokens.admin)).status).toBe(200);
      await acme.next((c) => c.kind === 'catalog-changed' && c.what === 'grants');

      const deployed = await bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 2 }, tokens.member);
      expect(deployed.body.result?.data).toMatchObject({ status: 'deployed' });
      expect(await acme.next((c) => c.kind === 'deployment' && c.action === 'deploy')).toEqual({
        kind: 'deployment',
        flowId: flow.id,
        action: 'deploy',
        revision: 2,
        status: 'succeeded',
        by: 'max',
      });
      expect((await bed.call('mutation', 'flows.undeploy', { id: flow.id }, tokens.member)).body.result?.data).toMatchObject({ status: 'deployed' });
      await acme.next((c) => c.kind === 'deployment' && c.action === 'undeploy' && c.revision === null);

      // A change of globex's own comes through to globex, and it is the first thing globex heard.
      await createFlow(bed.services.db, { orgId: 'globex', name: 'Globex flow', description: '', graph: pipelineGraph(), actor: 'gus' });
      const first = await globex.next(() => true);
      expect(first).toMatchObject({ kind: 'flow-saved', name: 'Globex flow', revision: 1, by: 'gus' });
      expect(globex.received.filter((c) => 'flowId' in c && c.flowId === flow.id)).toEqual([]);
      expect(acme.received.some((c) => c.kind === 'flow-saved' && c.name === 'Globex flow')).toBe(false);
    } finally {
      acme.close();
      globex.close();
    }
  });

  it("lets a cluster admin hear every org's catalog changes, and a member only their own org's", async () => {
    const admin = await openChanges('acme', tokens.admin);
    const member = await openChanges('acme', tokens.member);
    try {
      await requestGrants(bed.services.db, { grants: [{ connection: 'local', topic: 'ledger', algorithm: 'globex/post', access: 'subscribe' }], orgId: 'globex', flowId: null, requestedBy: 'gus' });
      expect(await admin.next(() => true)).toEqual({ kind: 'catalog-changed', what: 'grant-requests' });
      await createFlow(bed.services.db, { orgId: 'acme', name: 'After globex', description: '', graph: pipelineGraph(), actor: 'max' });
      // The member's first change is acme's own: globex's request never reached the member's stream.
      expect(await member.next(() => true)).toMatchObject({ kind: 'flow-saved', name: 'After globex' });
    } finally {
      admin.close();
      member.close();
    }
  });

  it('reports what happened, not flow documents or credentials', async () => {
    const acme = await openChanges('acme', tokens.viewer);
    try {
      await createFlow(bed.services.db, { orgId: 'acme', name: 'Quiet', description: 'secret plans', graph: pipelineGraph(), actor: 'max' });
      const created = await acme.next((c) => c.kind === 'flow-saved' && c.name === 'Quiet');
      expect(Object.keys(created).sort()).toEqual(['by', 'flowId', 'kind', 'name', 'revision']);
    } finally {
      acme.close();
    }
  });
});

describe.each(testDatabases())('changes made by another replica ($name)', (database) => {
  it("reach this replica's listeners through the database, and not those of another installation's database", async () => {
    const db = await database.open();
    const other = await database.open();
    const replica = await db.replica();
    const hub = new EventHub();
    const stop = await relayChanges(replica, hub, () => undefined);
    try {
      const heard: StudioChange[] = [];
      const arrived = new Promise<void>((resolve) =>
        hub.subscribeChanges((orgId, change) => {
          if (orgId === 'acme') heard.push(change);
          if (heard.length > 0) resolve();
        }),
      );
      // Another installation (on PostgreSQL: another schema of the same database) announces first.
      await announceChange(other, 'acme', { kind: 'flow-saved', flowId: 'flow_other', name: 'Other', revision: 1, by: 'max' });
      await announceChange(db, 'acme', { kind: 'flow-saved', flowId: 'flow_x', name: 'X', revision: 7, by: 'max' });
      await arrived;
      expect(heard).toEqual([{ kind: 'flow-saved', flowId: 'flow_x', name: 'X', revision: 7, by: 'max' }]);
    } finally {
      await stop();
      await other.close();
      await db.close();
    }
  }, 30_000);
});
