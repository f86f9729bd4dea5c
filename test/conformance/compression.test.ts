import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { registerCodecs } from '@event-flows/runtime';
import { CompressionTypes, type Kafka } from 'kafkajs';
import { kafkaAt, kcat } from './clients.ts';

let broker: RunningBroker;
let kafka: Kafka;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  kafka = kafkaAt(broker.address);
  // kafkajs with the runtime's codecs: snappy, lz4 and zstd besides its own gzip.
  registerCodecs();
});
afterAll(async () => {
  await broker.close();
});

const codecs = ['gzip', 'snappy', 'lz4', 'zstd'] as const;
type CodecName = (typeof codecs)[number];
const kafkajsType: Record<CodecName, CompressionTypes> = {
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};
const plain = (): string[] => ['-b', broker.address, '-X', 'socket.timeout.ms=10000'];

/** Every record of partition 0 of `topic` as kafkajs reads it: offset, timestamp and value. */
async function readWithKafkajs(topic: string, count: number): Promise<Array<{ offset: string; timestamp: string; value: string }>> {
  const out: Array<{ offset: string; timestamp: string; value: string }> = [];
  const consumer = kafka.consumer({ groupId: `read-${topic}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
    void consumer.run({
      eachMessage: async ({ message }) => {
        out.push({ offset: message.offset, timestamp: message.timestamp, value: String(message.value) });
        if (out.length >= count) resolve();
      },
    });
  });
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, 15_000));
  await Promise.race([done, timeout]);
  await consumer.disconnect();
  return out;
}

/** kcat's answer to ListOffsets by time for partition 0: the offset, or -1 when no record is that late. */
async function kcatOffsetAt(topic: string, timestamp: number): Promise<number> {
  const { code, stdout, stderr } = await kcat([...plain(), '-Q', '-t', `${topic}:0:${timestamp}`]);
  expect(code, stderr).toBe(0);
  const match = /offset (-?\d+)/.exec(stdout);
  return Number(match?.[1]);
}

async function kafkajsOffsetAt(topic: string, timestamp: number): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [partition] = await admin.fetchTopicOffsetsByTimestamp(topic, timestamp);
    return Number(partition?.offset);
  } finally {
    await admin.disconnect();
  }
}

describe('compressed batches between kafkajs (with the runtime codecs), kcat (librdkafka 2.0.2) and the broker', () => {
  it.each(codecs)('kafkajs and kcat each read the %s batches the other writes', { timeout: 60_000 }, async (codec) => {
    const values = Array.from({ length: 30 }, (_, i) => `${codec}-${i}-${'z'.repeat(i * 10)}`);

    const produced = await kcat([...plain(), '-P', '-t', `cz-kcat-${codec}`, '-p', '0', '-z', codec], `${values.join('\n')}\n`);
    expect(produced.code, produced.stderr).toBe(0);
    expect((await readWithKafkajs(`cz-kcat-${codec}`, values.length)).map((r) => r.value)).toEqual(values);

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: `cz-kafkajs-${codec}`, acks: -1, compression: kafkajsType[codec], messages: values.map((value) => ({ value })) });
    await producer.disconnect();
    const consumed = await kcat([...plain(), '-C', '-t', `cz-kafkajs-${codec}`, '-o', 'beginning', '-e', '-f', '%s\n']);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim().split('\n')).toEqual(values);
  });

  it.each(codecs)('ListOffsets by time answers the exact record inside a %s batch from kafkajs', { timeout: 60_000 }, async (codec) => {
    const topic = `ct-kafkajs-${codec}`;
    const base = 1_700_000_000_000;
    const producer = kafka.producer();
    await producer.connect();
    // One request, one batch: five records 10 ms apart.
    await producer.send({ topic, acks: -1, compression: kafkajsType[codec], messages: [0, 1, 2, 3, 4].map((i) => ({ value: `v${i}`, timestamp: String(base + i * 10) })) });
    await producer.disconnect();

    const cases: Array<[number, number]> = [
      [base - 5_000, 0],
      [base, 0],
      [base + 15, 2],
      [base + 30, 3],
      [base + 40, 4],
      [base + 41, -1],
    ];
    for (const [timestamp, offset] of cases) expect([timestamp - base, await kcatOffsetAt(topic, timestamp)]).toEqual([timestamp - base, offset]);
    for (const [timestamp, offset] of cases.slice(0, -1)) expect([timestamp - base, await kafkajsOffsetAt(topic, timestamp)]).toEqual([timestamp - base, offset]);
  });

  it.each(codecs)('ListOffsets by time answers the first record of each %s batch from librdkafka', { timeout: 60_000 }, async (codec) => {
    // kcat stamps every record of one run with the same time, so each run is one batch of one time.
    const topic = `ct-kcat-${codec}`;
    for (const run of ['a', 'b', 'c']) {
      const produced = await kcat([...plain(), '-P', '-t', topic, '-p', '0', '-z', codec], `${run}1\n${run}2\n${run}3\n`);
      expect(produced.code, produced.stderr).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const records = await readWithKafkajs(topic, 9);
    expect(records.map((r) => r.value)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
    const times = records.map((r) => Number(r.timestamp));
    // The first record whose timestamp is at least `t`, from what was read back.
    const expected = (t: number): number => times.findIndex((time) => time >= t);
    for (const t of [...times.map((time) => time - 1), ...times, ...times.map((time) => time + 1)]) {
      expect([t - (times[0] as number), await kcatOffsetAt(topic, t)]).toEqual([t - (times[0] as number), expected(t)]);
    }
  });
});
