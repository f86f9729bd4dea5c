import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, dlqReader, headerNames, peekDlq, replayDlq, type DlqReader, type Runtime } from '@event-flows/runtime';
import type { Kafka, Producer } from 'kafkajs';
import { countRecords, createTopics, eventually, kafkaAt, produce, readAll, subscribeBinding } from './runtimeHarness.ts';

let broker: RunningBroker;
const runtimes: Runtime[] = [];

/** A runtime on the test broker; `elsewhere` maps other connection ids to brokers of their own. */
function runtime(elsewhere: Record<string, RunningBroker> = {}): Runtime {
  const r = createRuntime({
    connections: async (id) => ({ brokers: [(elsewhere[id] ?? broker).address] }),
    credentials: async () => undefined,
    consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
  });
  runtimes.push(r);
  return r;
}

/**
 * `kafka`, counting the DLQ records its consumers are handed (kafkajs's own count of each batch), to
 * see how much of a topic a tool reads.
 */
function counting(kafka: Kafka): { kafka: Kafka; delivered: () => number } {
  let delivered = 0;
  const counted = Object.create(kafka) as Kafka;
  counted.consumer = (config) => {
    const consumer = kafka.consumer(config);
    consumer.on(consumer.events.END_BATCH_PROCESS, (event) => {
      delivered += event.payload.batchSize;
    });
    return consumer;
  };
  return { kafka: counted, delivered: () => delivered };
}

const closing: Array<() => Promise<void>> = [];

/** A DLQ reader of `kafka`'s cluster, closed after the tests. */
function readerOf(kafka: Kafka): DlqReader {
  const reader = dlqReader(kafka);
  closing.push(() => reader.close());
  return reader;
}

/** A connected producer of `kafka`'s cluster, disconnected after the tests. */
async function producerOf(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  closing.push(() => producer.disconnect());
  return producer;
}

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
});
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close({ drain: false })));
  await Promise.all(closing.map((close) => close()));
  await broker?.close();
});

