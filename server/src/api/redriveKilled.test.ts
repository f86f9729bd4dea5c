/**
 * A redrive run survives its server (issue 22): the real server runs as a child process, as `pnpm start`
 * runs it, on one data directory (the embedded broker and PGlite there, or the PostgreSQL server of
 * DATABASE_URL in a schema of its own). A bulk redrive is started over HTTP, and the server is killed
 * with SIGKILL while it sends (its pid read from the data directory's lock file, so no handler runs).
 * After a restart the subscription's runs list it as interrupted, with how far it got, its results and
 * none lost; resumed, it ends, and the target topic, read over TCP with kafkajs, holds every dead letter
 * exactly once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { headerNames, replayFromHeader, replayRunHeader } from '@event-flows/runtime';
import kafkajs from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { childDatabase, startChildServer, type ChildServer } from '../testing/childServer.ts';
import { tokens } from '../testing/httpBed.ts';

/** Dead letters of classify ← orders written for the test. */
const deadLetters = 3_000;
/** Slow enough that the kill comes mid-run, whatever the machine's load. */
const rate = 400;
const target = 'orders.redrive';

type Run = { id: string; state: string; replayed: number; skipped: number; failed: number; total: number | null; resultCount: number; auditId: number | null; results: Array<{ partition: number; offset: string; outcome: string }> };


async function call<T>(server: ChildServer, kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member): Promise<T> {
  const answer = await server.call(kind, procedure, input, token);
  if (answer.body.error) throw new Error(`${procedure}: ${answer.body.error.message}`);
  return answer.body.result?.data as T;
}

