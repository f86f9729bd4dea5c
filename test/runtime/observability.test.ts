/**
 * What the runtime tells operators (issue 22): lag in seconds, the Prometheus metrics of its bindings,
 * and W3C trace context carried from an input record to its outputs and DLQ record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, runtimeMetrics, type Runtime, type RuntimeOptions } from '@event-flows/runtime';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll, subscribeBinding } from './runtimeHarness.ts';

let broker: RunningBroker;
const runtimes: Runtime[] = [];

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close({ drain: false })));
  await broker?.close();
});

function startRuntime(switches: Pick<RuntimeOptions, 'traceContext' | 'dlqConnectHeaders'> = {}): Runtime {
  const runtime = createRuntime({
    ...switches,
    connections: async () => ({ brokers: [broker.address] }),
    credentials: async () => undefined,
    consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
  });
  runtimes.push(runtime);
  return runtime;
}

const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const tracestate = 'vendor=opaque';

describe('lag in seconds', () => {
  it('rises while a slow algorithm holds the oldest record and falls to 0 once it is done', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'slow.in': 1, 'slow.out': 1 });
    const runtime = startRuntime();
    await runtime.reconcile([subscribeBinding('demo/slow', 'slow.in', ['slow.out'], { timeoutMs: 30_000 })]);
    await produce(kafka, 'slow.in', [0, 1, 2].map((i) => ({ key: `k${i}`, value: JSON.stringify({ i, sleepMs: 1_500 }) })));
    const seen: number[] = [];
    await eventually(async () => {
      seen.push(runtime.status()[0]?.lagSeconds ?? Number.NaN);
      return (await countRecords(kafka, 'slow.out')) === 3;
    }, 30_000, 250);
    // While the three records are worked on, the oldest of them ages second by second.
    const peak = Math.max(...seen);
    expect(peak).toBeGreaterThanOrEqual(2);
    const rising = seen.slice(0, seen.indexOf(peak) + 1).filter((s) => s > 0);
    expect(rising.length).toBeGreaterThan(2);
    expect(rising[0]).toBeLessThan(peak);
    expect(await eventually(() => runtime.status()[0]?.lagSeconds === 0, 10_000)).toBe(true);
  });
});

describe('trace context', () => {
  it('carries traceparent and tracestate from an input record to its output and to its DLQ record, and makes none up for one without', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'trace.in': 1, 'trace.out': 1, 'trace.dlq': 1 });
    const runtime = startRuntime();
    await runtime.reconcile([subscribeBinding('demo/fail-on', 'trace.in', ['trace.out'], { dlq: { connection: 'local', topic: 'trace.dlq' }, retry: { maxAttempts: 1, backoffMs: 0 } })]);
    const other = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00';
    await produce(kafka, 'trace.in', [
      { key: 'ok', value: '{"n":1}', headers: { traceparent, tracestate } },
      { key: 'bad', value: '{"fail":true}', headers: { traceparent: other } },
      { key: 'malformed', value: '{"n":2}', headers: { traceparent: 'not-a-trace' } },
      { key: 'none', value: '{"n":3}' },
    ]);
    expect(await eventually(async () => (await countRecords(kafka, 'trace.out')) === 3 && (await countRecords(kafka, 'trace.dlq')) === 1, 30_000)).toBe(true);
    const outputs = new Map((await readAll(kafka, 'trace.out')).map((r) => [r.key, r.headers]));
    expect(outputs.get('ok')).toMatchObject({ traceparent, tracestate });
    // A malformed trace context is not passed on, and a record without one gets none (no exporter: no spans).
    expect(outputs.get('malformed')?.traceparent).toBeUndefined();
    expect(outputs.get('none')?.traceparent).toBeUndefined();
    expect(outputs.get('malformed')?.tracestate).toBeUndefined();
    const [dead] = await readAll(kafka, 'trace.dlq');
    expect(dead?.key).toBe('bad');
    expect(dead?.headers.traceparent).toBe(other);
  });
});

describe('switched off', () => {
  it('passes no trace context on and writes no Kafka Connect headers on dead letters when told not to', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'quiet.in': 1, 'quiet.out': 1, 'quiet.dlq': 1 });
    const runtime = startRuntime({ traceContext: false, dlqConnectHeaders: false });
    await runtime.reconcile([subscribeBinding('demo/fail-on', 'quiet.in', ['quiet.out'], { dlq: { connection: 'local', topic: 'quiet.dlq' }, retry: { maxAttempts: 1, backoffMs: 0 } })]);
    await produce(kafka, 'quiet.in', [
      { key: 'ok', value: '{"n":1}', headers: { traceparent } },
      { key: 'bad', value: '{"fail":true}', headers: { traceparent } },
    ]);
    expect(await eventually(async () => (await countRecords(kafka, 'quiet.out')) === 1 && (await countRecords(kafka, 'quiet.dlq')) === 1, 30_000)).toBe(true);
    const [output] = await readAll(kafka, 'quiet.out');
    expect(output?.headers.traceparent).toBeUndefined();
    const [dead] = await readAll(kafka, 'quiet.dlq');
    // The runtime's own error headers stay; Connect's are left out. The original record's headers are kept as they came.
    expect(dead?.headers['eventflows.error.class']).toBe('permanent');
    expect(Object.keys(dead?.headers ?? {}).filter((name) => name.startsWith('__connect.errors.'))).toEqual([]);
    expect(dead?.headers.traceparent).toBe(traceparent);
  });
});

describe('metrics', () => {
  it('are Prometheus text with per-binding counters, lag gauges and a processing-time histogram', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'metrics.in': 2, 'metrics.out': 1, 'metrics.dlq': 1 });
    const runtime = startRuntime();
    await runtime.reconcile([subscribeBinding('demo/fail-on', 'metrics.in', ['metrics.out'], { dlq: { connection: 'local', topic: 'metrics.dlq' }, retry: { maxAttempts: 1, backoffMs: 0 } })]);
    await produce(kafka, 'metrics.in', Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ i, fail: i % 5 === 0 }) })));
    expect(await eventually(() => runtime.status()[0]?.consumed === 20, 30_000)).toBe(true);

    const registry = runtimeMetrics(runtime);
    const text = await registry.metrics();
    const families = parsePrometheusTextFormat(text);
    const family = (name: string) => families.find((f) => f.name === name);
    const labels = { flow: 'flow-test', algorithm: 'demo/fail-on', connection: 'local', topic: 'metrics.in' };
    const value = (name: string) => {
      const metric = family(name)?.metrics.find((m) => 'value' in m && m.labels?.topic === 'metrics.in');
      return metric && 'value' in metric ? { labels: metric.labels, value: Number(metric.value) } : undefined;
    };
    expect(family('eventflows_binding_consumed_total')?.type).toBe('COUNTER');
    expect(value('eventflows_binding_consumed_total')).toEqual({ labels, value: 20 });
    expect(value('eventflows_binding_published_total')?.value).toBe(16);
    expect(value('eventflows_binding_failed_total')?.value).toBe(4);
    expect(value('eventflows_binding_dead_lettered_total')?.value).toBe(4);
    expect(family('eventflows_binding_lag_messages')?.type).toBe('GAUGE');
    expect(value('eventflows_binding_lag_messages')?.value).toBe(0);
    expect(value('eventflows_binding_lag_seconds')?.value).toBe(0);
    expect(family('eventflows_binding_state')?.metrics.find((m) => m.labels?.topic === 'metrics.in' && m.labels.state === 'running')).toMatchObject({ value: '1' });
    const histogram = family('eventflows_binding_processing_seconds');
    expect(histogram?.type).toBe('HISTOGRAM');
    // The parser folds a labelled histogram's buckets into one (this runtime has one binding) and drops its count and sum.
    const [processing] = histogram?.metrics ?? [];
    expect(processing && 'buckets' in processing ? Number(processing.buckets['+Inf']) : 0).toBe(20);
    expect(text).toMatch(/^eventflows_binding_processing_seconds_count\{flow="flow-test",algorithm="demo\/fail-on",connection="local",topic="metrics.in"\} 20$/m);
    expect(family('eventflows_process_cpu_seconds_total')?.type).toBe('COUNTER');
  });
});
