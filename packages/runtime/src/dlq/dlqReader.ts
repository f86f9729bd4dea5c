import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { dlqRecordOf, type DlqRecord } from './dlqRecord.ts';

/** Offsets `[from, to)` of one partition. */
export interface PartitionRange {
  readonly from: bigint;
  readonly to: bigint;
}

/** A partition of a topic with its first offset and the offset after its last record. */
export interface Watermark {
  readonly partition: number;
  readonly low: bigint;
  readonly high: bigint;
}

/**
 * One step of reading a topic from its end backwards: per partition, the range of the `window` records
 * before its `unread` offset (never below its first offset), and `unread` moved to that range's start.
 */
export function windowBefore(marks: readonly Watermark[], unread: Map<number, bigint>, window: bigint): Map<number, PartitionRange> {
  const ranges = new Map<number, PartitionRange>();
  for (const m of marks) {
    const to = unread.get(m.partition) ?? m.low;
    const from = to - window > m.low ? to - window : m.low;
    ranges.set(m.partition, { from, to });
    unread.set(m.partition, from);
  }
  return ranges;
}

/**
 * Reads DLQ topics of one cluster for the DLQ tools, on clients it keeps from one read to the next: one
 * admin, and one consumer per DLQ topic. A consumer reads for one caller at a time; other reads of
 * the same topic wait their turn. So any number of peeks and replays at once sign in to the cluster a
 * few times, not once each (kafkajs makes a connection, and a sign-in, per client).
 */
export interface DlqReader {
  /** Each partition of `topic` with its first offset and the offset after its last record. */
  watermarks(topic: string): Promise<Watermark[]>;
  /**
   * Per partition of `topic`, the first offset whose record's timestamp is at least `timestamp` (ms
   * since the epoch): Kafka's ListOffsets by time; the offset after the last record when none is.
   */
  offsetsAt(topic: string, timestamp: number): Promise<Map<number, bigint>>;
  /** Per partition of `topic`, the offset consumer group `groupId` committed (absent where it committed none). */
  committed(groupId: string, topic: string): Promise<Map<number, bigint>>;
  /**
   * Reads the given offsets of each partition of `topic` (every partition is listed; an empty range is
   * not read), calling `keep` for each record, one after another, until it returns false.
   * Each partition starts at its range's start and stops at its end, so nothing else of the topic is
   * fetched, beyond what Kafka sends with a fetch (whole record batches, about a megabyte). The next
   * fetch waits for `keep`, so a slow `keep` holds back the read rather than piling records up.
   * Rejects, having read no further, when `keep` does. Moves no committed offset of any group.
   * With `alone`, it reads on a consumer of its own, disconnected after, and neither waits for the
   * topic's other reads nor holds them back: for a read that may take long (a redrive, slowed by its
   * rate or paused), at the cost of a sign-in.
   */
  read(topic: string, ranges: ReadonlyMap<number, PartitionRange>, keep: (record: DlqRecord) => boolean | Promise<boolean>, options?: ReadOptions): Promise<void>;
  /** Disconnects every client, and deletes the consumer groups of the readers. */
  close(): Promise<void>;
}

/** How one {@link DlqReader.read} reads. */
export interface ReadOptions {
  /** On a consumer of its own rather than the topic's shared one (see {@link DlqReader.read}). */
  readonly alone?: boolean;
}

/** How a {@link dlqReader} fetches and how long it keeps an unused consumer. */
export interface DlqReaderOptions {
  /** Most bytes one fetch brings, per partition and in all (default 1 MB). */
  readonly fetchBytes?: number;
  /** How long a topic's consumer stays connected after its last read (default 60 s). */
  readonly idleMs?: number;
}

/** A topic's consumer, and the reads waiting for it. */
interface TopicConsumer {
  readonly groupId: string;
  readonly consumer: Promise<Consumer>;
  /** Settles when the last read queued so far has finished. */
  turn: Promise<void>;
  /** Reads queued or running. */
  users: number;
  /** Taken out of use: reads still queued for it go to the topic's next consumer. */
  retired: boolean;
  idle?: ReturnType<typeof setTimeout>;
}

