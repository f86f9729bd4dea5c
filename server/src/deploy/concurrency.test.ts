import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/db.ts';
import { defaultMaxConnections } from '../db/postgres.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import type { Services } from '../services.ts';
import { listBindings } from '../store/deployState.ts';
import { listDeployments, type Deployment } from '../store/deployments.ts';
import { createFlow, getFlow } from '../store/flows.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { addConnection, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { startHttpBed, tokens } from '../testing/httpBed.ts';
import { deployFlow, deployLock, undeployFlow } from './deployEngine.ts';

/** A gateway that takes its time creating ACLs, so two unserialised deploys would overlap. */
const slowAcls = (gateway: KafkaGateway): KafkaGateway => ({
  ...gateway,
  async createAcls(connection, acls) {
    await new Promise((r) => setTimeout(r, 300));
    return gateway.createAcls(connection, acls);
  },
});

function stage(prefix: string, algorithm: string, connection = 'local'): FlowGraph {
  return {
    nodes: [
      { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection, topic: `${prefix}.in` },
      { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm, version: '1.0.0' },
      { id: 'out', kind: 'topic', position: { x: 400, y: 0 }, connection, topic: `${prefix}.out` },
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
      { id: 'e2', kind: 'publish', source: 'a', target: 'out' },
    ],
  };
}

/** Asserts that no two of `deployments` ran at the same time: each starts after the one before ended. */
function expectOneAtATime(deployments: readonly (Deployment | undefined)[]): void {
  const intervals = deployments.map((d) => [Date.parse(d?.startedAt ?? ''), Date.parse(d?.finishedAt ?? '')] as const).sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < intervals.length; i++) expect(intervals[i]?.[0]).toBeGreaterThanOrEqual(intervals[i - 1]?.[1] ?? Infinity);
}

