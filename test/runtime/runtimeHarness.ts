import { Kafka, logLevel, type IHeaders, type KafkaMessage, type SASLOptions } from 'kafkajs';
import { consumerGroupFor, principalFor, type SubscribeBinding } from '@event-flows/model';

/** A kafkajs client of the broker at `address`, logs silenced. */
export function kafkaAt(address: string, sasl?: SASLOptions): Kafka {
  return new Kafka({
    clientId: 'runtime-test',
    brokers: [address],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100 },
    ...(sasl ? { sasl } : {}),
  });
}

/** A subscribe binding as compile would produce it, with test-friendly defaults. */
export function subscribeBinding(
  algorithm: string,
  topic: string,
  outputs: readonly string[],
  extra: Partial<SubscribeBinding> = {},
): SubscribeBinding {
  return {
    flowId: 'flow-test',
    algorithm,
    connection: 'local',
    topic,
    direction: 'subscribe',
    version: '1.0.0',
    principal: principalFor(algorithm),
    consumerGroup: consumerGroupFor(algorithm, 'local', topic),
    dlq: null,
    outputs: outputs.map((t) => ({ connection: 'local', topic: t })),
    retry: { maxAttempts: 3, backoffMs: 50 },
    concurrency: 1,
    ordering: 'partition',
    timeoutMs: 5_000,
    ...extra,
  };
}

/** Creates topics (partitions each). */
export async function createTopics(kafka: Kafka, topics: Record<string, number>): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: Object.entries(topics).map(([topic, numPartitions]) => ({ topic, numPartitions })) });
  await admin.disconnect();
}

/** A record read back, with headers as text. */
export interface ReadRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly timestamp: string;
  readonly headers: Record<string, string>;
}

function text(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (first !== undefined) out[name] = String(first);
  }
  return out;
}

function toRecord(partition: number, m: KafkaMessage): ReadRecord {
  return {
    partition,
    offset: m.offset,
    key: m.key === null ? null : m.key.toString(),
    value: m.value === null ? null : m.value.toString(),
    timestamp: m.timestamp,
    headers: text(m.headers),
  };
}

/** Reads every record of `topic` now on the broker (up to each partition's end when called). */
export async function readAll(kafka: Kafka, topic: string): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
  const out: ReadRecord[] = [];
  if (remaining.size === 0) return out;
  const consumer = kafka.consumer({ groupId: `reader-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = remaining.get(batch.partition);
        if (end === undefined) return;
        for (const m of batch.messages) if (Number(m.offset) < end) out.push(toRecord(batch.partition, m));
        if (Number(batch.lastOffset()) + 1 >= end) remaining.delete(batch.partition);
        if (remaining.size === 0) resolve();
      },
    });
  });
  await consumer.disconnect();
  return out;
}

/** Polls `check` until true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 60_000, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** Total records in a topic now. */
export async function countRecords(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    return ends.reduce((sum, e) => sum + Number(e.high) - Number(e.low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Produces messages in batches of 500. */
export async function produce(kafka: Kafka, topic: string, messages: Array<{ key: string; value: string; headers?: Record<string, string> }>): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < messages.length; i += 500) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 500) });
  await producer.disconnect();
}
