/**
 * The authorization matrix: every procedure, called over real HTTP by no token, a bad token, a viewer,
 * a member of another org, a member and a cluster admin, answers as its access class says. Another
 * org's data answers 404, as if it did not exist, so that its flows, deployments and bindings cannot be
 * discovered.
 */
import { exportFlow, flowDocumentFormat, pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableAccess } from '../bindings/eventsTab.ts';
import { deployFlow } from '../deploy/deployEngine.ts';
import { saveAlertRule } from '../alerts/alertStore.ts';
import { addGrants, requestGrants } from '../store/access.ts';
import { upsertConnection } from '../store/connections.ts';
import { createFlow } from '../store/flows.ts';
import { users } from '../testing/harness.ts';
import { startHttpBed, streamAnswer, tokens, type HttpBed } from '../testing/httpBed.ts';

type Caller = 'none' | 'bad' | 'viewer' | 'otherOrg' | 'member' | 'admin';
type Access = 'public' | 'authed' | 'read' | 'write' | 'redrive' | 'admin';

const callerToken: Record<Caller, string | undefined> = {
  none: undefined,
  bad: tokens.bad,
  viewer: tokens.viewer,
  otherOrg: tokens.otherMember,
  member: tokens.member,
  admin: tokens.admin,
};

const expected: Record<Access, Record<Caller, number>> = {
  public: { none: 200, bad: 200, viewer: 200, otherOrg: 200, member: 200, admin: 200 },
  authed: { none: 401, bad: 401, viewer: 200, otherOrg: 200, member: 200, admin: 200 },
  read: { none: 401, bad: 401, viewer: 200, otherOrg: 404, member: 200, admin: 200 },
  write: { none: 401, bad: 401, viewer: 403, otherOrg: 404, member: 200, admin: 200 },
  // Redriving dead letters takes its own permission: the matrix's member has no redrive grant.
  redrive: { none: 401, bad: 401, viewer: 403, otherOrg: 404, member: 403, admin: 200 },
  admin: { none: 401, bad: 401, viewer: 403, otherOrg: 403, member: 403, admin: 200 },
};

let counter = 0;
const unique = (prefix: string) => `${prefix}${++counter}`;

interface Procedure {
  path: string;
  kind: 'query' | 'mutation' | 'subscription';
  access: Access;
  /** Builds the input for one call (creating whatever that call needs). */
  input: (bed: HttpBed) => Promise<unknown> | unknown;
  /** The status a caller who passes the role checks gets, when not 200 (see the procedure's comment). */
  permitted?: number;
}

/** The deployed flow of the bed (set before the first call), for the procedures that read a deployed flow. */
let ordersFlowId = '';
const newFlow = async (bed: HttpBed) => (await createFlow(bed.services.db, { orgId: 'acme', name: unique('Flow '), description: '', graph: { nodes: [], edges: [] }, actor: 'ada' })).id;
const alertRule = { name: 'Lagging', condition: { kind: 'lag-messages', above: 1_000, forMinutes: 5 } } as const;
const newAlert = async (bed: HttpBed) => {
  const flowId = await newFlow(bed);
  const rule = await saveAlertRule(bed.services.db, { flowId, rule: alertRule, sealedWebhook: null, actor: 'ada' });
  return { flowId, id: rule?.id };
};
const newGrant = async (bed: HttpBed) => {
  const grant = { connection: 'local', topic: unique('matrix.'), algorithm: 'acme/echo', access: 'publish' as const };
  await addGrants(bed.services.db, [grant], 'ada');
  return grant;
};
const enabled = async (bed: HttpBed) => {
  const grant = await newGrant(bed);
  const change = { algorithm: grant.algorithm, connection: grant.connection, topic: grant.topic, access: grant.access };
  await enableAccess(bed.services, users.admin, { ...change, version: '1.0.0' });
  return change;
};

