import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../server/startBroker.ts';
import { consumeLines, kafkaAt } from '../testing/kafka.ts';
import { kcat } from '../testing/kcat.ts';
import { RawClient } from '../testing/rawClient.ts';
import { encodeBatch, encodeRecords } from '../testing/recordBatches.ts';

let broker: RunningBroker;
let raw: RawClient;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  raw = await RawClient.open(broker.port);
});
afterAll(async () => {
  raw.close();
  await broker.close();
});

interface PartitionAck {
  index: number;
  errorCode: number;
  baseOffset: number;
}

async function produce(topic: string, batches: readonly Buffer[], version = 7): Promise<PartitionAck[]> {
  const response = await raw.call(0, version, {
    transactionalId: null,
    acks: -1,
    timeoutMs: 1000,
    topicData: [{ name: topic, partitionData: batches.map((records, index) => ({ index, records })) }],
  });
  const [first] = response.responses as { partitionResponses: PartitionAck[] }[];
  return first?.partitionResponses ?? [];
}

async function createTopic(name: string, partitions: number): Promise<void> {
  const response = await raw.call(19, 4, {
    topics: [{ name, numPartitions: partitions, replicationFactor: 1, assignments: [], configs: [] }],
    timeoutMs: 1000,
    validateOnly: false,
  });
  expect((response.topics as { errorCode: number }[])[0]?.errorCode).toBe(0);
}

async function endOffset(topic: string, partition: number): Promise<number> {
  const response = await raw.call(2, 1, { replicaId: -1, topics: [{ name: topic, partitions: [{ partitionIndex: partition, timestamp: -1 }] }] });
  return (response.topics as { partitions: { offset: number }[] }[])[0]?.partitions[0]?.offset ?? Number.NaN;
}

const valid = (values: readonly string[]): Buffer => encodeBatch(encodeRecords(values), { count: values.length });
const gzip = 1;
const zstd = 4;

describe('Produce validates the records of every batch', () => {
  it('refuses batches Kafka would refuse, stores none of them, and consumers see every valid record', { timeout: 60_000 }, async () => {
    await createTopic('checked', 1);
    const attempts: [string, Buffer, number][] = [
      ['codec 7 (no such codec)', encodeBatch(encodeRecords(['x']), { count: 1, attributes: 7 }), 76],
      ['codec 5 (no such codec)', encodeBatch(encodeRecords(['x']), { count: 1, attributes: 5 }), 76],
      ['gzip that is not gzip', encodeBatch(Buffer.from('not gzip at all'), { count: 1, attributes: gzip }), 2],
      ['gzip of records that do not read', encodeBatch(gzipSync(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2])), { count: 1, attributes: gzip }), 2],
      ['gzip of two records claiming three', encodeBatch(gzipSync(encodeRecords(['p', 'q'])), { count: 3, attributes: gzip }), 87],
      ['gzip inflating past the cap', encodeBatch(gzipSync(Buffer.alloc(65 * 1024 * 1024)), { count: 1, attributes: gzip }), 2],
      ['record length -1', encodeBatch(Buffer.from([0x01, 0, 0, 0, 0, 0, 0, 0]), { count: 1 }), 2],
      ['2^31-1 records claimed in 75 bytes', encodeBatch(encodeRecords(['hello']), { count: 0x7fffffff }), 87],
      ['one record claimed, two sent', encodeBatch(encodeRecords(['a', 'b']), { count: 1 }), 87],
    ];
    const answers: [string, number, number][] = [];
    await produce('checked', [valid(['first'])]);
    for (const [name, batch, expected] of attempts) {
      const [ack] = await produce('checked', [batch]);
      answers.push([name, ack?.errorCode ?? -1, ack?.baseOffset ?? 0]);
      expect([name, ack?.errorCode]).toEqual([name, expected]);
    }
    expect(answers.every(([, , baseOffset]) => baseOffset === -1)).toBe(true);
    const [zstdOnV3] = await produce('checked', [encodeBatch(Buffer.from('junk'), { count: 1, attributes: zstd })], 3);
    expect(zstdOnV3?.errorCode).toBe(76);
    const [gzipped] = await produce('checked', [encodeBatch(gzipSync(encodeRecords(['second', 'third'])), { count: 2, attributes: gzip })]);
    expect(gzipped).toMatchObject({ errorCode: 0, baseOffset: 1 });
    const [last] = await produce('checked', [valid(['fourth'])]);
    expect(last).toMatchObject({ errorCode: 0, baseOffset: 3 });
    expect(await endOffset('checked', 0)).toBe(4);

    const expected = ['first', 'second', 'third', 'fourth'];
    const consumed = await kcat(['-b', broker.address, '-C', '-t', 'checked', '-o', 'beginning', '-e', '-f', '%o %s\n']);
    expect(consumed.stdout.trim().split('\n')).toEqual(expected.map((v, i) => `${i} ${v}`));

    expect(await consumeLines(kafkaAt(broker.address), 'checked', 'checked-readers', expected.length)).toEqual(expected.map((v, i) => `${i} ${v}`));
  });

  it('answers each partition of a request on its own, storing the valid batches', async () => {
    await createTopic('mixed', 3);
    const acks = await produce('mixed', [valid(['ok-0']), encodeBatch(encodeRecords(['x']), { count: 1, attributes: 7 }), valid(['ok-2'])]);
    expect(acks.map((a) => [a.index, a.errorCode, a.baseOffset])).toEqual([
      [0, 0, 0],
      [1, 76, -1],
      [2, 0, 0],
    ]);
    expect([await endOffset('mixed', 0), await endOffset('mixed', 1), await endOffset('mixed', 2)]).toEqual([1, 0, 1]);
  });

  it('accepts what librdkafka writes with every codec, and serves it back', { timeout: 60_000 }, async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line-${i}-${'abc'.repeat(i % 50)}`);
    for (const codec of ['gzip', 'snappy', 'lz4', 'zstd']) {
      const topic = `kc-${codec}`;
      const produced = await kcat(['-b', broker.address, '-P', '-t', topic, '-z', codec, '-X', 'linger.ms=50'], `${lines.join('\n')}\n`);
      expect([codec, produced.code, produced.stderr]).toEqual([codec, 0, '']);
      expect(await endOffset(topic, 0)).toBe(lines.length);
      const consumed = await kcat(['-b', broker.address, '-C', '-t', topic, '-o', 'beginning', '-e', '-f', '%s\n']);
      expect(consumed.stdout.trim().split('\n')).toEqual(lines);
    }
  });
});
