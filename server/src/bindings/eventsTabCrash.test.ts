/**
 * An Events-tab change is saved and deployed, or neither (issue 16, item 9). A crash between the save
 * and the deploy used to leave a saved revision nobody deployed, after which every Events-tab action on
 * the flow answered 409 until someone opened it on the canvas. The crash is made by the database going
 * away (every statement failing, as when the process dies) right after the change's revision is
 * written; the database then comes back, the start-up recovery runs, and the tab must work again.
 */
import { principalFor } from '@event-flows/model';
import type { Db, Queryable } from '../db/db.ts';
import { finishInterruptedDeploys } from '../deploy/deployEngine.ts';
import { listBindings } from '../store/deployState.ts';
import { createFlow, getFlow, listRevisions, saveFlow } from '../store/flows.ts';
import { testDatabases } from '../testing/databases.ts';
import { openTestPglite } from '../testing/pgliteSnapshot.ts';
import { aclsOf } from '../testing/harness.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventsFlowId } from './eventsTab.ts';

/** A database that stops answering, once armed, right after a flow revision is written. */
function stoppingAfterRevision(db: Db) {
  const state = { armed: false, down: false };
  const wrap = (q: Queryable): Queryable => ({
    async query<Row>(sql: string, params?: readonly unknown[]) {
      if (state.down) throw new Error('injected: the server stopped');
      const rows = await q.query<Row>(sql, params);
      if (state.armed && sql.startsWith('insert into flow_revisions')) state.down = true;
      return rows;
    },
  });
  const stopping: Db = { ...db, query: wrap(db).query, transaction: (work) => db.transaction((tx) => work(wrap(tx))) };
  return { db: stopping, state };
}

describe('an Events-tab change cut short by a crash', () => {
  let bed: HttpBed;
  let db: Db;
  let state: { armed: boolean; down: boolean };
  beforeEach(async () => {
    db = await openTestPglite();
    const stopping = stoppingAfterRevision(db);
    state = stopping.state;
    bed = await startHttpBed({ db: stopping.db });
  }, 60_000);
  afterEach(async () => {
    await bed?.close();
    await db?.close();
  });

  const change = (access: 'subscribe' | 'publish', topic: string, algorithm = 'acme/classify', version = '1.2.0') => ({ algorithm, connection: 'local', topic, access, version });
  const enable = (input: ReturnType<typeof change>) => bed.call('mutation', 'bindings.enable', input, tokens.member);

  /** Crashes the next Events-tab change right after its revision is written; then restarts. */
  async function crashing(work: () => Promise<unknown>): Promise<void> {
    state.armed = true;
    const answer = await work();
    expect(state.down, JSON.stringify(answer)).toBe(true);
    state.armed = false;
    state.down = false;
    await finishInterruptedDeploys(bed.services, { waitMs: 1_000 });
  }

  it('leaves the flow as deployed, and the same change works afterwards', async () => {
    expect((await enable(change('subscribe', 'orders'))).status).toBe(200);
    const flowId = eventsFlowId('acme/classify');
    await crashing(() => enable(change('publish', 'orders.classified')));

    const flow = await getFlow(db, flowId);
    expect(flow?.graph.edges.filter((e) => e.kind === 'publish')).toEqual([]);
    const again = await enable(change('publish', 'orders.classified'));
    expect(again.status).toBe(200);
    expect((await listBindings(db, { algorithm: 'acme/classify' })).map((b) => `${b.direction} ${b.topic}`)).toEqual(['subscribe orders', 'publish orders.classified']);
  }, 60_000);

  it("of an algorithm's first access leaves nothing in the way of the next one", async () => {
    await crashing(() => enable(change('subscribe', 'orders.classified', 'acme/enrich', '1.0.0')));
    const again = await enable(change('subscribe', 'orders.classified', 'acme/enrich', '1.0.0'));
    expect(again.status).toBe(200);
    expect((await listBindings(db, { algorithm: 'acme/enrich' })).map((b) => `${b.direction} ${b.topic}`)).toEqual(['subscribe orders.classified']);
  }, 60_000);
});