const procedures: Procedure[] = [
  { path: 'session.status', kind: 'query', access: 'public', input: () => undefined },
  { path: 'session.me', kind: 'query', access: 'authed', input: () => undefined },
  { path: 'catalog.connections', kind: 'query', access: 'authed', input: () => undefined },
  { path: 'catalog.topics', kind: 'query', access: 'authed', input: () => ({ connection: 'local' }) },
  { path: 'catalog.get', kind: 'query', access: 'read', input: () => ({ orgId: 'acme' }) },
  { path: 'catalog.algorithms', kind: 'query', access: 'read', input: () => ({ orgId: 'acme' }) },
  // Any signed-in person: what each sees is limited to their org's grants (discover.test.ts).
  { path: 'discover.topics', kind: 'query', access: 'authed', input: () => ({ connection: 'local' }) },
  { path: 'discover.acls', kind: 'query', access: 'authed', input: () => ({ connection: 'local' }) },
  { path: 'discover.groups', kind: 'query', access: 'authed', input: () => ({ connection: 'local' }) },
  // A member adopts into the org's flows only what the org's grants cover (adopt.test.ts).
  { path: 'discover.adopt', kind: 'mutation', access: 'write', input: () => ({ connection: 'local', topics: [], principals: [], into: { kind: 'new', orgId: 'acme', name: unique('Adopted ') } }) },
  { path: 'discover.leaveAlone', kind: 'mutation', access: 'admin', input: () => ({ connection: 'local', kind: 'topic', names: [unique('matrix.')], leftAlone: true }) },
  // The matrix's server is standalone: listing says so (200), and a permitted adopt reaches the
  // platform check (412, "not connected to the platform's API"); platformListeners.test.ts adopts.
  { path: 'platform.listeners', kind: 'query', access: 'read', input: () => ({ orgId: 'acme' }) },
  {
    path: 'platform.adoptListeners',
    kind: 'mutation',
    access: 'write',
    permitted: 412,
    input: () => ({ orgId: 'acme', listeners: [{ userId: 'max', id: 'l-1' }], into: { kind: 'new', name: unique('Listeners ') } }),
  },
  { path: 'flows.list', kind: 'query', access: 'read', input: () => ({ orgId: 'acme' }) },
  { path: 'flows.get', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.history', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.revision', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed), revision: 1 }) },
  { path: 'flows.export', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed), format: 'yaml' }) },
  { path: 'flows.validate', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.plan', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.drift', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.create', kind: 'mutation', access: 'write', input: () => ({ orgId: 'acme', name: unique('Created ') }) },
  { path: 'flows.save', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed), baseRevision: 1, name: unique('Saved '), description: '', graph: { nodes: [], edges: [] } }) },
  { path: 'flows.rename', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed), baseRevision: 1, name: unique('Renamed '), description: '' }) },
  { path: 'flows.duplicate', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.delete', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed) }) },
  {
    path: 'flows.import',
    kind: 'mutation',
    access: 'write',
    input: () => ({ orgId: 'acme', text: exportFlow({ format: flowDocumentFormat, name: 'Imported', description: '', graph: { nodes: [], edges: [] } }, 'json') }),
  },
  { path: 'flows.deploy', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed), revision: 1 }) },
  { path: 'flows.undeploy', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.accessRequests', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.requestAccess', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'alerts.list', kind: 'query', access: 'read', input: async (bed) => ({ flowId: await newFlow(bed) }) },
  { path: 'alerts.history', kind: 'query', access: 'read', input: async (bed) => ({ flowId: await newFlow(bed) }) },
  { path: 'alerts.save', kind: 'mutation', access: 'write', input: async (bed) => ({ flowId: await newFlow(bed), rule: alertRule }) },
  { path: 'alerts.remove', kind: 'mutation', access: 'write', input: async (bed) => newAlert(bed) },
  { path: 'alerts.silence', kind: 'mutation', access: 'write', input: async (bed) => ({ ...(await newAlert(bed)), minutes: 30 }) },
  { path: 'bindings.list', kind: 'query', access: 'read', input: () => ({ algorithm: 'acme/classify' }) },
  { path: 'bindings.enable', kind: 'mutation', access: 'write', input: async (bed) => ({ ...(await newGrant(bed)), version: '1.0.0' }) },
  { path: 'bindings.edit', kind: 'mutation', access: 'write', input: async (bed) => ({ ...(await enabled(bed)), version: '1.0.0' }) },
  { path: 'bindings.disable', kind: 'mutation', access: 'write', input: async (bed) => enabled(bed) },
  {
    path: 'bindings.requestAccess',
    kind: 'mutation',
    access: 'write',
    input: () => ({ algorithm: 'acme/echo', connection: 'local', topic: unique('wanted.'), access: 'publish', version: '1.0.0' }),
  },
  { path: 'bindings.accessRequests', kind: 'query', access: 'read', input: () => ({ algorithm: 'acme/echo' }) },
  { path: 'deployments.list', kind: 'query', access: 'read', input: async (bed) => ({ flowId: await newFlow(bed) }) },
  {
    path: 'deployments.get',
    kind: 'query',
    access: 'read',
    input: async (bed) => {
      const result = await deployFlow(bed.services, { flowId: await newFlow(bed), revision: 1, actor: users.admin });
      if (result.status !== 'deployed') throw new Error(`setup deploy ended ${result.status}`);
      return { id: result.deployment.id };
    },
  },
  { path: 'admin.connections.list', kind: 'query', access: 'admin', input: () => undefined },
  {
    path: 'admin.connections.create',
    kind: 'mutation',
    access: 'admin',
    input: () => ({ id: unique('conn-'), name: 'Other', bootstrap: ['127.0.0.1:1'], auth: { mechanism: 'none' }, tls: { enabled: false } }),
  },
  {
    path: 'admin.connections.update',
    kind: 'mutation',
    access: 'admin',
    input: async (bed) => {
      const id = unique('conn-');
      const input = { id, name: 'Other', bootstrap: ['127.0.0.1:1'], auth: { mechanism: 'none' as const }, tls: { enabled: false } };
      await upsertConnection(bed.services.db, bed.services.secrets, input, 'create');
      return { ...input, name: 'Renamed' };
    },
  },
  {
    path: 'admin.connections.delete',
    kind: 'mutation',
    access: 'admin',
    input: async (bed) => {
      const id = unique('conn-');
      await upsertConnection(bed.services.db, bed.services.secrets, { id, name: 'Gone', bootstrap: ['127.0.0.1:1'], auth: { mechanism: 'none' }, tls: { enabled: false } }, 'create');
      return { id };
    },
  },
  { path: 'admin.connections.test', kind: 'mutation', access: 'admin', input: () => ({ id: 'local' }) },
  { path: 'admin.grants.list', kind: 'query', access: 'admin', input: () => undefined },
  { path: 'admin.grants.add', kind: 'mutation', access: 'admin', input: () => ({ grants: [{ connection: 'local', topic: unique('granted.'), algorithm: 'acme/echo', access: 'subscribe' }] }) },
  { path: 'admin.grants.remove', kind: 'mutation', access: 'admin', input: (bed) => newGrant(bed) },
  { path: 'admin.redriveGrants.list', kind: 'query', access: 'admin', input: () => undefined },
  { path: 'admin.redriveGrants.people', kind: 'query', access: 'admin', input: () => ({ orgId: 'acme' }) },
  { path: 'admin.redriveGrants.add', kind: 'mutation', access: 'admin', input: () => ({ orgId: 'acme', userId: unique('someone-') }) },
  { path: 'admin.redriveGrants.remove', kind: 'mutation', access: 'admin', input: () => ({ orgId: 'acme', userId: unique('someone-') }) },
  { path: 'admin.grantRequests.list', kind: 'query', access: 'admin', input: () => undefined },
  ...(['approve', 'reject'] as const).map(
    (verb): Procedure => ({
      path: `admin.grantRequests.${verb}`,
      kind: 'mutation',
      access: 'admin',
      input: async (bed) => {
        const [request] = await requestGrants(bed.services.db, {
          grants: [{ connection: 'local', topic: unique('wanted.'), algorithm: 'acme/echo', access: 'publish' }],
          orgId: 'acme',
          flowId: null,
          requestedBy: 'max',
        });
        return { id: request?.id };
      },
    }),
  ),
  { path: 'admin.audit', kind: 'query', access: 'admin', input: () => undefined },
  { path: 'runtime.status', kind: 'query', access: 'read', input: () => ({ orgId: 'acme' }) },
  { path: 'runtime.history', kind: 'query', access: 'read', input: () => ({ orgId: 'acme' }) },
  { path: 'runtime.sendTestMessage', kind: 'mutation', access: 'write', input: () => ({ orgId: 'acme', connection: 'local', topic: 'orders', value: '{"amount":1}' }) },
  { path: 'flows.diff', kind: 'query', access: 'read', input: async (bed) => ({ id: await newFlow(bed), from: 1, to: 1 }) },
  { path: 'flows.rollback', kind: 'mutation', access: 'write', input: async (bed) => ({ id: await newFlow(bed), toRevision: 1, baseRevision: 1 }) },
  { path: 'flows.deployProgress', kind: 'subscription', access: 'read', input: async (bed) => ({ id: await newFlow(bed) }) },
  { path: 'flows.changes', kind: 'subscription', access: 'read', input: () => ({ orgId: 'acme' }) },
  { path: 'runtime.statusStream', kind: 'subscription', access: 'read', input: () => ({ orgId: 'acme' }) },
  { path: 'runtime.follow', kind: 'query', access: 'read', input: () => ({ flowId: ordersFlowId, topic: 'orders', partition: 0, offset: '0' }) },
  { path: 'runtime.dlq.peek', kind: 'query', access: 'read', input: () => ({ algorithm: 'acme/classify', connection: 'local', topic: 'orders', limit: 5 }) },
  { path: 'runtime.dlq.replay', kind: 'mutation', access: 'redrive', input: () => ({ algorithm: 'acme/classify', connection: 'local', topic: 'orders', select: 'all' }) },
  { path: 'runtime.dlq.groups', kind: 'query', access: 'read', input: () => ({ of: { algorithm: 'acme/classify', connection: 'local', topic: 'orders' } }) },
  {
    path: 'runtime.dlq.redrive',
    kind: 'mutation',
    access: 'redrive',
    input: () => ({ algorithm: 'acme/classify', connection: 'local', topic: 'orders', select: [{ partition: 0, offset: '999999' }], rate: 100 }),
  },
  // A redrive run is its starter's (and a cluster admin's): anyone signed in may ask of theirs (none here).
  { path: 'runtime.dlq.redriveRun', kind: 'query', access: 'authed', input: () => ({ id: '00000000-0000-4000-8000-000000000000' }) },
  { path: 'runtime.dlq.steerRedrive', kind: 'mutation', access: 'authed', input: () => ({ id: '00000000-0000-4000-8000-000000000000', action: 'pause' }) },
  // The runs of a subscription its org's people may read: a member sees their own, a cluster admin everyone's.
  { path: 'runtime.dlq.redriveRuns', kind: 'query', access: 'read', input: () => ({ algorithm: 'acme/classify', connection: 'local', topic: 'orders' }) },
  // Only a member or admin resumes, and only an interrupted run of theirs: none here.
  { path: 'runtime.dlq.resumeRedrive', kind: 'mutation', access: 'write', input: () => ({ id: '00000000-0000-4000-8000-000000000000' }), permitted: 404 },
  // A replay's progress and stop are the caller's own: anyone signed in may ask of theirs (none here).
  { path: 'runtime.dlq.replayProgress', kind: 'query', access: 'authed', input: () => ({ run: 'matrix-run-1' }) },
  { path: 'runtime.dlq.stopReplay', kind: 'mutation', access: 'authed', input: () => ({ run: 'matrix-run-1' }) },
  {
    path: 'runtime.dlq.replayEdited',
    kind: 'mutation',
    access: 'redrive',
    input: () => ({ algorithm: 'acme/classify', connection: 'local', topic: 'orders', record: { partition: 0, offset: '999999' }, value: { text: '{"id":"o-1"}' } }),
  },
];