/**
 * A {@link DlqReader} over `kafka`. Why a consumer per topic, kept and reused: kafkajs reads only
 * through a consumer group, and a consumer, once running, cannot change what it subscribes to; one
 * consumer for all topics would be subscribed to every DLQ ever read (and fail when one is deleted),
 * and a new consumer per read signs in again each time. Between reads a consumer is stopped (it leaves
 * its group and holds no partitions) but stays connected, and its group, of its own, commits nothing.
 */
export function dlqReader(kafka: Kafka, options: DlqReaderOptions = {}): DlqReader {
  const fetchBytes = options.fetchBytes ?? 1024 * 1024;
  const idleMs = options.idleMs ?? 60_000;
  let admin: Promise<Admin> | undefined;
  const consumers = new Map<string, TopicConsumer>();
  /** The consumers of reads going on alone, by topic: closed with the others. */
  const lone = new Set<[string, TopicConsumer]>();

  const adminClient = (): Promise<Admin> => {
    if (!admin) {
      const client = kafka.admin();
      const connected = client.connect().then(() => client);
      admin = connected;
      connected.catch(() => {
        if (admin === connected) admin = undefined;
      });
    }
    return admin;
  };

  /** Takes a topic's consumer out of use: disconnects it and deletes its group. */
  const retire = async (topic: string, entry: TopicConsumer): Promise<void> => {
    if (consumers.get(topic) === entry) consumers.delete(topic);
    entry.retired = true;
    clearTimeout(entry.idle);
    const consumer = await entry.consumer.catch(() => undefined);
    if (!consumer) return;
    await consumer.disconnect().catch(() => undefined);
    await (await adminClient()).deleteGroups([entry.groupId]).catch(() => undefined);
  };

  /** A new consumer of `topic`, connecting and subscribing. */
  const newConsumer = (topic: string): TopicConsumer => {
    const groupId = `eventflows.dlq-reader.${randomUUID()}`;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, maxBytes: fetchBytes, maxBytesPerPartition: fetchBytes, allowAutoTopicCreation: false });
    const ready = (async () => {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      return consumer;
    })();
    return { groupId, consumer: ready, turn: Promise.resolve(), users: 0, retired: false };
  };

  /** The topic's shared consumer, made when it has none. */
  const consumerFor = (topic: string): TopicConsumer => {
    const existing = consumers.get(topic);
    if (existing) return existing;
    const entry = newConsumer(topic);
    consumers.set(topic, entry);
    return entry;
  };

  /** A read on a consumer of its own, which is taken out of use after it, however it ends. */
  const readAlone = async (topic: string, ranges: ReadonlyMap<number, PartitionRange>, remaining: Map<number, PartitionRange>, keep: (record: DlqRecord) => boolean | Promise<boolean>): Promise<void> => {
    const entry = newConsumer(topic);
    const mine: [string, TopicConsumer] = [topic, entry];
    lone.add(mine);
    try {
      await readRanges(await entry.consumer, topic, ranges, remaining, keep);
    } finally {
      lone.delete(mine);
      await retire(topic, entry);
    }
  };

  const reader: DlqReader = {
    async watermarks(topic) {
      const offsets = await (await adminClient()).fetchTopicOffsets(topic);
      return offsets.map((p) => ({ partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) }));
    },

    async offsetsAt(topic, timestamp) {
      const offsets = await (await adminClient()).fetchTopicOffsetsByTimestamp(topic, timestamp);
      return new Map(offsets.map((p) => [p.partition, BigInt(p.offset)]));
    },

    async committed(groupId, topic) {
      const [offsets] = await (await adminClient()).fetchOffsets({ groupId, topics: [topic] });
      return new Map((offsets?.partitions ?? []).filter((p) => Number(p.offset) >= 0).map((p) => [p.partition, BigInt(p.offset)]));
    },

    async read(topic, ranges, keep, options = {}) {
      const remaining = new Map([...ranges].filter(([, range]) => range.from < range.to));
      if (remaining.size === 0) return;
      if (options.alone) return readAlone(topic, ranges, remaining, keep);
      const entry = consumerFor(topic);
      entry.users++;
      clearTimeout(entry.idle);
      const mine = entry.turn.then(async () => (entry.retired ? reader.read(topic, ranges, keep) : readRanges(await entry.consumer, topic, ranges, remaining, keep)));
      entry.turn = mine.then(
        () => undefined,
        () => undefined,
      );
      try {
        await mine;
      } catch (error) {
        // A consumer that failed may be left in any state: the next read starts on a new one.
        if (!entry.retired) void retire(topic, entry);
        throw error;
      } finally {
        entry.users--;
        if (entry.users === 0 && consumers.get(topic) === entry) {
          entry.idle = setTimeout(() => void retire(topic, entry), idleMs);
          entry.idle.unref();
        }
      }
    },

    async close() {
      await Promise.all([...consumers, ...lone].map(([topic, entry]) => retire(topic, entry)));
      const closing = admin;
      admin = undefined;
      await (await closing?.catch(() => undefined))?.disconnect();
    },
  };
  return reader;
}

