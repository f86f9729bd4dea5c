import { pipelineGraph, type Binding } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockTimeoutError, type Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { secretBox } from '../connections/secretBox.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { addGrants, decideGrantRequest, listGrantRequests, listGrants, requestGrants } from './access.ts';
import { audit, listAudit } from './audit.ts';
import { getConnectionConfig, getConnectionView, listConnections, upsertConnection } from './connections.ts';
import { deleteBinding, listBindings, upsertBinding } from './deployState.ts';
import { createFlow, getRevision, listFlows, listRevisions, saveFlow } from './flows.ts';

const box = secretBox(Buffer.alloc(32, 7));

describe.each(testDatabases())('stores on $name', (database) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await database.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('migrates once', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('saves flows with optimistic concurrency: of two saves on one base revision, one wins', async () => {
    const flow = await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'alice' });
    expect(flow.revision).toBe(1);
    const graph = { ...pipelineGraph(), nodes: pipelineGraph().nodes.slice(0, 3), edges: [] };
    const results = await Promise.all([
      saveFlow(db, { id: flow.id, baseRevision: 1, name: 'Orders', description: 'a', graph, actor: 'alice' }),
      saveFlow(db, { id: flow.id, baseRevision: 1, name: 'Orders', description: 'b', graph, actor: 'bob' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['conflict', 'saved']);
    const conflict = results.find((r) => r.status === 'conflict');
    expect(conflict?.status === 'conflict' && conflict.current.revision).toBe(2);
    expect((await listRevisions(db, flow.id)).map((r) => r.revision)).toEqual([2, 1]);
    expect((await getRevision(db, flow.id, 1))?.graph).toEqual(pipelineGraph());
    const [summary] = await listFlows(db, 'acme');
    expect(summary).toMatchObject({ id: flow.id, revision: 2, nodeCount: 3, edgeCount: 0 });
    expect(await saveFlow(db, { id: 'nope', baseRevision: 1, name: 'x', description: '', graph, actor: 'a' })).toEqual({ status: 'missing' });
  });

  it('keeps connection passwords encrypted and out of every view', async () => {
    await upsertConnection(
      db,
      box,
      { id: 'prod', name: 'Prod', bootstrap: ['kafka-1:9093'], auth: { mechanism: 'scram-sha-512', username: 'efs', password: 's3cret-pw' }, tls: { enabled: true } },
      'create',
    );
    const [raw] = await db.query<{ secret: string }>('select secret from connections where id = $1', ['prod']);
    expect(raw?.secret).toMatch(/^v1:/);
    expect(raw?.secret).not.toContain('s3cret-pw');
    expect(JSON.stringify(await listConnections(db))).not.toContain('s3cret-pw');
    expect(await getConnectionView(db, 'prod')).toMatchObject({ hasPassword: true, auth: { mechanism: 'scram-sha-512', username: 'efs' } });
    // An update without a password keeps the stored one.
    await upsertConnection(db, box, { id: 'prod', name: 'Production', bootstrap: ['kafka-1:9093'], auth: { mechanism: 'scram-sha-512', username: 'efs' }, tls: { enabled: true } }, 'update');
    expect((await getConnectionConfig(db, box, 'prod'))?.auth).toEqual({ mechanism: 'scram-sha-512', username: 'efs', password: 's3cret-pw' });
  });

  it("keeps a connection's member topic limits until an update leaves them out", async () => {
    const input = { id: 'limited', name: 'Limited', bootstrap: ['kafka-1:9092'], auth: { mechanism: 'none' as const }, tls: { enabled: false } };
    const roomy = { partitions: 48, replicationFactor: 2, config: { 'cleanup.policy': { oneOf: ['delete'] } } };
    expect(await upsertConnection(db, box, { ...input, memberTopicLimits: roomy }, 'create')).toMatchObject({ memberTopicLimits: roomy });
    expect((await listConnections(db)).find((c) => c.id === 'limited')?.memberTopicLimits).toEqual(roomy);
    const back = await upsertConnection(db, box, input, 'update');
    expect(back).toBeDefined();
    expect(back?.memberTopicLimits).toBeUndefined();
  });

  it('files one pending request per grant and grants on approval', async () => {
    const grant = { connection: 'prod', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' as const };
    const [first] = await requestGrants(db, { grants: [grant], orgId: 'acme', flowId: null, requestedBy: 'alice' });
    const [again] = await requestGrants(db, { grants: [grant], orgId: 'acme', flowId: null, requestedBy: 'bob' });
    expect(again?.id).toBe(first?.id);
    expect(await listGrants(db, { algorithm: 'acme/classify' })).toEqual([]);
    const decided = await db.transaction((tx) => decideGrantRequest(tx, { id: first?.id ?? 0, approve: true, decidedBy: 'root' }));
    expect(decided?.status).toBe('approved');
    expect(await decideGrantRequest(db, { id: first?.id ?? 0, approve: false, decidedBy: 'root' })).toBeUndefined();
    expect(await listGrants(db, { algorithm: 'acme/classify' })).toEqual([expect.objectContaining({ ...grant, grantedBy: 'root' })]);
    expect(await addGrants(db, [grant], 'root')).toBe(0);
    expect(await listGrantRequests(db, { status: 'pending' })).toEqual([]);
  });

  it('stores bindings by identity', async () => {
    const binding: Binding = { flowId: 'f1', algorithm: 'acme/alert', connection: 'prod', topic: 'alerts', direction: 'publish', version: '2.0.0', principal: 'User:eventflows.acme.alert' };
    await upsertBinding(db, binding);
    await upsertBinding(db, { ...binding, version: '2.1.0' });
    expect(await listBindings(db, { flowId: 'f1' })).toEqual([{ ...binding, version: '2.1.0' }]);
    await deleteBinding(db, binding);
    expect(await listBindings(db)).toEqual([]);
  });

  it('records audit entries newest first', async () => {
    await audit(db, { actor: 'root', action: 'grant.approve', target: 'prod/orders', result: 'ok' });
    await audit(db, { actor: 'alice', action: 'flow.deploy', target: 'f1', result: 'refused', detail: { reason: 'grants' } });
    const entries = await listAudit(db, { limit: 2 });
    expect(entries.map((e) => e.action)).toEqual(['flow.deploy', 'grant.approve']);
  });

  it('serialises work under one lock name', async () => {
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name}:start`);
      await new Promise((r) => setTimeout(r, 30));
      events.push(`${name}:end`);
    };
    await Promise.all([db.withLock('conn:prod', work('a')), db.withLock('conn:prod', work('b'))]);
    // Either may win the lock; what matters is that one finishes before the other starts.
    const first = events[0]?.slice(0, 1);
    const second = first === 'a' ? 'b' : 'a';
    expect(events).toEqual([`${first}:start`, `${first}:end`, `${second}:start`, `${second}:end`]);
  });

  it('gives up waiting for a held lock with a LockTimeoutError, here and in another replica', async () => {
    const replica = await db.replica();
    let release = () => {};
    let held = () => {};
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holder = db.withLock('conn:busy', async () => {
      held();
      await new Promise<void>((resolve) => (release = resolve));
      return 'holder';
    });
    await isHeld;
    const ran: string[] = [];
    const attempt = (on: Db, name: string) => on.withLock('conn:busy', async () => void ran.push(name), { waitMs: 150 });
    const started = Date.now();
    const [here, there] = await Promise.allSettled([attempt(db, 'here'), attempt(replica, 'there')]);
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const outcome of [here, there]) {
      expect(outcome.status === 'rejected' && outcome.reason).toBeInstanceOf(LockTimeoutError);
      expect(outcome.status === 'rejected' && (outcome.reason as Error).message).toContain('"conn:busy"');
    }
    // A caller arriving after the others gave up still waits for the holder.
    const later = db.withLock('conn:busy', async () => {
      ran.push('later');
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toEqual([]);
    release();
    expect(await holder).toBe('holder');
    await later;
    await replica.withLock('conn:busy', async () => void ran.push('replica after'), { waitMs: 5_000 });
    expect(ran).toEqual(['later', 'replica after']);
  });

  it('serialises work whose lock sets overlap, whatever order each names them in', async () => {
    let inside = 0;
    let most = 0;
    const work = async () => {
      most = Math.max(most, ++inside);
      await new Promise((r) => setTimeout(r, 30));
      inside--;
    };
    let ran = false;
    const unlocked = async () => {
      ran = true;
    };
    await Promise.all([db.withLock(['lock:a', 'lock:b'], work), db.withLock(['lock:b', 'lock:a'], work), db.withLock('lock:b', work), db.withLock([], unlocked)]);
    expect(most).toBe(1);
    expect(ran).toBe(true);
  });
});
