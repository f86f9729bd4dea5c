import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, headerNames, type Runtime } from '@event-flows/runtime';
import type { Kafka } from 'kafkajs';
import { startPlatformStub, type PlatformStub } from '../../server/src/testing/platformStub.ts';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll, subscribeBinding } from './runtimeHarness.ts';

// The HTTP invoker talks to a local stand-in of the platform's algorithm API (the real one cannot be
// reached); the broker is the embedded one, over TCP.
let broker: RunningBroker;
let stub: PlatformStub;
let kafka: Kafka;
const runtimes: Runtime[] = [];

function runtime(): Runtime {
  const r = createRuntime({
    connections: async () => ({ brokers: [broker.address] }),
    credentials: async () => undefined,
    invokers: { http: { apiUrl: stub.url, apiKey: 'test-key', maxSockets: 8 } },
    consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
    drainTimeoutMs: 2_000,
  });
  runtimes.push(r);
  return r;
}

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  stub = await startPlatformStub('test-key');
  kafka = kafkaAt(broker.address);
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close({ drain: false })));
  await stub?.close();
  await broker?.close();
});

const idOf = (body: Buffer): number => (JSON.parse(body.toString()) as { id: number }).id;
const dlq = (topic: string) => ({ connection: 'local', topic });

describe('a subscription’s retry policy', () => {
  it('honours Retry-After on a 429, shows "retrying 2/3" while it waits, and publishes once', { timeout: 60_000 }, async () => {
    await createTopics(kafka, { 'ra.in': 1, 'ra.out': 1, 'ra.dlq': 1 });
    stub.calls.length = 0;
    // The first call is refused with a two-second Retry-After; the planned backoff is 10 ms.
    stub.behave = (call) =>
      stub.calls.length === 1 ? { status: 429, error: 'slow down', headers: { 'retry-after': '2' } } : { result: { id: idOf(call.body) } };
    const r = runtime();
    await r.reconcile([
      subscribeBinding('acme/limited', 'ra.in', ['ra.out'], {
        dlq: dlq('ra.dlq'),
        retry: { maxAttempts: 3, backoffMs: 10, backoff: 'fixed', maxBackoffMs: 10_000 },
      }),
    ]);
    await produce(kafka, 'ra.in', [{ key: 'k', value: JSON.stringify({ id: 1 }) }]);

    expect(await eventually(() => r.status()[0]?.retrying?.attempt === 2, 20_000, 50)).toBe(true);
    expect(r.status()[0]?.retrying).toMatchObject({ attempt: 2, maxAttempts: 3, messages: 1 });
    expect(await eventually(async () => (await countRecords(kafka, 'ra.out')) === 1)).toBe(true);

    expect(stub.calls).toHaveLength(2);
    const [first, second] = stub.calls;
    // The runtime waited as the answer asked, not the policy's 10 ms.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1_900);
    expect((await readAll(kafka, 'ra.out')).map((o) => o.value)).toEqual([JSON.stringify({ id: 1 })]);
    expect(await countRecords(kafka, 'ra.dlq')).toBe(0);
    expect(r.status()[0]).toMatchObject({ published: 1, deadLettered: 0, retrying: null });
  });

  it('dead-letters a status the policy does not list as transient after one call, and retries one it lists', { timeout: 60_000 }, async () => {
    await createTopics(kafka, { 'ts.in': 1, 'ts.out': 1, 'ts.dlq': 1 });
    stub.calls.length = 0;
    const attempts = new Map<number, number>();
    stub.behave = (call) => {
      const id = idOf(call.body);
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (id === 1) return { status: 400, error: 'bad input' };
      // 500 is not in this policy's list: dead-lettered at once.
      if (id === 2) return { status: 500, error: 'broken' };
      // 408 is in the default list (the runtime once took it as permanent).
      if (id === 3 && n === 1) return { status: 408, error: 'request time-out' };
      return { result: { id } };
    };
    const r = runtime();
    await r.reconcile([
      subscribeBinding('acme/picky', 'ts.in', ['ts.out'], {
        dlq: dlq('ts.dlq'),
        retry: { maxAttempts: 3, backoffMs: 10, transientStatuses: [408, 429, 503] },
      }),
    ]);
    await produce(kafka, 'ts.in', [1, 2, 3].map((id) => ({ key: `k${id}`, value: JSON.stringify({ id }) })));
    expect(await eventually(async () => (await countRecords(kafka, 'ts.out')) >= 1 && (await countRecords(kafka, 'ts.dlq')) >= 2, 20_000)).toBe(true);

    expect(Object.fromEntries(attempts)).toEqual({ 1: 1, 2: 1, 3: 2 });
    const dead = await readAll(kafka, 'ts.dlq');
    expect(dead.map((d) => d.value)).toEqual([JSON.stringify({ id: 1 }), JSON.stringify({ id: 2 })]);
    expect(dead.map((d) => d.headers[headerNames.errorClass])).toEqual(['permanent', 'permanent']);
    expect(dead.map((d) => d.headers[headerNames.errorAttempts])).toEqual(['1', '1']);
    expect((await readAll(kafka, 'ts.out')).map((o) => o.value)).toEqual([JSON.stringify({ id: 3 })]);
  });

  it('aborts an attempt at the policy’s time-out per attempt, not the binding’s', { timeout: 60_000 }, async () => {
    await createTopics(kafka, { 'at.in': 1, 'at.out': 1, 'at.dlq': 1 });
    stub.calls.length = 0;
    stub.behave = (call) => ({ delayMs: 3_000, result: { id: idOf(call.body) } });
    const r = runtime();
    await r.reconcile([
      subscribeBinding('acme/slow', 'at.in', ['at.out'], {
        dlq: dlq('at.dlq'),
        timeoutMs: 20_000,
        retry: { maxAttempts: 2, backoffMs: 10, attemptTimeoutMs: 300 },
      }),
    ]);
    await produce(kafka, 'at.in', [{ key: 'k', value: JSON.stringify({ id: 7 }) }]);
    expect(await eventually(async () => (await countRecords(kafka, 'at.dlq')) === 1, 20_000)).toBe(true);

    const [dead] = await readAll(kafka, 'at.dlq');
    expect(dead?.headers).toMatchObject({ [headerNames.errorClass]: 'transient', [headerNames.errorAttempts]: '2' });
    expect(dead?.headers[headerNames.errorMessage]).toMatch(/no response within 300 ms/);
    expect(stub.calls).toHaveLength(2);
    expect(await countRecords(kafka, 'at.out')).toBe(0);
  });
});
