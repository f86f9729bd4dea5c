/**
 * pnpm bench:runtime — the runtime's cost over a bare kafkajs loop, on the embedded broker.
 *
 * Throughput, 100,000 messages each: (a) a bare kafkajs batch-consume → batch-produce loop; (b) the runtime
 * with the builtin no-op (`demo/echo`); (c) the runtime with an HTTP echo algorithm on loopback (a local
 * stand-in of the platform's algorithm API); (d) the bare loop making the same HTTP calls at the same
 * concurrency. Then end-to-end latency at a steady 1,000 msg/s, (b) against (a). Last, the cost of
 * observability: (e) the no-op binding with `/metrics` served and scraped every second and W3C trace
 * context passed from inputs that carry it (and processing times counted), against (f) the same binding
 * with both off, on the same input, five rounds each in alternating order, the best round of each.
 * Each run also prints the process's CPU time per message (the broker's included), which a machine
 * busy with other work changes far less than the throughput.
 * The last line is `bench:runtime noop_ratio=<b/a> http_ratio=<c/d> p99_added_ms=<x> observability_ratio=<e/f>`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBroker } from '@event-flows/broker';
import { createRuntime, runtimeMetrics, type Runtime } from '@event-flows/runtime';
import type { EachBatchPayload, Kafka, Message } from 'kafkajs';
import { createTopics, kafkaAt, subscribeBinding } from '../runtimeHarness.ts';

const total = Number(process.env.BENCH_MESSAGES ?? 100_000);
const partitions = 4;
const httpConcurrency = 32;
const steadyRate = 1_000;
const steadySeconds = Number(process.env.BENCH_STEADY_SECONDS ?? 10);

const broker = await startBroker({ port: 0, log: () => {} });
const kafka = kafkaAt(broker.address);
const consumerSettings = { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 };

// The HTTP echo algorithm: answers like the platform's API ({ result, metadata }).
const api = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"result":${Buffer.concat(chunks).toString()},"metadata":{"content_type":"json","duration":0}}`);
  });
});
api.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

const observabilityRounds = 5;
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

function payload(id: number): string {
  return JSON.stringify({ id, t: Date.now(), body: 'x'.repeat(60) });
}

async function fill(topic: string, count: number, headers?: Record<string, string>): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < count; i += 2_000) {
    const messages = Array.from({ length: Math.min(2_000, count - i) }, (_, j) => ({ key: `k${(i + j) % 1_000}`, value: payload(i + j), ...(headers ? { headers } : {}) }));
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
}

async function outputCount(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return ends.reduce((sum, e) => sum + Number(e.high), 0);
}

async function waitForOutputs(topic: string, count: number): Promise<void> {
  while ((await outputCount(topic)) < count) await new Promise((r) => setTimeout(r, 50));
}

/** A bare loop: each fetched batch is (optionally transformed, then) produced in one request and committed. */
async function bareLoop(group: string, input: string, output: string, transform?: (value: Buffer) => Promise<Buffer>, concurrency = 4): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: group, maxWaitTimeInMs: consumerSettings.maxWaitTimeMs, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
  const producer = kafka.producer();
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: input, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: concurrency,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary }: EachBatchPayload) => {
      const messages: Message[] = transform
        ? await Promise.all(batch.messages.map(async (m) => ({ key: m.key, value: await transform(m.value as Buffer) })))
        : batch.messages.map((m) => ({ key: m.key, value: m.value }));
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: output, messages }] });
      const last = batch.messages[batch.messages.length - 1];
      if (last) resolveOffset(last.offset);
      await commitOffsetsIfNecessary();
    },
  });
  return async () => {
    await consumer.disconnect();
    await producer.disconnect();
  };
}

function runtimeFor(apiMode: boolean, observability = true): Runtime {
  return createRuntime({
    traceContext: observability,
    processingTimes: observability,
    connections: async () => ({ brokers: [broker.address] }),
    credentials: async () => undefined,
    invokers: { http: { apiUrl, apiKey: 'bench', maxSockets: httpConcurrency } },
    invokerFor: () => (apiMode ? 'http' : 'builtin'),
    consumer: consumerSettings,
  });
}

