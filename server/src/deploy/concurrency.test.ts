import type { FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import type { Services } from '../services.ts';
import { listBindings } from '../store/deployState.ts';
import { listDeployments } from '../store/deployments.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startTestBed, users, type TestBed } from '../testing/harness.ts';
import { deployFlow } from './deployEngine.ts';

/** A gateway that takes its time creating ACLs, so two unserialised deploys would overlap. */
const slowAcls = (gateway: KafkaGateway): KafkaGateway => ({
  ...gateway,
  async createAcls(connection, acls) {
    await new Promise((r) => setTimeout(r, 300));
    return gateway.createAcls(connection, acls);
  },
});

function stage(prefix: string, algorithm: string): FlowGraph {
  return {
    nodes: [
      { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: `${prefix}.in` },
      { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm, version: '1.0.0' },
      { id: 'out', kind: 'topic', position: { x: 400, y: 0 }, connection: 'local', topic: `${prefix}.out` },
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
      { id: 'e2', kind: 'publish', source: 'a', target: 'out' },
    ],
  };
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
    const intervals = [da, dbb].map((d) => [Date.parse(d?.startedAt ?? ''), Date.parse(d?.finishedAt ?? '')] as const).sort((x, y) => x[0] - y[0]);
    const [earlier, later] = intervals;
    expect(later?.[0]).toBeGreaterThanOrEqual(earlier?.[1] ?? Infinity);
    expect(await listBindings(db)).toHaveLength(4);
  });
});
