/**
 * Status and progress from everywhere, on PostgreSQL: a `pnpm worker` process publishes its bindings'
 * status through the database, so `runtime.status` and the status stream on a server whose runtime runs
 * in workers show the worker's counts (and nothing once it stopped); and a deploy through one replica
 * streams its progress to a subscriber on another.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pipelineGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { announceDeployEvent, relayChanges } from '../changes.ts';
import { deployFlow } from '../deploy/deployEngine.ts';
import { deployChannel, EventHub, type DeployEvent } from '../events.ts';
import { createFlow } from '../store/flows.ts';
import { noStatus } from './runtimeHost.ts';
import { mergedStatusFeed } from './statusFeed.ts';
import { testDatabases } from '../testing/databases.ts';
import { startTestBed, users } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');

describe('status and progress from everywhere', () => {
  for (const database of testDatabases().filter((d) => d.name === 'postgres')) {
    it("runtime.status and runtime.history on the server show a worker's counts, lag and rates; the worker serves its metrics", async () => {
      const db = await database.open();
      const bed = await startTestBed({ db, historySampleMs: 250 });
      const env = { ...process.env, DATABASE_URL: db.processUrl(), SECRET_KEY: bed.secretKey.toString('base64'), DATA_DIR: '/nonexistent', METRICS_PORT: '0' };
      let worker: ChildProcess | undefined;
      const kafka = new kafkajs.Kafka({ clientId: 'status-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
      const producer = kafka.producer();
      try {
        worker = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: serverDir, env, stdio: ['ignore', 'ignore', 'pipe'] });
        // The worker says where its metrics are once it runs.
        const metricsUrl = new Promise<string>((resolve) => {
          let lines = '';
          worker?.stderr?.on('data', (chunk: Buffer) => {
            lines += chunk.toString();
            const url = /"metrics":"([^"]+)"/.exec(lines)?.[1];
            if (url) resolve(url);
          });
        });
        const flow = await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
        expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member })).status).toBe('deployed');
        // The stream follows the worker's reports too.
        const streamed: number[] = [];
        const unsubscribe = bed.services.statuses.subscribe((statuses) => streamed.push(statuses.find((s) => s.algorithm === 'acme/classify')?.consumed ?? 0));
        const messages = 100;
        await producer.connect();
        await producer.send({
          topic: 'orders',
          messages: Array.from({ length: messages }, (_, i) => ({ key: `o-${i}`, value: JSON.stringify({ id: `o-${i}`, amount: 5_000 }) })),
        });
        const caller = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.viewer}`));
        const consumedOf = async () => (await caller.runtime.status({ orgId: 'acme', flowId: flow.id })).find((s) => s.algorithm === 'acme/classify')?.consumed ?? 0;
        const sentAt = Date.now();
        const deadline = sentAt + 45_000;
        while ((await consumedOf()) < messages && Date.now() < deadline) await sleep(100);
        process.stdout.write(`status from a worker: runtime.status showed ${messages} consumed ${Date.now() - sentAt} ms after they were sent\n`);
        const statuses = await caller.runtime.status({ orgId: 'acme', flowId: flow.id });
        const classify = statuses.find((s) => s.algorithm === 'acme/classify');
        expect(classify).toMatchObject({ state: 'running', consumed: messages, failed: 0, topic: 'orders', failedPerSecond: 0, deadLetteredPerSecond: 0 });
        expect(classify?.published).toBeGreaterThan(0);
        // Caught up: no record waits, so the lag in seconds the worker reports is 0.
        expect(classify?.lagSeconds).toBe(0);
        // The server samples the worker's reports into the binding's history: its throughput shows there.
        while (Math.max(0, ...((await caller.runtime.history({ orgId: 'acme', flowId: flow.id })).find((h) => h.algorithm === 'acme/classify')?.msgsPerSecond ?? [])) === 0 && Date.now() < deadline) await sleep(100);
        const history = (await caller.runtime.history({ orgId: 'acme', flowId: flow.id })).find((h) => h.algorithm === 'acme/classify');
        expect(history?.topic).toBe('orders');
        expect(Math.max(...(history?.msgsPerSecond ?? [0]))).toBeGreaterThan(0);
        expect(history?.lagSeconds).toHaveLength(history?.at.length ?? -1);
        // The worker's own /metrics counts what it consumed, in Prometheus' text format.
        const families = parsePrometheusTextFormat(await (await fetch(await metricsUrl)).text());
        const consumed = families.find((f) => f.name === 'eventflows_binding_consumed_total')?.metrics.find((m) => m.labels?.algorithm === 'acme/classify');
        expect(consumed && 'value' in consumed ? Number(consumed.value) : 0).toBe(messages);
        // Another replica on the same database (a server with no runtime of its own) shows the same.
        const otherReplica = mergedStatusFeed(await db.replica(), noStatus, () => undefined);
        expect((await otherReplica.current()).find((s) => s.algorithm === 'acme/classify')).toMatchObject({ consumed: messages });
        while (!streamed.includes(messages) && Date.now() < deadline) await sleep(100);
        unsubscribe();
        expect(streamed).toContain(messages);

        // A worker that stopped shows no more.
        worker.kill('SIGTERM');
        await new Promise((resolve) => worker?.once('exit', resolve));
        expect(await caller.runtime.status({ orgId: 'acme', flowId: flow.id })).toEqual([]);
      } finally {
        await producer.disconnect();
        if (worker && worker.exitCode === null) {
          worker.kill('SIGTERM');
          await new Promise((resolve) => worker?.once('exit', resolve));
        }
        await bed.close();
        await db.close();
      }
    }, 90_000);

    it('deploy progress reaches a subscriber on another replica', async () => {
      const db = await database.open();
      const bed = await startTestBed({ db });
      // Replica B: its own connection to the database and its own hub, relaying what the database announces.
      const replica = await db.replica();
      const hub = new EventHub();
      const stopRelay = await relayChanges(replica, hub, () => undefined);
      try {
        const flow = await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
        const heard: DeployEvent[] = [];
        hub.subscribe(deployChannel(flow.id), (event) => heard.push(event));
        const result = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member });
        if (result.status !== 'deployed') throw new Error(`the deploy did not succeed: ${result.status}`);
        const deadline = Date.now() + 10_000;
        while (!heard.some((e) => e.kind === 'finished') && Date.now() < deadline) await sleep(50);
        process.stdout.write(`deploy progress on another replica: ${heard.length} events of ${result.deployment.steps.length + 2}\n`);
        const id = result.deployment.id;
        expect(heard[0]).toMatchObject({ kind: 'started', deploymentId: id });
        expect(heard.at(-1)).toEqual({ kind: 'finished', deploymentId: id, status: 'succeeded' });
        expect(heard.filter((e) => e.kind === 'step').length).toBe(result.deployment.steps.length);
      } finally {
        await stopRelay();
        await bed.close();
        await db.close();
      }
    }, 60_000);

    it('deploy progress with texts longer than a notification holds arrives cut', async () => {
      const db = await database.open();
      const replica = await db.replica();
      const hub = new EventHub();
      const stopRelay = await relayChanges(replica, hub, () => undefined);
      try {
        const heard: DeployEvent[] = [];
        hub.subscribe(deployChannel('flow_long'), (event) => heard.push(event));
        await announceDeployEvent(db, 'another-replica', 'flow_long', { kind: 'finished', deploymentId: 3, status: 'failed', error: 'é'.repeat(20_000) });
        const deadline = Date.now() + 10_000;
        while (heard.length === 0 && Date.now() < deadline) await sleep(50);
        expect(heard).toHaveLength(1);
        expect(heard[0]).toMatchObject({ kind: 'finished', deploymentId: 3, status: 'failed' });
        expect(heard[0]?.kind === 'finished' && heard[0].error?.startsWith('éé')).toBe(true);
      } finally {
        await stopRelay();
        await db.close();
      }
    }, 30_000);
  }
});