describe.each(testDatabases())('an Events-tab change whose deploy fails after its bindings changed, on $name', (database) => {
  let bed: HttpBed;
  let db: Db;
  let failDeletes = false;
  beforeEach(async () => {
    failDeletes = false;
    db = await database.open();
    bed = await startHttpBed({
      db,
      wrapKafka: (gateway) => ({
        ...gateway,
        deleteAcls: (connection, acls) => (failDeletes ? Promise.reject(new Error('injected: broker connection lost')) : gateway.deleteAcls(connection, acls)),
      }),
    });
  }, 60_000);
  afterEach(async () => {
    await bed?.close();
    await db?.close();
  });

  it('says the change was made and what is left, and a deploy of the flow finishes it', async () => {
    const input = { algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe', version: '1.2.0' };
    expect((await bed.call('mutation', 'bindings.enable', input, tokens.member)).status).toBe(200);
    failDeletes = true;
    const disabled = await bed.call('mutation', 'bindings.disable', { algorithm: input.algorithm, connection: input.connection, topic: input.topic, access: input.access }, tokens.member);
    expect(disabled.status).toBe(412);
    expect(disabled.body.error?.message).toMatch(/saved and its bindings changed, but the deploy did not finish.*The next change here, or a deploy of the flow, finishes it/);
    expect(await listBindings(bed.services.db, { algorithm: 'acme/classify' })).toEqual([]);

    failDeletes = false;
    const flow = await getFlow(bed.services.db, eventsFlowId('acme/classify'));
    expect(flow?.graph.edges).toEqual([]);
    const deploy = await bed.call('mutation', 'flows.deploy', { id: flow?.id, revision: flow?.revision }, tokens.member);
    expect(deploy.body.result?.data).toMatchObject({ status: 'deployed' });
    expect(await aclsOf(bed.admin, principalFor('acme/classify'))).toEqual([]);
  }, 60_000);

  it('leaves the tab working: its next change builds on the saved one and finishes what was left', async () => {
    const input = { algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe', version: '1.2.0' };
    expect((await bed.call('mutation', 'bindings.enable', input, tokens.member)).status).toBe(200);
    failDeletes = true;
    const disabled = await bed.call('mutation', 'bindings.disable', { algorithm: input.algorithm, connection: input.connection, topic: input.topic, access: input.access }, tokens.member);
    expect(disabled.status).toBe(412);
    failDeletes = false;

    const next = await bed.call('mutation', 'bindings.enable', { ...input, topic: 'orders.classified', access: 'publish' }, tokens.member);
    expect(next.status, next.body.error?.message).toBe(200);
    expect((await listBindings(bed.services.db, { algorithm: 'acme/classify' })).map((b) => `${b.direction} ${b.topic}`)).toEqual(['publish orders.classified']);
    // The subscription's ACLs, which the failed deploy left, went with this change.
    expect(await aclsOf(bed.admin, principalFor('acme/classify'))).toEqual(['TOPIC:orders.classified:WRITE']);
  }, 60_000);
});

describe.each(testDatabases())('an Events-tab revision an earlier version saved and never deployed, on $name', (database) => {
  let bed: HttpBed;
  let db: Db;
  beforeEach(async () => {
    db = await database.open();
    bed = await startHttpBed({ db });
  }, 60_000);
  afterEach(async () => {
    await bed?.close();
    await db?.close();
  });

  const change = (access: 'subscribe' | 'publish', topic: string) => ({ algorithm: 'acme/classify', connection: 'local', topic, access, version: '1.2.0' });
  const enable = (input: ReturnType<typeof change>) => bed.call('mutation', 'bindings.enable', input, tokens.member);
  const live = async () => (await listBindings(bed.services.db, { algorithm: 'acme/classify' })).map((b) => `${b.direction} ${b.topic}`);

  it('is set aside: the next change builds on what is live, and the revision stays in the history', async () => {
    expect((await enable(change('subscribe', 'orders'))).status).toBe(200);
    const flowId = eventsFlowId('acme/classify');
    const before = await getFlow(bed.services.db, flowId);
    if (!before) throw new Error('the Events-tab flow is missing');
    // As the Events tab saved before its changes became atomic: the revision, then a crash before its deploy.
    const subscription = before.graph.edges[0];
    const leftOver = { ...before.graph, edges: before.graph.edges.map((e) => (e === subscription ? { ...e, version: '9.9.9' } : e)) };
    expect((await saveFlow(bed.services.db, { id: flowId, baseRevision: before.revision, name: before.name, description: before.description, graph: leftOver, actor: 'max' })).status).toBe('saved');

    const next = await enable(change('publish', 'orders.classified'));
    expect(next.status, next.body.error?.message).toBe(200);
    expect(await live()).toEqual(['subscribe orders', 'publish orders.classified']);
    const bindings = await listBindings(bed.services.db, { algorithm: 'acme/classify' });
    expect(bindings.find((b) => b.direction === 'subscribe')?.version).toBe('1.2.0');
    expect((await listRevisions(bed.services.db, flowId)).map((r) => r.revision).slice(0, 3)).toEqual([before.revision + 2, before.revision + 1, before.revision]);
  }, 60_000);

  it('of a new Events-tab flow is set aside too', async () => {
    // As the Events tab made a new flow before: created with the change, then a crash before its deploy.
    const edges = [{ id: 'e-1', kind: 'subscribe' as const, source: 't-1', target: 'a-1', version: '1.2.0' }];
    const nodes = [
      { id: 't-1', kind: 'topic' as const, position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
      { id: 'a-1', kind: 'algorithm' as const, position: { x: 0, y: 0 }, algorithm: 'acme/classify', version: '1.2.0' },
    ];
    await createFlow(bed.services.db, { id: eventsFlowId('acme/classify'), orgId: 'acme', name: 'acme/classify (Events tab)', description: '', graph: { nodes, edges }, actor: 'max' });

    const next = await enable(change('publish', 'orders.classified'));
    expect(next.status, next.body.error?.message).toBe(200);
    expect(await live()).toEqual(['publish orders.classified']);
  }, 60_000);
});
