/**
 * Stop before revoke, with the runtime in `pnpm worker` processes: an undeploy's hand-off completes
 * only when every live worker has acknowledged (through the database) that it stopped the bindings, so
 * the workers leave their groups while they still may and the ACLs go after; a redeploy right after
 * processes again at once. A worker that does not answer (stopped with SIGSTOP) makes the undeploy fail
 * with a sentence naming it, and the ACLs stay until an undeploy completes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumerGroupFor, type FlowGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { deployFlow, undeployFlow } from '../deploy/deployEngine.ts';
import { listManagedAcls } from '../store/deployState.ts';
import { createFlow, getFlow } from '../store/flows.ts';
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

describe('stop before revoke, in workers mode', () => {
  for (const database of testDatabases().filter((d) => d.name === 'postgres')) {
    it('an undeploy removes ACLs only after the workers left their groups, and names a worker that does not answer', async () => {
      const db = await database.open();
      const bed = await startTestBed({ db, workerAckTimeoutMs: 8_000 });
      const env = { ...process.env, DATABASE_URL: db.processUrl(), SECRET_KEY: bed.secretKey.toString('base64'), DATA_DIR: '/nonexistent' };
      let worker: ChildProcess | undefined;
      const kafka = new kafkajs.Kafka({ clientId: 'revoke-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
      const producer = kafka.producer();
      const reader = kafka.consumer({ groupId: 'revoke-test-reader' });
      const group = consumerGroupFor('acme/classify', 'local', 'orders');
      const members = async () => ((await bed.admin.describeGroups([group])).groups[0]?.members.length ?? 0);
      try {
        worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: serverDir, env, stdio: 'ignore' });
        while ((await db.query('select 1 from runtime_workers')).length === 0) await sleep(100);
        const flow = await createFlow(db, { orgId: 'acme', name: 'Revoke', description: '', graph, actor: 'max' });
        expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member })).status).toBe('deployed');
        while ((await members()) !== 1) await sleep(100);

        // The undeploy returns once the worker has stopped the binding: it is out of the group already.
        const undeployStarted = Date.now();
        expect((await undeployFlow(bed.services, { flowId: flow.id, actor: users.member })).status).toBe('deployed');
        const undeployMs = Date.now() - undeployStarted;
        expect(await members()).toBe(0);
        expect(await listManagedAcls(db, { flowId: flow.id })).toEqual([]);

        // A redeploy right after processes again without waiting out a ghost member.
        const revision = (await getFlow(db, flow.id))?.revision ?? 1;
        const redeployStarted = Date.now();
        expect((await deployFlow(bed.services, { flowId: flow.id, revision, actor: users.member })).status).toBe('deployed');
        const out: string[] = [];
        await reader.connect();
        await reader.subscribe({ topic: 'orders.classified', fromBeginning: true });
        void reader.run({ eachMessage: async ({ message }) => void out.push(message.key?.toString() ?? '') });
        await producer.connect();
        await producer.send({ topic: 'orders', messages: [{ key: 'o-1', value: JSON.stringify({ id: 'o-1', amount: 10 }) }] });
        const sentAt = Date.now();
        while (out.length === 0 && Date.now() - sentAt < 5_000) await sleep(100);
        expect(out).toEqual(['o-1']);
        process.stdout.write(`stop before revoke: undeploy with one worker took ${undeployMs} ms; redeploy to first output ${Date.now() - redeployStarted} ms\n`);

        // A worker that does not answer: the undeploy fails naming it, and leaves the ACLs in place.
        worker.kill('SIGSTOP');
        const stuck = await undeployFlow(bed.services, { flowId: flow.id, actor: users.member });
        expect(stuck.status).toBe('failed');
        expect(stuck.status === 'failed' ? stuck.error : '').toContain(`pid ${worker.pid}`);
        expect((await listManagedAcls(db, { flowId: flow.id })).length).toBeGreaterThan(0);
        worker.kill('SIGCONT');
        expect((await undeployFlow(bed.services, { flowId: flow.id, actor: users.member })).status).toBe('deployed');
        expect(await listManagedAcls(db, { flowId: flow.id })).toEqual([]);
      } finally {
        if (worker && worker.exitCode === null) {
          worker.kill('SIGCONT');
          worker.kill('SIGTERM');
          await new Promise((resolve) => worker?.once('exit', resolve));
        }
        await reader.disconnect().catch(() => undefined);
        await producer.disconnect().catch(() => undefined);
        await bed.close();
        await db.close();
      }
    }, 120_000);
  }
});