/** CPU microseconds per message of each run, by label. */
const cpuPerMessage = new Map<string, number>();

async function timed(label: string, output: string, start: () => Promise<() => Promise<void>>): Promise<number> {
  const began = performance.now();
  const cpu = process.cpuUsage();
  const stop = await start();
  await waitForOutputs(output, total);
  const seconds = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  await stop();
  const rate = total / seconds;
  const cpuUs = (used.user + used.system) / total;
  cpuPerMessage.set(label, cpuUs);
  console.log(`${label}: ${total} messages in ${seconds.toFixed(2)} s = ${Math.round(rate)} msg/s, CPU ${cpuUs.toFixed(1)} µs/msg`);
  return rate;
}

/** A limiter for the bare HTTP loop: at most `size` calls at once, shared by every partition. */
function limiter(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active >= size) await new Promise<void>((r) => waiting.push(r));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: httpConcurrency });
const limit = limiter(httpConcurrency);
function callEcho(value: Buffer): Promise<Buffer> {
  return limit(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        const req = http.request(`${apiUrl}/v1/algo/demo/echo/1.0.0`, {
          method: 'POST',
          agent,
          headers: { authorization: 'Simple bench', 'content-type': 'application/json', 'content-length': value.length },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve(Buffer.from(JSON.stringify((JSON.parse(Buffer.concat(chunks).toString()) as { result: unknown }).result))));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(value);
      }),
  );
}

