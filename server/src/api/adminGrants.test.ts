/**
 * admin.grants and admin.grantRequests against what is deployed and what exists: a grant an enabled
 * binding needs cannot be revoked (also not while a deploy is enabling it), and grants are given only
 * to published algorithms on existing connections.
 */
import { pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../platform/demoConfig.ts';
import { listGrantRequests, listGrants, requestGrants } from '../store/access.ts';
import { listBindings } from '../store/deployState.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { aclsOf } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

const classify = 'User:eventflows.acme.classify';
const hasGrant = async (bed: HttpBed, grant: { connection: string; topic: string; algorithm: string; access: string }) =>
  (await listGrants(bed.services.db, { algorithm: grant.algorithm })).some((g) => g.connection === grant.connection && g.topic === grant.topic && g.access === grant.access);

describe('revoking a grant an enabled subscription needs for its DLQ', () => {
  let bed: HttpBed;
  beforeAll(async () => {
    bed = await startHttpBed();
  }, 60_000);
  afterAll(async () => bed?.close());

  it('is refused, and Kafka and the grants keep the access', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Pipeline', description: '', graph: pipelineGraph(), actor: 'max' });
    const deployed = await bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
    expect(deployed.body.result?.data).toMatchObject({ status: 'deployed' });
    const dlqGrant = { connection: 'local', topic: 'orders.dlq', algorithm: 'acme/classify', access: 'publish' } as const;

    const revoke = await bed.call('mutation', 'admin.grants.remove', dlqGrant, tokens.admin);
    expect(revoke.status).toBe(412);
    expect(revoke.body.error?.data.code).toBe('PRECONDITION_FAILED');
    expect(revoke.body.error?.message).toMatch(/^The subscribe binding of acme\/classify on "orders" of Local Kafka \(flow "Pipeline"\) needs this grant for its DLQ/);
    expect(await hasGrant(bed, dlqGrant)).toBe(true);
    expect(await aclsOf(bed.admin, classify)).toContain('TOPIC:orders.dlq:WRITE');

    // Once the flow is undeployed nothing needs the grant any more.
    expect((await bed.call('mutation', 'flows.undeploy', { id: flow.id }, tokens.member)).body.result?.data).toMatchObject({ status: 'deployed' });
    const again = await bed.call('mutation', 'admin.grants.remove', dlqGrant, tokens.admin);
    expect(again.body.result?.data).toEqual({ removed: true });
    expect(await hasGrant(bed, dlqGrant)).toBe(false);
  }, 60_000);
});