describe('DLQ tools', () => {
  it('peeks at dead letters with their headers and replays chosen ones to the source topic with the original key and value', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    const reader = readerOf(kafka);
    const producer = await producerOf(kafka);
    await createTopics(kafka, { 'r.in': 2, 'r.out': 2, 'r.dlq': 1 });
    const binding = subscribeBinding('demo/fail-on', 'r.in', ['r.out'], { dlq: { connection: 'local', topic: 'r.dlq' } });
    await runtime().reconcile([binding]);
    const messages = Array.from({ length: 30 }, (_, i) => ({
      key: `key-${i}`,
      value: JSON.stringify({ id: i, fail: i % 10 === 3 }),
      headers: { 'x-origin': `o${i}` },
    }));
    await produce(kafka, 'r.in', messages);
    expect(await eventually(async () => (await countRecords(kafka, 'r.dlq')) === 3 && (await countRecords(kafka, 'r.out')) === 27)).toBe(true);

    const { records: peeked } = await peekDlq(reader, { topic: 'r.dlq', owner: binding, limit: 10 });
    expect(peeked.map((r) => r.key?.toString()).sort()).toEqual(['key-13', 'key-23', 'key-3']);
    for (const r of peeked) {
      expect(r.error).toMatchObject({ class: 'permanent', stage: 'invoke', attempts: 1 });
      expect(r.source.topic).toBe('r.in');
      expect(r.algorithm).toBe('demo/fail-on');
      expect(r.headers['x-origin']).toBe(`o${r.key?.toString().slice(4)}`);
    }
    expect((await peekDlq(reader, { topic: 'r.dlq', owner: binding, limit: 2 })).records).toHaveLength(2);
    // Peeking moves no offsets: the DLQ still holds all three.
    expect(await countRecords(kafka, 'r.dlq')).toBe(3);

    const chosen = peeked.filter((r) => r.key?.toString() !== 'key-13');
    const before = await readAll(kafka, 'r.in');
    const result = await replayDlq(reader, { dlqTopic: 'r.dlq', owner: binding, producer, select: chosen.map((r) => ({ partition: r.partition, offset: r.offset })), replayedBy: 'alice@acme' });
    expect(result).toEqual({ replayed: 2, topic: 'r.in', skipped: [] });
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

    // Replaying all sends the three dead letters, not also the two failed replays of two of them.
    const all = await replayDlq(reader, { dlqTopic: 'r.dlq', owner: binding, producer, select: 'all' });
    expect(all).toEqual({ replayed: 3, topic: 'r.in', skipped: [{ reason: expect.stringMatching(/failed replay/), count: 2 }] });
  });

  it('replays each dead letter once per replay of all, not also the failures of earlier replays, and answers in counts', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    const reader = readerOf(kafka);
    const producer = await producerOf(kafka);
    await createTopics(kafka, { 'twice.in': 2, 'twice.dlq': 2 });
    const binding = subscribeBinding('demo/fail-on', 'twice.in', [], { dlq: { connection: 'local', topic: 'twice.dlq' } });
    await runtime().reconcile([binding]);
    await produce(kafka, 'twice.in', Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ fail: i < 4 }) })));
    expect(await eventually(async () => (await countRecords(kafka, 'twice.dlq')) === 4)).toBe(true);

    const first = await replayDlq(reader, { dlqTopic: 'twice.dlq', owner: binding, producer, select: 'all' });
    expect(first).toEqual({ replayed: 4, topic: 'twice.in', skipped: [] });
    // The algorithm still refuses them: each replay fails and is dead-lettered again, naming its original.
    expect(await eventually(async () => (await countRecords(kafka, 'twice.dlq')) === 8)).toBe(true);
    const second = await replayDlq(reader, { dlqTopic: 'twice.dlq', owner: binding, producer, select: 'all' });

    // Read back from the source topic: every original dead letter came back once per replay, nothing else did.
    const dlq = await readAll(kafka, 'twice.dlq');
    const originals = dlq.filter((r) => r.headers['eventflows.replay.from'] === undefined).map((r) => `twice.dlq/${r.partition}/${r.offset}`);
    const replays = (await readAll(kafka, 'twice.in')).filter((r) => r.headers['eventflows.replay.from'] !== undefined);
    expect(replays).toHaveLength(8);
    expect(replays.map((r) => r.headers['eventflows.replay.from']).sort()).toEqual([...originals, ...originals].sort());
    expect(second).toEqual({ replayed: 4, topic: 'twice.in', skipped: [{ reason: expect.stringMatching(/failed replay of a dead letter still in the DLQ/), count: 4 }] });

    // A failed replay whose original is not in this DLQ (gone, or another DLQ's) is the dead letter now: it is replayed.
    await produce(kafka, 'twice.dlq', [
      {
        key: 'orphan',
        value: '{"fail":true}',
        headers: { 'eventflows.replay.from': 'twice.dlq/0/999999', [headerNames.sourceTopic]: 'twice.in', [headerNames.algorithm]: binding.algorithm, [headerNames.flow]: binding.flowId },
      },
    ]);
    const third = await replayDlq(reader, { dlqTopic: 'twice.dlq', owner: binding, producer, select: 'all' });
    expect(third.replayed).toBe(5);
  });

  it("shows and replays only the subscription's own dead letters of a shared DLQ, and writes them only to its topic", { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    const reader = readerOf(kafka);
    const producer = await producerOf(kafka);
    await createTopics(kafka, { 'sh.a': 1, 'sh.b': 1, 'sh.dlq': 1, 'sh.private': 1 });
    const dlq = { connection: 'local', topic: 'sh.dlq' };
    const own = subscribeBinding('demo/fail-on', 'sh.a', [], { dlq });
    // Another algorithm, and the same algorithm on another topic, dead-letter into the same DLQ.
    const otherAlgorithm = subscribeBinding('acme/classify', 'sh.b', [], { dlq });
    const otherTopic = subscribeBinding('demo/fail-on', 'sh.b', [], { dlq });
    await runtime().reconcile([own, otherAlgorithm, otherTopic]);
    await produce(kafka, 'sh.a', [
      { key: 'a1', value: '{"fail":true}' },
      { key: 'a2', value: '{"fail":true}' },
      { key: 'a3', value: '{"fail":false}' },
    ]);
    await produce(kafka, 'sh.b', [{ key: 'b1', value: '{"fail":true}' }]);
    expect(await eventually(async () => (await countRecords(kafka, 'sh.dlq')) === 4)).toBe(true);
    // Whoever may write to the DLQ can put records there that claim any source.
    await produce(kafka, 'sh.dlq', [
      { key: 'forged-elsewhere', value: 'x', headers: { [headerNames.sourceTopic]: 'sh.private', [headerNames.algorithm]: own.algorithm, [headerNames.flow]: own.flowId } },
      { key: 'forged-flow', value: 'x', headers: { [headerNames.sourceTopic]: 'sh.a', [headerNames.algorithm]: own.algorithm, [headerNames.flow]: 'another-flow' } },
      { key: 'bare', value: 'x' },
    ]);
    const keyAt = new Map((await readAll(kafka, 'sh.dlq')).map((r) => [`${r.partition}:${r.offset}`, r.key]));
    const positionOf = (key: string) => {
      const [position] = [...keyAt].find(([, k]) => k === key) ?? [];
      const [partition, offset] = (position ?? '0:0').split(':');
      return { partition: Number(partition), offset: offset ?? '0' };
    };

    const { records: peeked } = await peekDlq(reader, { topic: 'sh.dlq', owner: own, limit: 50 });
    expect(peeked.map((r) => r.key?.toString()).sort()).toEqual(['a1', 'a2']);

    const all = await replayDlq(reader, { dlqTopic: 'sh.dlq', owner: own, producer, select: 'all' });
    expect(all.replayed).toBe(2);
    expect(all.topic).toBe('sh.a');
    // b1 twice (another algorithm's, and the same algorithm's on another topic), bare, forged-elsewhere, forged-flow.
    expect(Object.fromEntries(all.skipped.map((s) => [s.reason, s.count]))).toEqual({
      'dead-lettered by another algorithm': 2,
      "from another topic than the subscription's": 2,
      'dead-lettered by another flow': 1,
    });
    const replays = (await readAll(kafka, 'sh.a')).filter((r) => r.headers['eventflows.replay.from'] !== undefined);
    expect(replays.map((r) => r.key).sort()).toEqual(['a1', 'a2']);
    expect(await countRecords(kafka, 'sh.private')).toBe(0);
    expect(await countRecords(kafka, 'sh.b')).toBe(1);
    expect(await countRecords(kafka, 'sh.a')).toBe(5);

    // Chosen by position, a record of another source is refused just the same, and so is one that is not there.
    const chosen = await replayDlq(reader, { dlqTopic: 'sh.dlq', owner: own, producer, select: [positionOf('forged-elsewhere'), { partition: 0, offset: '999999' }] });
    expect(chosen).toEqual({
      replayed: 0,
      topic: 'sh.a',
      skipped: [
        { reason: expect.stringMatching(/another topic/), count: 1 },
        { reason: 'not in the DLQ', count: 1 },
      ],
    });
    expect(await countRecords(kafka, 'sh.private')).toBe(0);
  });

  it("replays to the subscription's own connection when its DLQ is on another cluster", { timeout: 60_000 }, async () => {
    const remote = await startBroker({ port: 0, log: () => {} });
    try {
      const kafka = kafkaAt(broker.address);
      const remoteKafka = kafkaAt(remote.address);
      const remoteReader = dlqReader(remoteKafka);
      const producer = await producerOf(kafka);
      await createTopics(kafka, { 'x.in': 1 });
      // The remote cluster has a topic of the same name, which the replay must not write to.
      await createTopics(remoteKafka, { 'x.in': 1, 'x.dlq': 1 });
      const binding = subscribeBinding('demo/fail-on', 'x.in', [], { dlq: { connection: 'remote', topic: 'x.dlq' } });
      await runtime({ remote }).reconcile([binding]);
      await produce(kafka, 'x.in', [{ key: 'k', value: '{"fail":true}' }]);
      expect(await eventually(async () => (await countRecords(remoteKafka, 'x.dlq')) === 1)).toBe(true);

      const result = await replayDlq(remoteReader, { dlqTopic: 'x.dlq', owner: binding, producer, select: 'all' });
      await remoteReader.close();
      expect(result.replayed).toBe(1);
      expect(await countRecords(kafka, 'x.in')).toBe(2);
      expect(await countRecords(remoteKafka, 'x.in')).toBe(0);
    } finally {
      await remote.close();
    }
  });

  it('peeks and replays for many callers at once on one consumer of the DLQ, each answered as if alone', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'c.in': 1, 'c.dlq': 2 });
    const owner = subscribeBinding('demo/fail-on', 'c.in', [], { dlq: { connection: 'local', topic: 'c.dlq' } });
    const headers = { [headerNames.algorithm]: owner.algorithm, [headerNames.flow]: owner.flowId, [headerNames.sourceTopic]: 'c.in' };
    await produce(kafka, 'c.dlq', Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers })));
    let consumers = 0;
    const counted = Object.create(kafka) as Kafka;
    counted.consumer = (config) => {
      consumers++;
      return kafka.consumer(config);
    };
    const reader = readerOf(counted);
    const producer = await producerOf(kafka);
    const alone = await peekDlq(reader, { topic: 'c.dlq', owner, limit: 10 });
    expect(alone.records).toHaveLength(10);

    const positions = alone.records.slice(0, 4).map((r) => ({ partition: r.partition, offset: r.offset }));
    const [peeks, replays] = await Promise.all([
      Promise.all(Array.from({ length: 8 }, () => peekDlq(reader, { topic: 'c.dlq', owner, limit: 10 }))),
      Promise.all(positions.map((position) => replayDlq(reader, { dlqTopic: 'c.dlq', owner, producer, select: [position] }))),
    ]);
    expect(peeks).toEqual(peeks.map(() => alone));
    expect(replays).toEqual(positions.map(() => ({ replayed: 1, topic: 'c.in', skipped: [] })));
    expect((await readAll(kafka, 'c.in')).map((r) => r.key).sort()).toEqual(alone.records.slice(0, 4).map((r) => r.key?.toString()).sort());
    expect(consumers).toBe(1);
  });

  it('goes on reading after a read fails: the reads queued behind it get a new consumer', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'f.dlq': 1 });
    const owner = subscribeBinding('demo/fail-on', 'f.in', [], { dlq: { connection: 'local', topic: 'f.dlq' } });
    const headers = { [headerNames.algorithm]: owner.algorithm, [headerNames.flow]: owner.flowId, [headerNames.sourceTopic]: 'f.in' };
    await produce(kafka, 'f.dlq', Array.from({ length: 3 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers })));
    let consumers = 0;
    const counted = Object.create(kafka) as Kafka;
    counted.consumer = (config) => {
      consumers++;
      return kafka.consumer(config);
    };
    const reader = readerOf(counted);
    const all = new Map([[0, { from: 0n, to: 3n }]]);
    const failing = reader.read('f.dlq', all, () => {
      throw new Error('the caller gave up');
    });
    const queued = peekDlq(reader, { topic: 'f.dlq', owner, limit: 10 });
    await expect(failing).rejects.toThrow('the caller gave up');
    expect((await queued).records.map((r) => r.key?.toString())).toEqual(['k0', 'k1', 'k2']);
    expect(consumers).toBe(2);
  });

  it('reads alone for a read that may be held (a paused redrive): the shared consumer reads for the others meanwhile', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'h.dlq': 1 });
    const owner = subscribeBinding('demo/fail-on', 'h.in', [], { dlq: { connection: 'local', topic: 'h.dlq' } });
    const headers = { [headerNames.algorithm]: owner.algorithm, [headerNames.flow]: owner.flowId, [headerNames.sourceTopic]: 'h.in' };
    await produce(kafka, 'h.dlq', Array.from({ length: 3 }, (_, i) => ({ key: `k${i}`, value: `v${i}`, headers })));
    let consumers = 0;
    const counted = Object.create(kafka) as Kafka;
    counted.consumer = (config) => {
      consumers++;
      return kafka.consumer(config);
    };
    const reader = readerOf(counted);
    const events: string[] = [];
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding = (): void => undefined;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const keys: string[] = [];
    const heldRead = reader.read('h.dlq', new Map([[0, { from: 0n, to: 3n }]]), async (record) => {
      keys.push(record.key?.toString() ?? '');
      if (keys.length === 1) {
        holding();
        await released;
      }
      return true;
    }, { alone: true });
    await held;
    const peeked = await peekDlq(reader, { topic: 'h.dlq', owner, limit: 10 });
    events.push('peeked');
    release();
    await heldRead;
    events.push('held read ended');
    expect(events).toEqual(['peeked', 'held read ended']);
    expect(peeked.records.map((r) => r.key?.toString())).toEqual(['k0', 'k1', 'k2']);
    expect(keys).toEqual(['k0', 'k1', 'k2']);
    // The lone consumer is gone after its read; the shared one reads on.
    await peekDlq(reader, { topic: 'h.dlq', owner, limit: 10 });
    expect(consumers).toBe(2);
  });

  it('replays a chosen record with an edited value, keeping its key and headers', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'e.in': 1, 'e.dlq': 1 });
    const owner = subscribeBinding('demo/fail-on', 'e.in', [], { dlq: { connection: 'local', topic: 'e.dlq' } });
    const headers = { [headerNames.algorithm]: owner.algorithm, [headerNames.flow]: owner.flowId, [headerNames.sourceTopic]: 'e.in', 'x-origin': 'shop' };
    await produce(kafka, 'e.dlq', [
      { key: 'a', value: '{"fail":true}', headers },
      { key: 'b', value: '{"fail":true}', headers },
    ]);
    const reader = readerOf(kafka);
    const producer = await producerOf(kafka);
    const result = await replayDlq(reader, { dlqTopic: 'e.dlq', owner, producer, select: [{ partition: 0, offset: '1', value: Buffer.from('{"fail":false}') }] });
    expect(result).toEqual({ replayed: 1, topic: 'e.in', skipped: [] });
    const [replayed, ...others] = await readAll(kafka, 'e.in');
    expect(others).toEqual([]);
    expect(replayed).toMatchObject({ key: 'b', value: '{"fail":false}' });
    expect(replayed?.headers['x-origin']).toBe('shop');
    expect(replayed?.headers['eventflows.replay.from']).toBe('e.dlq/0/1');
  });

  it('peeks at the newest dead letters, reading a bounded part of a large DLQ from its end', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    await createTopics(kafka, { 'many.in': 1, 'many.dlq': 1 });
    const owner = subscribeBinding('demo/fail-on', 'many.in', [], { dlq: { connection: 'local', topic: 'many.dlq' } });
    const padding = 'x'.repeat(1_000);
    const record = (key: string, algorithm: string, sourceTopic: string) => ({
      key,
      value: padding,
      headers: { [headerNames.algorithm]: algorithm, [headerNames.flow]: owner.flowId, [headerNames.sourceTopic]: sourceTopic },
    });
    // The owner's 3 oldest, then 6,000 of another algorithm's (6 MB), then the owner's 200 newest.
    await produce(kafka, 'many.dlq', Array.from({ length: 3 }, (_, i) => record(`old-${i}`, owner.algorithm, 'many.in')));
    await produce(kafka, 'many.dlq', Array.from({ length: 6_000 }, (_, i) => record(`other-${i}`, 'acme/classify', 'orders')));
    await produce(kafka, 'many.dlq', Array.from({ length: 200 }, (_, i) => record(`new-${i}`, owner.algorithm, 'many.in')));

    const newest = counting(kafka);
    const peeked = await peekDlq(readerOf(newest.kafka), { topic: 'many.dlq', owner, limit: 10 });
    expect(peeked.records.map((r) => r.key?.toString())).toEqual(Array.from({ length: 10 }, (_, i) => `new-${190 + i}`));
    // Of the 6,203 records in the DLQ, kafkajs handed the peek the 10 it needed, give or take a batch.
    expect(newest.delivered()).toBeLessThan(600);
    expect(peeked.scanned.records).toBe(10);

    // Asked for more of the owner's than the newest records hold, it reads back until its byte bound.
    const bounded = counting(kafka);
    const most = await peekDlq(readerOf(bounded.kafka), { topic: 'many.dlq', owner, limit: 500, maxBytes: 1_000_000 });
    expect(most.records.map((r) => r.key?.toString())).toEqual(Array.from({ length: 200 }, (_, i) => `new-${i}`));
    expect(most.complete).toBe(false);
    expect(most.scanned.bytes).toBeLessThan(1_000_000 + 2_000);
    expect(bounded.delivered()).toBeLessThan(3_000);
  });

  it('replays a DLQ of 300 records of 5 KB (1.5 MB, over one produce request) each exactly once', { timeout: 60_000 }, async () => {
    const kafka = kafkaAt(broker.address);
    const reader = readerOf(kafka);
    const producer = await producerOf(kafka);
    // One partition: the whole replay would be one record batch of 1.5 MB, over Kafka's 1 MB default.
    await createTopics(kafka, { 'big.in': 1, 'big.dlq': 1 });
    const binding = subscribeBinding('demo/fail-on', 'big.in', [], { dlq: { connection: 'local', topic: 'big.dlq' } });
    const r = runtime();
    await r.reconcile([binding]);
    const padding = 'x'.repeat(5_000);
    // In sends of 100 (500 KB), which Kafka takes.
    for (let start = 0; start < 300; start += 100) {
      await produce(kafka, 'big.in', Array.from({ length: 100 }, (_, i) => ({ key: `k${start + i}`, value: JSON.stringify({ fail: true, i: start + i, padding }) })));
    }
    expect(await eventually(async () => (await countRecords(kafka, 'big.dlq')) === 300)).toBe(true);
    // Stopped, so that the replayed records are not dead-lettered again while the test counts.
    await r.close();

    const result = await replayDlq(reader, { dlqTopic: 'big.dlq', owner: binding, producer, select: 'all' });
    expect(result.replayed).toBe(300);
    expect(result.skipped).toEqual([]);
    const replayed = (await readAll(kafka, 'big.in')).filter((m) => m.headers['eventflows.replay.from'] !== undefined);
    expect(replayed).toHaveLength(300);
    expect(new Set(replayed.map((m) => m.headers['eventflows.replay.from'])).size).toBe(300);
    expect(new Set(replayed.map((m) => m.key)).size).toBe(300);
    expect(replayed.every((m) => m.value !== null && (JSON.parse(m.value) as { padding: string }).padding === padding)).toBe(true);
  });
});