describe.each(testDatabases())('deploys touching one connection on $name', (database) => {
  let db: TestDb;
  let first: TestBed;
  let second: Services;
  beforeAll(async () => {
    db = await database.open();
    first = await startTestBed({ db, wrapKafka: slowAcls });
    // A second server replica: its own database handle (its own pool on PostgreSQL), the same broker.
    second = { ...first.services, db: await db.replica() };
  }, 60_000);
  afterAll(async () => {
    await first?.close();
    await db?.close();
  });

  it('are serialised across replicas: their deployments never overlap', async () => {
    const a = await createFlow(db, { orgId: 'acme', name: 'A', description: '', graph: stage('a', 'acme/echo'), actor: 'ada' });
    const b = await createFlow(db, { orgId: 'acme', name: 'B', description: '', graph: stage('b', 'acme/classify'), actor: 'ada' });
    const results = await Promise.all([
      deployFlow(first.services, { flowId: a.id, revision: 1, actor: users.admin }),
      deployFlow(second, { flowId: b.id, revision: 1, actor: users.admin }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['deployed', 'deployed']);
    const [da] = await listDeployments(db, { flowId: a.id });
    const [dbb] = await listDeployments(db, { flowId: b.id });
    expectOneAtATime([da, dbb]);
    expect(await listBindings(db)).toHaveLength(4);
  });

  it('a deploy that waits out the lock says which lock and which connection', async () => {
    const flow = await createFlow(db, { orgId: 'acme', name: 'Waits', description: '', graph: stage('waits', 'acme/echo'), actor: 'ada' });
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = () => undefined as void;
    const taken = new Promise<void>((resolve) => (holding = resolve));
    // Another replica holds the connection's deploy lock (a deploy of another flow under way there).
    const holder = second.db.withLock(deployLock('local'), async () => {
      holding();
      await held;
    });
    await taken;
    try {
      const attempt = await deployFlow(first.services, { flowId: flow.id, revision: 1, actor: users.admin, lockWaitMs: 300 }).then(
        () => 'deployed',
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      expect(attempt).toContain('lock "eventflows:deploy:local"');
      expect(attempt).toContain('Kafka connection "local"');
    } finally {
      release();
      await holder;
    }
  });

  it('all finish, one at a time, when more wait than the database pool has clients', async () => {
    // More waiters in one process than its pool's clients: a wait that held a client would starve the holder.
    const here = defaultMaxConnections + 5;
    const there = 3;
    const flows = [];
    for (let i = 0; i < here + there; i++) {
      flows.push(await createFlow(db, { orgId: 'acme', name: `Many ${i}`, description: '', graph: stage(`many${i}`, 'acme/echo'), actor: 'ada' }));
    }
    const results = await Promise.all(
      flows.map((flow, i) => deployFlow(i < here ? first.services : second, { flowId: flow.id, revision: 1, actor: users.admin })),
    );
    expect(results.map((r) => r.status)).toEqual(flows.map(() => 'deployed'));
    const deployments = await Promise.all(flows.map(async (flow) => (await listDeployments(db, { flowId: flow.id }))[0]));
    expect(deployments.map((d) => d?.status)).toEqual(flows.map(() => 'succeeded'));
    expectOneAtATime(deployments);
  });
});

describe.each(testDatabases())('deleting a flow while it deploys on $name', (database) => {
  it('waits for the deploy to finish, then refuses: the flow is deployed', async () => {
    const db = await database.open();
    const bed = await startHttpBed({ db });
    try {
      const flow = await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
      let deletion: ReturnType<typeof bed.call> | undefined;
      const deployed = await deployFlow(bed.services, {
        flowId: flow.id,
        revision: 1,
        actor: users.member,
        onStep: async (step) => {
          if (!step.title.startsWith('Create') || deletion) return;
          // Asked for while the topics are created; given time to finish if nothing holds it back.
          deletion = bed.call('mutation', 'flows.delete', { id: flow.id }, tokens.member);
          await Promise.race([deletion, new Promise((r) => setTimeout(r, 500))]);
        },
      });
      expect(deployed.status).toBe('deployed');
      const refused = await deletion;
      expect(refused?.status).toBe(412);
      expect(refused?.body.error?.data.code).toBe('PRECONDITION_FAILED');
      expect(await getFlow(db, flow.id)).toMatchObject({ id: flow.id });

      // Undeployed, it can go.
      expect((await undeployFlow(bed.services, { flowId: flow.id, actor: users.member })).status).toBe('deployed');
      expect((await bed.call('mutation', 'flows.delete', { id: flow.id }, tokens.member)).status).toBe(200);
      expect(await getFlow(db, flow.id)).toBeUndefined();
      expect(await listBindings(db)).toEqual([]);
    } finally {
      await bed.close();
      await db.close();
    }
  }, 60_000);
});

/** A database whose next read of every enabled binding, once `slowNext` is called, answers `ms` late (a slow round trip, a pause). */
function slowBindingReads(db: Db, ms: number): Db & { slowNext(): void } {
  let slow = false;
  return {
    ...db,
    slowNext: () => (slow = true),
    async query<Row>(sql: string, params?: readonly unknown[]) {
      const rows = await db.query<Row>(sql, params);
      if (slow && sql.includes('from bindings') && params?.[0] === null && params[1] === null) {
        slow = false;
        await new Promise((r) => setTimeout(r, ms));
      }
      return rows;
    },
  };
}

describe.each(testDatabases())('deploys on different connections on $name', (database) => {
  it('hand the runtime every enabled binding last, whichever reads the bindings first', async () => {
    const db = await database.open();
    const slowDb = slowBindingReads(db, 2_000);
    const bed = await startTestBed({ db: slowDb });
    const remote = await addConnection(bed, 'remote');
    try {
      const a = await createFlow(db, { orgId: 'acme', name: 'A', description: '', graph: stage('a', 'acme/echo'), actor: 'ada' });
      const b = await createFlow(db, { orgId: 'acme', name: 'B', description: '', graph: stage('b', 'acme/classify', 'remote'), actor: 'ada' });
      let deployB: Promise<unknown> | undefined;
      const deployedA = await deployFlow(bed.services, {
        flowId: a.id,
        revision: 1,
        actor: users.admin,
        onStep: (step) => {
          if (!step.title.startsWith('Enable')) return;
          // A's bindings are committed; its read of all bindings for the runtime comes next, and is slow.
          // B deploys on another connection meanwhile.
          slowDb.slowNext();
          deployB = deployFlow(bed.services, { flowId: b.id, revision: 1, actor: users.admin });
        },
      });
      expect(deployedA.status).toBe('deployed');
      expect(await deployB).toMatchObject({ status: 'deployed' });
      const enabled = await listBindings(db);
      expect(enabled).toHaveLength(4);
      // A's late read was handed on first, then B's, which came after it.
      expect(bed.reconciled.map((set) => set.length)).toEqual([2, 4]);
      expect(bed.reconciled.at(-1)).toEqual(enabled);
    } finally {
      await bed.close();
      await remote.close();
      await db.close();
    }
  }, 60_000);
});