/**
 * One read (see {@link DlqReader.read}) on a connected, stopped consumer subscribed to `topic` only,
 * which it runs and stops again. `remaining` holds the non-empty ranges of `ranges`.
 */
async function readRanges(
  consumer: Consumer,
  topic: string,
  ranges: ReadonlyMap<number, PartitionRange>,
  remaining: Map<number, PartitionRange>,
  keep: (record: DlqRecord) => boolean | Promise<boolean>,
): Promise<void> {
  let removeCrashListener: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let done = false;
      // A record that never arrives (e.g. an aborted transaction's marker at the end) must not hang the
      // read. Only the wait for a fetch counts: `keep` may take long (a replay sends as it reads).
      let idle: ReturnType<typeof setTimeout> | undefined;
      const waitForFetch = (): void => {
        clearTimeout(idle);
        idle = setTimeout(() => resolve(), 60_000);
      };
      const finish = (error?: unknown): void => {
        done = true;
        clearTimeout(idle);
        if (error === undefined) resolve();
        else reject(error);
      };
      /** A partition whose range is read is fetched no more. */
      const close = (partition: number): void => {
        remaining.delete(partition);
        consumer.pause([{ topic, partitions: [partition] }]);
      };
      /** Hands a fetched batch's records in the ranges to `keep`, one after another. */
      const keepBatch = async (batch: { partition: number; messages: KafkaMessage[] }): Promise<void> => {
            for (const message of batch.messages) {
              const range = remaining.get(batch.partition);
              if (done || range === undefined) break;
              if (BigInt(message.offset) < range.from) continue;
              if (BigInt(message.offset) >= range.to) {
                close(batch.partition);
                break;
              }
              let more: boolean;
              try {
                more = await keep(dlqRecordOf(batch.partition, message));
              } catch (error) {
                // Not thrown to kafkajs, which would hand the same batch to `keep` again.
                finish(error);
                return;
              }
              if (!more) done = true;
              if (BigInt(message.offset) + 1n >= range.to) close(batch.partition);
            }
      };
      waitForFetch();
      removeCrashListener = consumer.on(consumer.events.CRASH, (event) => finish(event.payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch, heartbeat }) => {
            clearTimeout(idle);
            // `keep` may hold a batch for long (a redrive at a low rate, or paused): the consumer stays
            // in its group by beating meanwhile, which kafkajs otherwise does only between fetches.
            const beat = setInterval(() => void heartbeat().catch(() => undefined), 3_000);
            try {
              await keepBatch(batch);
            } finally {
              clearInterval(beat);
            }
            if (done || remaining.size === 0) finish();
            else waitForFetch();
          },
        })
        .catch(finish);
      // Called while `run` starts, before its first fetch: each partition is read from its range's
      // start, and a partition with nothing to read is not fetched at all.
      for (const [partition, range] of ranges) {
        if (remaining.has(partition)) consumer.seek({ topic, partition, offset: String(range.from) });
        else consumer.pause([{ topic, partitions: [partition] }]);
      }
    });
  } finally {
    removeCrashListener?.();
    await consumer.stop();
  }
}
