import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, headerNames, peekDlq, replayDlq, type Runtime } from '@event-flows/runtime';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll, subscribeBinding } from './runtimeHarness.ts';

let broker: RunningBroker;
let runtime: Runtime;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
});
afterAll(async () => {
  await runtime?.close({ drain: false });
  await broker?.close();
});

describe('DLQ tools', () => {
  it('peeks at dead letters with their headers and replays chosen ones to the source topic with the original key and value', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'r.in': 2, 'r.out': 2, 'r.dlq': 1 });
    runtime = createRuntime({
      connections: async () => ({ brokers: [broker.address] }),
      credentials: async () => undefined,
      consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
    });
    await runtime.reconcile([subscribeBinding('demo/fail-on', 'r.in', ['r.out'], { dlq: { connection: 'local', topic: 'r.dlq' } })]);
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: `key-${i}`,
      value: JSON.stringify({ id: i, fail: i % 10 === 3 }),
      headers: { 'x-origin': `o${i}` },
    }));
    await produce(kafka, 'r.in', messages);
    expect(await eventually(async () => (await countRecords(kafka, 'r.dlq')) === 3 && (await countRecords(kafka, 'r.out')) === 27)).toBe(true);

    const peeked = await peekDlq(kafka, { topic: 'r.dlq', limit: 10 });
    expect(peeked.map((r) => r.key?.toString()).sort()).toEqual(['key-13', 'key-23', 'key-3']);
    for (const r of peeked) {
      expect(r.error).toMatchObject({ class: 'permanent', stage: 'invoke', attempts: 1 });
      expect(r.source.topic).toBe('r.in');
      expect(r.algorithm).toBe('demo/fail-on');
      expect(r.headers['x-origin']).toBe(`o${r.key?.toString().slice(4)}`);
    }
    expect(await peekDlq(kafka, { topic: 'r.dlq', limit: 2 })).toHaveLength(2);
    // Peeking moves no offsets: the DLQ still holds all three.
    expect(await countRecords(kafka, 'r.dlq')).toBe(3);

    const chosen = peeked.filter((r) => r.key?.toString() !== 'key-13');
    const before = await readAll(kafka, 'r.in');
    const result = await replayDlq(kafka, { dlqTopic: 'r.dlq', select: chosen.map((r) => ({ partition: r.partition, offset: r.offset })), replayedBy: 'alice@acme' });
    expect(result.replayed).toHaveLength(2);
    expect(result.skipped).toEqual([]);
    const after = await readAll(kafka, 'r.in');
    expect(after).toHaveLength(before.length + 2);
    const seen = new Set(before.map((r) => `${r.partition}:${r.offset}`));
    const replayed = after.filter((r) => !seen.has(`${r.partition}:${r.offset}`));
    expect(replayed.map((r) => r.key).sort()).toEqual(['key-23', 'key-3']);
    for (const r of replayed) {
      const original = messages.find((m) => m.key === r.key);
      expect(r.value).toBe(original?.value);
      expect(r.headers['x-origin']).toBe(original?.headers['x-origin']);
      expect(r.headers['eventflows.replay.by']).toBe('alice@acme');
      expect(r.headers[headerNames.errorClass]).toBeUndefined();
    }
    // The replayed records fail again (the algorithm still refuses them) and land in the DLQ once more.
    expect(await eventually(async () => (await countRecords(kafka, 'r.dlq')) === 5)).toBe(true);

    const all = await replayDlq(kafka, { dlqTopic: 'r.dlq', select: 'all' });
    expect(all.replayed).toHaveLength(5);
  });
});
