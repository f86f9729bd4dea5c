import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, pipelineGraph, type SubscribeBinding } from '@event-flows/model';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, headerNames, traceHeader, traceOf, type Runtime } from '@event-flows/runtime';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll } from './runtimeHarness.ts';

let broker: RunningBroker;
let runtime: Runtime;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
});
afterAll(async () => {
  await runtime?.close({ drain: false });
  await broker?.close();
});

describe('a three-stage flow with DLQs', () => {
  it('carries 10,000 messages end to end and dead-letters each bad one exactly once with every header', { timeout: 180_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { orders: 3, 'orders.classified': 3, 'orders.enriched': 3, alerts: 1, 'orders.dlq': 1 });
    // The model's demo pipeline, compiled as the server would: classify -> enrich -> alert, DLQ for the first two.
    const desired = compile(pipelineGraph(), { flowId: 'flow-pipeline' });
    const subscribes = desired.bindings.filter((b): b is SubscribeBinding => b.direction === 'subscribe');
    expect(subscribes.map((b) => b.algorithm).sort()).toEqual(['acme/alert', 'acme/classify', 'acme/enrich']);

    runtime = createRuntime({
      connections: async () => ({ brokers: [broker.address] }),
      credentials: async () => undefined,
      consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
    });
    const pushed: number[] = [];
    const unsubscribe = runtime.onStatus((statuses) => pushed.push(statuses.reduce((sum, s) => sum + s.consumed, 0)));
    await runtime.reconcile(desired.bindings);

    const total = 10_000;
    const undecodable = new Set([17, 2_000, 4_444, 7_001, 9_998]);
    const throwing = new Set([5, 1_234, 5_000, 8_765, 9_999]);
    const messages = Array.from({ length: total }, (_, i): { key: string; value: string; headers: Record<string, string> } => {
      const key = `customer-${i % 97}`;
      if (undecodable.has(i)) return { key, value: `{"id":${i}, not json`, headers: { 'content-type': 'application/json', 'x-trace': `t-${i}` } };
      const amount = throwing.has(i) ? 'not a number' : (i * 37) % 2_000;
      return { key, value: JSON.stringify({ id: i, seq: i, amount }), headers: { 'x-trace': `t-${i}` } };
    });
    const large = messages.filter((_, i) => !undecodable.has(i) && !throwing.has(i) && ((i * 37) % 2_000) > 1_000).length;
    await produce(kafka, 'orders', messages);

    expect(await eventually(async () => (await countRecords(kafka, 'alerts')) >= large && (await countRecords(kafka, 'orders.dlq')) >= 10, 150_000)).toBe(true);
    // Let anything extra (a duplicate would be a bug here: no failures or rebalances happen) arrive before counting.
    await new Promise((r) => setTimeout(r, 1_000));

    const classified = await readAll(kafka, 'orders.classified');
    const enriched = await readAll(kafka, 'orders.enriched');
    const alerts = await readAll(kafka, 'alerts');
    const dlq = await readAll(kafka, 'orders.dlq');
    expect(classified).toHaveLength(total - 10);
    expect(enriched).toHaveLength(total - 10);
    expect(alerts).toHaveLength(large);
    expect(dlq).toHaveLength(10);

    // Per-key order survives each stage, and the input's key and correlation headers travel along.
    const lastSeq = new Map<string, number>();
    for (const r of enriched.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset))) {
      const order = JSON.parse(r.value ?? '{}') as { seq: number; class: string; priority: string };
      expect(r.key).toBe(`customer-${order.seq % 97}`);
      expect(order.priority).toBe(order.class === 'large' ? 'high' : 'normal');
      expect(order.seq).toBeGreaterThan(lastSeq.get(r.key ?? '') ?? -1);
      lastSeq.set(r.key ?? '', order.seq);
      expect(traceOf({ [traceHeader]: r.headers[traceHeader] })).toMatchObject({
        flow: 'flow-pipeline',
        algorithm: 'acme/enrich',
        version: '1.0.0',
        topic: 'orders.classified',
      });
    }

    const originals = await readAll(kafka, 'orders');
    const byTrace = new Map(originals.map((r) => [r.headers['x-trace'], r]));
    const dlqIds = dlq.map((r) => Number(r.headers['x-trace']?.slice(2))).sort((a, b) => a - b);
    expect(dlqIds).toEqual([...undecodable, ...throwing].sort((a, b) => a - b));
    for (const r of dlq) {
      const id = Number(r.headers['x-trace']?.slice(2));
      const original = byTrace.get(r.headers['x-trace']);
      expect(original).toBeDefined();
      expect(r.key).toBe(original?.key);
      expect(r.value).toBe(original?.value);
      expect(r.timestamp).toBe(original?.timestamp);
      expect(r.headers).toMatchObject({
        [headerNames.errorClass]: 'permanent',
        [headerNames.errorStage]: undecodable.has(id) ? 'decode' : 'invoke',
        [headerNames.errorAttempts]: undecodable.has(id) ? '0' : '1',
        [headerNames.sourceTopic]: 'orders',
        [headerNames.sourcePartition]: String(original?.partition),
        [headerNames.sourceOffset]: original?.offset,
        [headerNames.sourceTimestamp]: original?.timestamp,
        [headerNames.algorithm]: 'acme/classify',
        [headerNames.version]: '1.2.0',
        [headerNames.flow]: 'flow-pipeline',
      });
      expect(r.headers[headerNames.errorMessage]).toMatch(undecodable.has(id) ? /not JSON/ : /numeric amount/);
    }

    // The status stream pushed while messages moved.
    expect(await eventually(() => (pushed.at(-1) ?? 0) === total + 2 * (total - 10))).toBe(true);
    unsubscribe();
    const statuses = runtime.status();
    const classify = statuses.find((s) => s.algorithm === 'acme/classify');
    expect(classify).toMatchObject({ state: 'running', consumed: total, published: total - 10, deadLettered: 10, failed: 10 });
    expect(classify?.lastError).toBeNull();
    expect(Object.values(classify?.lag ?? {}).every((lag) => lag === 0)).toBe(true);
    expect(statuses.find((s) => s.algorithm === 'acme/alert')).toMatchObject({ consumed: total - 10, published: large });
  });
});
