/**
 * `pnpm worker` as a real process: it refuses to run without a PostgreSQL server, and with one it picks
 * up the bindings a deploy enables (through the bindings table and LISTEN/NOTIFY) and runs them, and
 * exports their spans to the OTLP endpoint it is given.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipelineGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { deployFlow } from '../deploy/deployEngine.ts';
import { createFlow } from '../store/flows.ts';
import { users, startTestBed } from '../testing/harness.ts';
import { testDatabases } from '../testing/databases.ts';

const serverDir = path.resolve(import.meta.dirname, '../..');

/** A stand-in OpenTelemetry collector: keeps the span names and service names of each OTLP/HTTP JSON export. */
async function startCollector(): Promise<{ url: string; spans: Array<{ service: unknown; name: string }>; close(): void }> {
  const spans: Array<{ service: unknown; name: string }> = [];
  interface Export {
    resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: Array<{ name: string }> }> }>;
  }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Export;
      for (const r of body.resourceSpans) {
        const service = r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
        for (const scope of r.scopeSpans) for (const span of scope.spans) spans.push({ service, name: span.name });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, close: () => server.close() };
}

function startWorker(env: Record<string, string>): { done: Promise<{ code: number | null; stderr: string }>; stop: () => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { cwd: serverDir, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))),
    stop: () => child.kill('SIGTERM'),
  };
}

describe('pnpm worker', () => {
  it('refuses to start without DATABASE_URL, saying why', async () => {
    const env: Record<string, string> = { DATABASE_URL: '' };
    const { done } = startWorker(env);
    const { code, stderr } = await done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/needs DATABASE_URL/);
  });

  for (const database of testDatabases().filter((d) => d.name === 'postgres')) {
    it('runs the bindings a deploy enables, reading them from PostgreSQL, and exports their spans', async () => {
      const db = await database.open();
      const bed = await startTestBed({ db });
      const collector = await startCollector();
      const worker = startWorker({ DATABASE_URL: db.processUrl(), SECRET_KEY: bed.secretKey.toString('base64'), DATA_DIR: '/nonexistent', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      try {
        const flow = await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
        expect((await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.member })).status).toBe('deployed');
        const kafka = new kafkajs.Kafka({ clientId: 'worker-test', brokers: [bed.broker.address], logLevel: kafkajs.logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
        const producer = kafka.producer();
        await producer.connect();
        await producer.send({ topic: 'orders', messages: [{ key: 'o-1', value: JSON.stringify({ id: 'o-1', amount: 5_000 }) }] });
        await producer.disconnect();
        const consumer = kafka.consumer({ groupId: 'worker-test-reader' });
        await consumer.connect();
        await consumer.subscribe({ topic: 'alerts', fromBeginning: true });
        const alert = await new Promise<string>((resolve) => void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }));
        await consumer.disconnect();
        expect(JSON.parse(alert)).toMatchObject({ alert: 'large order' });
        expect(alert).toContain('o-1');
      } finally {
        worker.stop();
        const { code, stderr } = await worker.done;
        expect(code).toBe(0);
        // The worker says which bindings it runs.
        expect(stderr).toContain('binding acme/classify on orders: started');
        // Stopping sent the spans of the message it processed, under the worker's service name.
        expect(collector.spans).toEqual(expect.arrayContaining([{ service: 'event-flows-worker', name: 'process orders' }, { service: 'event-flows-worker', name: 'send alerts' }]));
        collector.close();
        await bed.close();
        await db.close();
      }
    }, 90_000);
  }
});
