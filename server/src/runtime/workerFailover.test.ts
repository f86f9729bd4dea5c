/**
 * Three `pnpm worker` processes share a subscription's consumer group; one is killed with SIGKILL (no
 * LeaveGroup). With a 6 s session time-out (KAFKA_SESSION_TIMEOUT_MS) the group gives its partitions to
 * the other two, and every message sent before and after the kill comes out (at least once). Prints the
 * time the group took to be stable without the dead worker, and the duplicates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumerGroupFor, type FlowGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases } from '../testing/databases.ts';
import { startTestBed, users } from '../testing/harness.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');

const graph: FlowGraph = {
  nodes: [
    { id: 'in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
    { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/classify', version: '1.0.0' },
    { id: 'out', kind: 'topic', position: { x: 400, y: 0 }, connection: 'local', topic: 'orders.classified' },
  ],
  edges: [
    { id: 'e1', kind: 'subscribe', source: 'in', target: 'a' },
    { id: 'e2', kind: 'publish', source: 'a', target: 'out' },
  ],
};

/** How many members the group has, once it is stable (else -1). */
async function stableMembers(admin: kafkajs.Admin, group: string): Promise<number> {
  const { groups } = await admin.describeGroups([group]);
  const described = groups[0];
  return described?.state === 'Stable' ? described.members.length : -1;
}

describe('a worker killed with SIGKILL', () => {
  for (const database of testDatabases().filter((d) => d.name === 'postgres')) {
    it('loses its partitions to the others after the session time-out, and no message is lost', async () => {
      const db = await database.open();
      const bed = await startTestBed({ db });
      const env = {
        ...process.env,
        DATABASE_URL: db.processUrl(),
        SECRET_KEY: bed.secretKey.toString('base64'),
        DATA_DIR: '/nonexistent',
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        KAFKA_HEARTBEAT_INTERVAL_MS: '1000',
      };
      const workers: ChildProcess[] = [];
      const kafka = new kafkajs.Kafka({ clientId: 'failover-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
      const producer = kafka.producer();
      const reader = kafka.consumer({ groupId: 'failover-test-reader' });
      try {
        await bed.admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 6 }] });
        const flow = await createFlow(db, { orgId: 'acme', name: 'Failover', description: '', graph, actor: 'max' });
        expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member })).status).toBe('deployed');
        for (let i = 0; i < 3; i++) workers.push(spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: serverDir, env, stdio: 'ignore' }));
        const group = consumerGroupFor('acme/classify', 'local', 'orders');
        while ((await stableMembers(bed.admin, group)) !== 3) await sleep(200);

        const seen = new Map<string, number>();
        await reader.connect();
        await reader.subscribe({ topic: 'orders.classified', fromBeginning: true });
        void reader.run({ eachMessage: async ({ message }) => void seen.set(message.key?.toString() ?? '', (seen.get(message.key?.toString() ?? '') ?? 0) + 1) });
        await producer.connect();
        const send = (from: number, count: number) =>
          producer.send({ topic: 'orders', messages: Array.from({ length: count }, (_, i) => ({ key: `o-${from + i}`, value: JSON.stringify({ id: `o-${from + i}`, amount: 10 }) })) });
        await send(0, 300);

        const killedAt = Date.now();
        workers[0]?.kill('SIGKILL');
        await send(300, 300);
        let members = await stableMembers(bed.admin, group);
        while (members !== 2 && Date.now() - killedAt < 10_000) {
          await sleep(100);
          members = await stableMembers(bed.admin, group);
        }
        const rebalancedMs = Date.now() - killedAt;
        expect(members).toBe(2);

        while (seen.size < 600 && Date.now() - killedAt < 30_000) await sleep(200);
        const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
        process.stdout.write(`worker failover: group stable with 2 members ${rebalancedMs} ms after SIGKILL (session time-out 6 s); ${seen.size}/600 keys out, ${duplicates} duplicates\n`);
        expect(seen.size).toBe(600);
      } finally {
        for (const worker of workers) worker.kill('SIGTERM');
        await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((resolve) => w.once('exit', resolve)) : undefined)));
        await reader.disconnect().catch(() => undefined);
        await producer.disconnect().catch(() => undefined);
        await bed.close();
        await db.close();
      }
    }, 120_000);
  }
});