describe('authorization matrix', () => {
  let bed: HttpBed;
  beforeAll(async () => {
    bed = await startHttpBed();
    // An enabled subscription with a DLQ, for the DLQ tools.
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'ada' });
    const deployed = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.admin });
    expect(deployed.status).toBe('deployed');
    ordersFlowId = flow.id;
  }, 60_000);
  afterAll(async () => bed?.close());

  it('covers every procedure of the router', async () => {
    const { appRouter } = await import('./appRouter.ts');
    const all = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.map((p) => p.path).sort()).toEqual(all);
  });

  for (const procedure of procedures) {
    it(`${procedure.path} (${procedure.access})`, async () => {
      const answers: Record<string, number> = {};
      const messages: string[] = [];
      const want = Object.fromEntries(Object.entries(expected[procedure.access]).map(([caller, status]) => [caller, status === 200 ? (procedure.permitted ?? 200) : status]));
      for (const caller of Object.keys(callerToken) as Caller[]) {
        const { status, body } = await bed.call(procedure.kind, procedure.path, await procedure.input(bed), callerToken[caller]);
        answers[caller] = status;
        if (status !== want[caller]) messages.push(`${caller}: ${status} ${body.error?.message ?? ''}`);
        if (status === 401) expect(body.error?.data.code).toBe('UNAUTHORIZED');
        if (status === 403) expect(body.error?.data.code).toBe('FORBIDDEN');
        if (status === 404) expect(body.error?.data.code).toBe('NOT_FOUND');
      }
      expect(messages).toEqual([]);
      expect(answers).toEqual(want);
    });
  }

  it("answers another org's member about an existing flow, deployment or binding exactly as about one that does not exist", async () => {
    const flowId = await newFlow(bed);
    const deployed = await deployFlow(bed.services, { flowId: await newFlow(bed), revision: 1, actor: users.admin });
    if (deployed.status !== 'deployed') throw new Error(`setup deploy ended ${deployed.status}`);
    const asOther = async (kind: 'query' | 'mutation', path: string, input: unknown) => {
      const { status, body } = await bed.call(kind, path, input, tokens.otherMember);
      return { status, code: body.error?.data.code, message: body.error?.message };
    };
    /** Calls `path` for an existing id and for a missing one: both NOT_FOUND, in the same sentence but for the id. */
    const sameAnswer = async (kind: 'query' | 'mutation', path: string, input: (id: string | number) => unknown, existing: string | number, missing: string | number) => {
      const [a, b] = [await asOther(kind, path, input(existing)), await asOther(kind, path, input(missing))];
      expect([a.code, b.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(a.message?.replace(String(existing), '<id>')).toBe(b.message?.replace(String(missing), '<id>'));
    };
    const missing = 'flow-that-never-was';
    await sameAnswer('query', 'flows.get', (id) => ({ id }), flowId, missing);
    await sameAnswer('query', 'flows.plan', (id) => ({ id }), flowId, missing);
    await sameAnswer('query', 'flows.drift', (id) => ({ id }), flowId, missing);
    await sameAnswer('mutation', 'flows.deploy', (id) => ({ id, revision: 1 }), flowId, missing);
    await sameAnswer('query', 'flows.accessRequests', (id) => ({ id }), flowId, missing);
    await sameAnswer('mutation', 'flows.requestAccess', (id) => ({ id }), flowId, missing);
    await sameAnswer('query', 'deployments.list', (flowId) => ({ flowId }), flowId, missing);
    await sameAnswer('query', 'deployments.get', (id) => ({ id }), deployed.deployment.id, 999_999);
    expect((await asOther('query', 'bindings.list', { algorithm: 'acme/classify' })).code).toBe('NOT_FOUND');
  });

  it('reads no token from a URL: a stream with it only in the connection params gets 401', async () => {
    const input = encodeURIComponent(JSON.stringify({ orgId: 'acme' }));
    const params = encodeURIComponent(JSON.stringify({ token: tokens.member }));
    const controller = new AbortController();
    const response = await fetch(`${bed.url}/trpc/runtime.statusStream?input=${input}&connectionParams=${params}`, { signal: controller.signal });
    const { status, body } = await streamAnswer(response, controller);
    expect(status).toBe(401);
    expect(body.error?.data.code).toBe('UNAUTHORIZED');
  });
});