/** Every record of `topic`, read from the start to its end now, with its headers as text. */
async function readAll(kafka: kafkajs.Kafka, topic: string): Promise<Array<Record<string, string>>> {
  const admin = kafka.admin();
  await admin.connect();
  const end = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  await admin.disconnect();
  const out: Array<Record<string, string>> = [];
  if (end === 0) return out;
  const consumer = kafka.consumer({ groupId: `redrive-killed-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    // Whatever has come by then, so that a missing record fails the assertion rather than hanging the test.
    const timer = setTimeout(resolve, 30_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        out.push(Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])));
        if (out.length >= end) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return out;
}

describe(`a redrive killed mid-run, on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'efs-redrive-killed-'));
  let dropDatabase = async () => undefined as void;
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await dropDatabase();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is listed as interrupted after a restart, and resumed sends every dead letter exactly once', async () => {
    const database = await childDatabase('efs_redrive_');
    dropDatabase = database.drop;
    server = await startChildServer(dataDir, database.env);
    // The broker listens on a port of its own at each start.
    const kafkaOf = (child: ChildServer) =>
      new kafkajs.Kafka({
        clientId: 'redrive-killed-test',
        brokers: [child.brokers],
        logLevel: kafkajs.logLevel.NOTHING,
        sasl: { mechanism: 'plain', username: 'admin', password: readFileSync(path.join(dataDir, 'kafka-admin.secret'), 'utf8').trim() },
      });
    const [connection] = await call<Array<{ id: string }>>(server, 'query', 'admin.connections.list', undefined, tokens.admin);
    if (!connection) throw new Error('the standalone server has no connection');
    const flow = (await call<Array<{ id: string; name: string; revision: number }>>(server, 'query', 'flows.list', { orgId: 'acme' })).find((f) => f.name === 'Order pipeline');
    if (!flow) throw new Error('the demo flow is missing');
    await call(server, 'mutation', 'flows.deploy', { id: flow.id, revision: flow.revision });
    // A topic classify may read that nothing consumes: what is on it is what the redrive wrote.
    const admin = await server.admin();
    await admin.createTopics({ topics: [{ topic: target, numPartitions: 3 }], waitForLeaders: true });
    await call(server, 'mutation', 'admin.grants.add', { grants: [{ connection: connection.id, topic: target, algorithm: 'acme/classify', access: 'subscribe' }] }, tokens.admin);

    const producer = kafkaOf(server).producer();
    await producer.connect();
    const headers = { [headerNames.algorithm]: 'acme/classify', [headerNames.flow]: flow.id, [headerNames.sourceTopic]: 'orders', [headerNames.errorClass]: 'permanent', [headerNames.errorStage]: 'decode' };
    for (let start = 0; start < deadLetters; start += 500) {
      await producer.send({ topic: 'orders.dlq', messages: Array.from({ length: 500 }, (_, i) => ({ key: `o-${start + i}`, value: `not json ${start + i}`, headers })) });
    }
    await producer.disconnect();

    const subscription = { algorithm: 'acme/classify', connection: connection.id, topic: 'orders' };
    const started = await call<Run>(server, 'mutation', 'runtime.dlq.redrive', { ...subscription, select: 'all', to: target, rate });
    const read = () => call<Run>(server as ChildServer, 'query', 'runtime.dlq.redriveRun', { id: started.id });
    while ((await read()).replayed < deadLetters / 5) await new Promise((resolve) => setTimeout(resolve, 50));
    // kill -9 of the server itself (tsx runs it in a process of its own): no handler runs, nothing is flushed.
    process.kill(Number(readFileSync(path.join(dataDir, 'server.lock'), 'utf8')), 'SIGKILL');
    expect(await server.exited).toBe('SIGKILL');
    await server.stop();

    server = await startChildServer(dataDir, database.env);
    const [interrupted] = await call<Run[]>(server, 'query', 'runtime.dlq.redriveRuns', subscription);
    expect(interrupted).toMatchObject({ id: started.id, state: 'interrupted' });
    const total = interrupted?.total ?? 0;
    expect(total).toBeGreaterThanOrEqual(deadLetters);
    const reached = (interrupted?.replayed ?? 0) + (interrupted?.skipped ?? 0);
    console.log(`killed mid-run: interrupted at ${reached} of ${total} records (${interrupted?.replayed} redriven)`);
    // It is kept page by page as Kafka acknowledges them, so it may stand a page behind what the live
    // run showed before the kill (under load, 560 kept after 600 were seen); the resume covers the rest.
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(total);
    // Its results were kept with it, one per record it counts.
    expect(interrupted?.resultCount).toBe(reached);
    expect(interrupted?.results.length).toBe(Math.min(reached, 1_000));
    // Only its starter (or a cluster admin) resumes it.
    expect((await server.call('mutation', 'runtime.dlq.resumeRedrive', { id: started.id }, tokens.viewer)).status).toBe(403);

    await call<Run>(server, 'mutation', 'runtime.dlq.resumeRedrive', { id: started.id });
    let end = await read();
    while (end.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      end = await read();
    }
    expect(end).toMatchObject({ state: 'done', failed: 0 });
    expect(end.replayed + end.skipped).toBe(total);
    expect(end.resultCount).toBe(total);
    expect((await server.call('mutation', 'runtime.dlq.resumeRedrive', { id: started.id }, tokens.member)).body.error?.message).toBe('This redrive is done: only an interrupted or failed run resumes.');

    // Every dead letter on the target exactly once: as many records as it redrove, each from a position of its own.
    const written = await readAll(kafkaOf(server), target);
    const fromRun = written.filter((h) => h[replayRunHeader] === started.id);
    const positions = new Set(fromRun.map((h) => h[replayFromHeader]));
    console.log(`target ${target}: ${written.length} records, ${fromRun.length} from the run, ${positions.size} distinct dead letters`);
    expect(written.length).toBe(end.replayed);
    expect(fromRun.length).toBe(end.replayed);
    expect(positions.size).toBe(end.replayed);
    expect(end.replayed).toBeGreaterThanOrEqual(deadLetters);

    // The run's end is in the audit log, linked from the run.
    expect(end.auditId).toEqual(expect.any(Number));
    const audit = await call<Array<{ id: number; detail: Record<string, unknown> }>>(server, 'query', 'admin.audit', { action: 'dlq.redrive' }, tokens.admin);
    expect(audit.find((e) => e.id === end.auditId)?.detail).toMatchObject({ run: started.id, state: 'done', resumed: true, replayed: end.replayed });
  }, 240_000);
});
