/**
 * Managing flows from the studio: a new flow (created, imported or duplicated) never takes a name the
 * org already uses, a rename onto a used name is refused with a sentence, and the audit log can be
 * narrowed by actor, action, flow and time for cluster admins only.
 */
import { exportFlow, flowDocumentFormat, limits } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

interface FlowAnswer {
  id: string;
  name: string;
  revision: number;
  description: string;
}

async function mutate(path: string, input: unknown, token: string = tokens.member): Promise<FlowAnswer> {
  const { status, body } = await bed.call('mutation', path, input, token);
  expect(body.error?.message, path).toBeUndefined();
  expect(status).toBe(200);
  return body.result?.data as FlowAnswer;
}

const document = (name: string) => exportFlow({ format: flowDocumentFormat, name, description: 'from a file', graph: { nodes: [], edges: [] } }, 'yaml');

describe('flow names in an org', () => {
  it('imports a document whose name the org uses as "name (2)", then "name (3)"', async () => {
    const first = await mutate('flows.create', { orgId: 'acme', name: 'Payments' });
    const second = await mutate('flows.import', { orgId: 'acme', text: document('Payments') });
    const third = await mutate('flows.import', { orgId: 'acme', text: document('Payments') });
    expect([first.name, second.name, third.name]).toEqual(['Payments', 'Payments (2)', 'Payments (3)']);
  });

  it('duplicates a flow as the next free "name (n)", keeping the description and graph', async () => {
    const original = await mutate('flows.create', { orgId: 'acme', name: 'Refunds', description: 'Money back' });
    const copy = await mutate('flows.duplicate', { id: original.id });
    const again = await mutate('flows.duplicate', { id: copy.id });
    expect([copy.name, again.name]).toEqual(['Refunds (2)', 'Refunds (3)']);
    expect(copy.description).toBe('Money back');
  });

  it('keeps a numbered name within the name limit', async () => {
    const long = 'L'.repeat(limits.name);
    await mutate('flows.create', { orgId: 'acme', name: long });
    const copy = await mutate('flows.import', { orgId: 'acme', text: document(long) });
    expect(copy.name).toHaveLength(limits.name);
    expect(copy.name.endsWith(' (2)')).toBe(true);
  });

  it('renames and describes a flow as a new revision, and refuses a name another flow has', async () => {
    const flow = await mutate('flows.create', { orgId: 'acme', name: 'Shipping' });
    await mutate('flows.create', { orgId: 'acme', name: 'Returns' });
    const renamed = await mutate('flows.rename', { id: flow.id, baseRevision: 1, name: 'Shipping EU', description: 'Parcels to Europe' });
    expect(renamed).toMatchObject({ name: 'Shipping EU', description: 'Parcels to Europe', revision: 2 });
    const clash = await bed.call('mutation', 'flows.rename', { id: flow.id, baseRevision: 2, name: 'Returns', description: '' }, tokens.member);
    expect(clash.status).toBe(409);
    expect(clash.body.error?.message).toBe('Another flow is already named "Returns". Choose a different name.');
    const viewer = await bed.call('mutation', 'flows.rename', { id: flow.id, baseRevision: 2, name: 'Mine', description: '' }, tokens.viewer);
    expect(viewer.status).toBe(403);
    const otherOrg = await bed.call('mutation', 'flows.duplicate', { id: flow.id }, tokens.otherMember);
    expect(otherOrg.status).toBe(404);
  });
});

describe('admin.audit', () => {
  it('narrows the log by actor, action, flow and time, newest first, for cluster admins only', async () => {
    const flow = await mutate('flows.create', { orgId: 'acme', name: 'Audited' });
    const copy = await mutate('flows.duplicate', { id: flow.id });
    await mutate('flows.delete', { id: copy.id });
    const list = async (input: unknown) => {
      const { status, body } = await bed.call('query', 'admin.audit', input, tokens.admin);
      expect(body.error?.message).toBeUndefined();
      expect(status).toBe(200);
      return body.result?.data as { action: string; target: string; actor: string }[];
    };
    const forCopy = await list({ target: copy.id });
    expect(forCopy.map((e) => e.action)).toEqual(['flow.delete', 'flow.duplicate']);
    const flowActions = await list({ action: 'flow.' });
    expect(flowActions.every((e) => e.action.startsWith('flow.'))).toBe(true);
    expect((await list({ action: 'flow.delete', target: copy.id })).length).toBe(1);
    expect(await list({ actor: 'nobody', target: copy.id })).toEqual([]);
    expect(await list({ target: copy.id, from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect((await list({ target: copy.id, to: new Date(Date.now() + 60_000).toISOString(), limit: 1 })).map((e) => e.action)).toEqual(['flow.delete']);
    const member = await bed.call('query', 'admin.audit', {}, tokens.member);
    expect(member.status).toBe(403);
  });
});