describe.each(testDatabases())('revoking a grant while a deploy enables it on $name', (database) => {
  let db: TestDb;
  let bed: HttpBed;
  let gate: Promise<void> | undefined;
  let applying: () => void = () => undefined;
  const inCreateAcls = new Promise<void>((resolve) => (applying = resolve));
  beforeAll(async () => {
    db = await database.open();
    bed = await startHttpBed({
      db,
      // Holds the deploy in CreateAcls, after it has planned with the grant, until the test lets it go.
      wrapKafka: (gateway) => ({
        ...gateway,
        close: () => gateway.close(),
        async createAcls(connection, acls) {
          applying();
          if (gate) await gate;
          return gateway.createAcls(connection, acls);
        },
      }),
    });
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await db?.close();
  });

  it('waits for the deploy, then is refused: the binding stays inside its grant', async () => {
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Pipeline', description: '', graph: pipelineGraph(), actor: 'max' });
    const deploying = bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
    await inCreateAcls;
    const grant = { connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' } as const;
    let settled = false;
    const revoking = bed.call('mutation', 'admin.grants.remove', grant, tokens.admin).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(settled).toBe(false);
    release();
    expect((await deploying).body.result?.data).toMatchObject({ status: 'deployed' });
    const revoke = await revoking;
    expect(revoke.status).toBe(412);
    expect(await hasGrant(bed, grant)).toBe(true);
    expect((await listBindings(bed.services.db, { algorithm: 'acme/classify' })).some((b) => b.topic === 'orders' && b.direction === 'subscribe')).toBe(true);
  }, 60_000);
});

describe('giving grants', () => {
  let bed: HttpBed;
  beforeAll(async () => {
    const platform = demoConfig();
    platform.algorithms.push({ ref: 'acme/draft', org: 'acme', name: 'draft', published: false, versions: [{ version: '0.1.0', published: false }] });
    bed = await startHttpBed({ platform });
  }, 60_000);
  afterAll(async () => bed?.close());

  const request = async (grant: { connection: string; topic: string; algorithm: string; access: 'publish' | 'subscribe' }) => {
    const [filed] = await requestGrants(bed.services.db, { grants: [grant], orgId: 'acme', flowId: null, requestedBy: 'max' });
    return filed?.id as number;
  };
  const statusOf = async (id: number) => (await listGrantRequests(bed.services.db)).find((r) => r.id === id)?.status;

  it('refuses algorithms the platform does not know or has not published', async () => {
    for (const algorithm of ['globex/nope', 'acme/draft', 'nobody/score']) {
      const grant = { connection: 'local', topic: 'orders', algorithm, access: 'subscribe' } as const;
      const add = await bed.call('mutation', 'admin.grants.add', { grants: [grant] }, tokens.admin);
      expect(add.status).toBe(412);
      expect(add.body.error?.message).toContain(`There is no published algorithm "${algorithm}"`);
      expect(await hasGrant(bed, grant)).toBe(false);
    }
    const id = await request({ connection: 'local', topic: 'orders', algorithm: 'acme/gone', access: 'subscribe' });
    const approve = await bed.call('mutation', 'admin.grantRequests.approve', { id }, tokens.admin);
    expect(approve.status).toBe(412);
    expect(approve.body.error?.message).toContain('"acme/gone"');
    expect(await statusOf(id)).toBe('pending');
    expect(await listGrants(bed.services.db, { algorithm: 'acme/gone' })).toEqual([]);
    // Such a request can still be rejected.
    expect((await bed.call('mutation', 'admin.grantRequests.reject', { id }, tokens.admin)).status).toBe(200);
    expect(await statusOf(id)).toBe('rejected');
  });

  it('refuses connections that do not exist', async () => {
    const grant = { connection: 'nowhere', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' } as const;
    const add = await bed.call('mutation', 'admin.grants.add', { grants: [grant] }, tokens.admin);
    expect(add.status).toBe(412);
    expect(add.body.error?.message).toContain('There is no connection "nowhere"');
    const id = await request(grant);
    const approve = await bed.call('mutation', 'admin.grantRequests.approve', { id }, tokens.admin);
    expect(approve.status).toBe(412);
    expect(await statusOf(id)).toBe('pending');
  });

  it('rejects the pending requests of a connection when it is deleted', async () => {
    const connection = { id: 'brief', name: 'Brief', bootstrap: ['127.0.0.1:1'], auth: { mechanism: 'none' }, tls: { enabled: false } };
    expect((await bed.call('mutation', 'admin.connections.create', connection, tokens.admin)).status).toBe(200);
    const id = await request({ connection: 'brief', topic: 'x', algorithm: 'acme/classify', access: 'subscribe' });
    expect((await bed.call('mutation', 'admin.connections.delete', { id: 'brief' }, tokens.admin)).status).toBe(200);
    const rejected = (await listGrantRequests(bed.services.db)).find((r) => r.id === id);
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'ada', reason: 'The connection "Brief" was deleted.' });
    const approve = await bed.call('mutation', 'admin.grantRequests.approve', { id }, tokens.admin);
    expect(approve.body.error?.data.code).toBe('NOT_FOUND');
  });

  it('lists each request with the flow that asked, by name, who asked and when; for cluster admins only', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Fraud checks', description: '', graph: pipelineGraph(), actor: 'max' });
    const [filed] = await requestGrants(bed.services.db, {
      grants: [{ connection: 'local', topic: 'fraud', algorithm: 'acme/classify', access: 'subscribe' }],
      orgId: 'acme',
      flowId: flow.id,
      requestedBy: 'max',
    });
    const listed = await bed.call('query', 'admin.grantRequests.list', { status: 'pending' }, tokens.admin);
    const row = (listed.body.result?.data as Array<{ id: number }>).find((r) => r.id === filed?.id);
    expect(row).toMatchObject({ flowId: flow.id, flowName: 'Fraud checks', requestedBy: 'max', requestedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect((await bed.call('query', 'admin.grantRequests.list', { status: 'pending' }, tokens.member)).status).toBe(403);
  });

  it('still gives grants to published algorithms on existing connections', async () => {
    const grant = { connection: 'local', topic: 'fresh', algorithm: 'acme/echo', access: 'publish' } as const;
    expect((await bed.call('mutation', 'admin.grants.add', { grants: [grant] }, tokens.admin)).body.result?.data).toEqual({ added: 1 });
    const id = await request({ ...grant, topic: 'fresher' });
    expect((await bed.call('mutation', 'admin.grantRequests.approve', { id }, tokens.admin)).body.result?.data).toMatchObject({ status: 'approved' });
    expect(await hasGrant(bed, { ...grant, topic: 'fresher' })).toBe(true);
  });
});
