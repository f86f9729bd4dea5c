import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, headerNames, type Runtime } from '@event-flows/runtime';
import type { Kafka } from 'kafkajs';
import { startPlatformStub, type PlatformStub } from '../../server/src/testing/platformStub.ts';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll, subscribeBinding } from './runtimeHarness.ts';

// The HTTP invoker talks to a local stand-in of the platform's algorithm API (the real one cannot be reached).
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

describe('failures of an HTTP algorithm', () => {
  it('retries a time-out, then dead-letters it as transient; retries a 429 until it succeeds', { timeout: 60_000 }, async () => {
    await createTopics(kafka, { 'f.in': 1, 'f.out': 1, 'f.dlq': 1 });
    const attempts = new Map<number, number>();
    stub.behave = (call) => {
      const id = idOf(call.body);
      const n = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, n);
      if (id === 3) return { delayMs: 4_000, result: 'too late' };
      if (id === 6 && n <= 2) return { status: 429, error: 'rate limited' };
      return { result: { id, version: call.version } };
    };
    const r = runtime();
    await r.reconcile([
      subscribeBinding('acme/http-algo', 'f.in', ['f.out'], { dlq: { connection: 'local', topic: 'f.dlq' }, timeoutMs: 1_000, retry: { maxAttempts: 3, backoffMs: 20 } }),
    ]);
    await produce(kafka, 'f.in', Array.from({ length: 10 }, (_, id) => ({ key: `k${id}`, value: JSON.stringify({ id }) })));
    expect(await eventually(async () => (await countRecords(kafka, 'f.out')) >= 9 && (await countRecords(kafka, 'f.dlq')) >= 1)).toBe(true);

    const out = await readAll(kafka, 'f.out');
    expect(out.map((o) => (JSON.parse(o.value ?? '{}') as { id: number }).id)).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(attempts.get(6)).toBe(3);
    expect(attempts.get(3)).toBe(3);
    const [dead] = await readAll(kafka, 'f.dlq');
    expect(dead?.value).toBe(JSON.stringify({ id: 3 }));
    expect(dead?.headers).toMatchObject({ [headerNames.errorClass]: 'transient', [headerNames.errorAttempts]: '3', [headerNames.errorStage]: 'invoke' });
    expect(dead?.headers[headerNames.errorMessage]).toMatch(/no response within 1000 ms/);
    expect(r.status()[0]).toMatchObject({ state: 'running', consumed: 10, published: 9, deadLettered: 1 });
  });

  it('takes a version change without losing or skipping a message', { timeout: 60_000 }, async () => {
    await createTopics(kafka, { 'v.in': 2, 'v.out': 2 });
    stub.behave = (call) => ({ result: { id: idOf(call.body), version: call.version } });
    const r = runtime();
    const v1 = subscribeBinding('acme/versioned', 'v.in', ['v.out'], { version: '1.0.0' });
    await r.reconcile([v1]);
    const batch = (from: number) => Array.from({ length: 500 }, (_, i) => ({ key: `k${(from + i) % 13}`, value: JSON.stringify({ id: from + i }) }));
    await produce(kafka, 'v.in', batch(0));
    expect(await eventually(async () => (await countRecords(kafka, 'v.out')) >= 200)).toBe(true);
    await r.reconcile([{ ...v1, version: '2.0.0' }]);
    await produce(kafka, 'v.in', batch(500));
    expect(await eventually(async () => (await countRecords(kafka, 'v.out')) >= 1_000)).toBe(true);

    const out = (await readAll(kafka, 'v.out')).map((o) => JSON.parse(o.value ?? '{}') as { id: number; version: string });
    expect(new Set(out.map((o) => o.id)).size).toBe(1_000);
    // Everything produced after the change ran on the new version.
    expect(out.filter((o) => o.id >= 500).every((o) => o.version === '2.0.0')).toBe(true);
    expect(out.some((o) => o.version === '1.0.0')).toBe(true);
    expect(r.status()[0]).toMatchObject({ version: '2.0.0', state: 'running' });
  });

  it('without a DLQ, pauses in an error state with the offset uncommitted, and resumes once a DLQ is added', { timeout: 60_000 }, async () => {
    await createTopics(kafka, { 'n.in': 1, 'n.out': 1, 'n.dlq': 1 });
    stub.behave = (call) => (idOf(call.body) === 4 ? { status: 400, error: 'bad input for this algorithm' } : { result: { id: idOf(call.body) } });
    const r = runtime();
    const binding = subscribeBinding('acme/strict', 'n.in', ['n.out']);
    await r.reconcile([binding]);
    await produce(kafka, 'n.in', Array.from({ length: 10 }, (_, id) => ({ key: 'same', value: JSON.stringify({ id }) })));
    expect(await eventually(() => r.status()[0]?.state === 'error')).toBe(true);
    const status = r.status()[0];
    expect(status?.lastError).toMatchObject({ class: 'permanent', stage: 'invoke', source: { topic: 'n.in', partition: 0, offset: '4' } });
    expect(status?.lastError?.message).toMatch(/bad input/);

    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: binding.consumerGroup, topics: ['n.in'] });
    await admin.disconnect();
    expect(committed?.partitions[0]?.offset).toBe('4');
    expect((await readAll(kafka, 'n.out')).map((o) => o.value)).toEqual([0, 1, 2, 3].map((id) => JSON.stringify({ id })));

    await r.reconcile([{ ...binding, dlq: { connection: 'local', topic: 'n.dlq' } }]);
    expect(await eventually(async () => (await countRecords(kafka, 'n.out')) >= 9)).toBe(true);
    expect(await eventually(async () => (await countRecords(kafka, 'n.dlq')) === 1)).toBe(true);
    expect(r.status()[0]?.state).toBe('running');
  });

  it('finishes the messages begun under the old outputs before an update in place returns', { timeout: 60_000 }, async () => {
    // Deploy removes the ACLs only the old settings needed once the runtime has taken the new ones: a
    // chunk still writing to the old output must be done by then, or it would fail on a missing ACL.
    await createTopics(kafka, { 'u.in': 1, 'u.old': 1, 'u.new': 1 });
    let invoked = false;
    stub.behave = (call) => {
      invoked = true;
      return { delayMs: 1_500, result: { id: idOf(call.body) } };
    };
    const r = runtime();
    await r.reconcile([subscribeBinding('acme/http-algo', 'u.in', ['u.old'])]);
    await produce(kafka, 'u.in', [{ key: 'k', value: JSON.stringify({ id: 1 }) }]);
    expect(await eventually(() => invoked)).toBe(true);

    await r.reconcile([subscribeBinding('acme/http-algo', 'u.in', ['u.new'])]);
    expect(await countRecords(kafka, 'u.old')).toBe(1);
    expect(await countRecords(kafka, 'u.new')).toBe(0);
    expect(r.status()[0]?.state).toBe('running');
  });
});