/** Latency of each output (now − the input's `t`), read by a sink on `output`, while `rate` msg/s go into `input`. */
async function steadyLatency(k: Kafka, input: string, output: string): Promise<number[]> {
  const latencies: number[] = [];
  const sink = k.consumer({ groupId: `sink-${output}`, maxWaitTimeInMs: 20 });
  await sink.connect();
  await sink.subscribe({ topic: output, fromBeginning: true });
  await sink.run({
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const m of batch.messages) latencies.push(now - (JSON.parse(String(m.value)) as { t: number }).t);
    },
  });
  const producer = k.producer();
  await producer.connect();
  const count = steadyRate * steadySeconds;
  const tick = 10;
  const perTick = (steadyRate * tick) / 1000;
  const began = Date.now();
  for (let sent = 0; sent < count; sent += perTick) {
    const due = began + (sent / steadyRate) * 1000;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    await producer.send({ topic: input, acks: -1, messages: Array.from({ length: perTick }, (_, j) => ({ key: `k${(sent + j) % 1_000}`, value: payload(sent + j) })) });
  }
  await producer.disconnect();
  const deadline = Date.now() + 30_000;
  while (latencies.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await sink.disconnect();
  return latencies;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

// Latency first, while the in-process broker's heap is small, with (a) and (b) side by side so that
// the machine's noise (other processes, garbage collection) falls on both alike.
await createTopics(kafka, { 'lat.in.a': partitions, 'lat.out.a': partitions, 'lat.in.b': partitions, 'lat.out.b': partitions });
const stopA = await bareLoop('lat-a', 'lat.in.a', 'lat.out.a');
const latRuntime = runtimeFor(false);
await latRuntime.reconcile([subscribeBinding('demo/echo', 'lat.in.b', ['lat.out.b'], { concurrency: 4, consumerGroup: 'lat-b' })]);
const [latA, latB] = await Promise.all([steadyLatency(kafka, 'lat.in.a', 'lat.out.a'), steadyLatency(kafka, 'lat.in.b', 'lat.out.b')]);
await stopA();
await latRuntime.close();
for (const [label, lat] of [['(a) bare', latA], ['(b) runtime', latB]] as const) {
  console.log(`${label} at ${steadyRate} msg/s: ${lat.length} outputs, p50 ${percentile(lat, 50)} ms, p99 ${percentile(lat, 99)} ms, max ${Math.max(...lat)} ms`);
}

await createTopics(kafka, { 'bench.in': partitions, 'bench.a': partitions, 'bench.b': partitions, 'bench.c': partitions, 'bench.d': partitions });
await fill('bench.in', total);
console.log(`bench:runtime: ${total} messages of ~${payload(0).length} bytes on ${partitions} partitions, embedded broker, Node ${process.version}`);

const a = await timed('(a) bare kafkajs loop', 'bench.a', () => bareLoop('bench-a', 'bench.in', 'bench.a'));
const b = await timed('(b) runtime, builtin no-op', 'bench.b', async () => {
  const runtime = runtimeFor(false);
  await runtime.reconcile([subscribeBinding('demo/echo', 'bench.in', ['bench.b'], { concurrency: 4, consumerGroup: 'bench-b' })]);
  return () => runtime.close();
});
const c = await timed(`(c) runtime, HTTP echo, concurrency ${httpConcurrency}`, 'bench.c', async () => {
  const runtime = runtimeFor(true);
  await runtime.reconcile([subscribeBinding('demo/echo', 'bench.in', ['bench.c'], { concurrency: httpConcurrency, ordering: 'key', consumerGroup: 'bench-c' })]);
  return () => runtime.close();
});
const d = await timed(`(d) bare loop, same HTTP calls, concurrency ${httpConcurrency}`, 'bench.d', () =>
  bareLoop('bench-d', 'bench.in', 'bench.d', callEcho, partitions),
);

/** (e) or (f): the no-op binding on `obs.in`, with `/metrics` served and scraped every second and trace context passed on, or neither. */
async function observabilityRound(on: boolean, round: number): Promise<number> {
  const output = `obs.${on ? 'e' : 'f'}.${round}`;
  return timed(`(${on ? 'e' : 'f'}) runtime, builtin no-op, metrics and trace context ${on ? 'on' : 'off'}, round ${round + 1}`, output, async () => {
    const runtime = runtimeFor(false, on);
    let stopMetrics = async (): Promise<void> => {};
    if (on) {
      const registry = runtimeMetrics(runtime);
      const metrics = http.createServer((_req, res) => {
        void registry.metrics().then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text));
      });
      await new Promise<void>((resolve) => metrics.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(metrics.address() as AddressInfo).port}/metrics`;
      const scraper = setInterval(() => void fetch(url).then((r) => r.text()), 1_000);
      stopMetrics = async () => {
        clearInterval(scraper);
        metrics.closeAllConnections();
        await new Promise((resolve) => metrics.close(resolve));
      };
    }
    await runtime.reconcile([subscribeBinding('demo/echo', 'obs.in', [output], { concurrency: 4, consumerGroup: `obs-${on ? 'e' : 'f'}-${round}` })]);
    return async () => {
      await runtime.close();
      await stopMetrics();
    };
  });
}

const rounds = Array.from({ length: observabilityRounds }, (_, i) => i);
await createTopics(kafka, { 'obs.in': partitions, ...Object.fromEntries(rounds.flatMap((i) => [[`obs.e.${i}`, partitions], [`obs.f.${i}`, partitions]])) });
await fill('obs.in', total, { traceparent });
const on: number[] = [];
const off: number[] = [];
for (const round of rounds) {
  // Alternating which goes first, so that neither always runs on a warmer (or more tired) process.
  if (round % 2 === 0) off.push(await observabilityRound(false, round));
  on.push(await observabilityRound(true, round));
  if (round % 2 === 1) off.push(await observabilityRound(false, round));
}

agent.destroy();
api.close();
await broker.close();
const added = Math.max(0, percentile(latB, 99) - percentile(latA, 99));
const leastCpu = (on: boolean) => Math.min(...[...cpuPerMessage].filter(([label]) => label.includes(`trace context ${on ? 'on' : 'off'}`)).map(([, us]) => us));
console.log(`observability CPU per message, least of ${observabilityRounds} rounds: on ${leastCpu(true).toFixed(1)} µs, off ${leastCpu(false).toFixed(1)} µs (ratio off/on ${(leastCpu(false) / leastCpu(true)).toFixed(2)})`);
const observabilityRatio = Math.max(...on) / Math.max(...off);
console.log(`bench:runtime noop_ratio=${(b / a).toFixed(2)} http_ratio=${(c / d).toFixed(2)} p99_added_ms=${added} observability_ratio=${observabilityRatio.toFixed(2)}`);
process.exit(0);
