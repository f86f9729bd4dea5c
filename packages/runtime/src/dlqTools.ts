import { randomUUID } from 'node:crypto';
import { countOf, type SubscribeBinding } from '@event-flows/model';
import type { IHeaders, Kafka, KafkaMessage, Message } from 'kafkajs';
import { headerNames, readHeader } from './records.ts';
import { recordBytes, sendRecords } from './sendRecords.ts';

/** A record read from a DLQ topic, with the error and source its headers carry. */
export interface DlqRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: string;
  /** Every header as text (the first value when repeated). */
  readonly headers: Readonly<Record<string, string>>;
  readonly error: { readonly class?: string; readonly message?: string; readonly stage?: string; readonly attempts?: number };
  readonly source: { readonly topic?: string; readonly partition?: number; readonly offset?: string; readonly timestamp?: string };
  readonly algorithm?: string;
  readonly version?: string;
  readonly flow?: string;
}

/**
 * The subscription a DLQ tool works for. A DLQ topic may be shared (the demo's `orders.dlq` takes the
 * failures of two algorithms), and anyone who may write to it can put records there, so the tools only
 * touch records whose headers say the runtime wrote them for this subscription.
 */
export type DlqOwner = Pick<SubscribeBinding, 'flowId' | 'algorithm' | 'topic'>;

/**
 * Why a DLQ record is not `owner`'s, from the algorithm, flow and source topic headers the runtime writes
 * on each (see `dlqRecord`); `undefined` when it is. The reasons name nothing of the record, which may
 * belong to another org.
 */
function notOwnedBecause(record: DlqRecord, owner: DlqOwner): string | undefined {
  if (record.algorithm !== owner.algorithm) return 'dead-lettered by another algorithm';
  if (record.flow !== owner.flowId) return 'dead-lettered by another flow';
  if (record.source.topic !== owner.topic) return "from another topic than the subscription's";
  return undefined;
}

/** A record of a DLQ topic, by position. */
export interface DlqPosition {
  readonly partition: number;
  readonly offset: string;
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = readHeader(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** A DLQ record as read, with the error and source its headers carry. */
function dlqRecordOf(partition: number, message: KafkaMessage): DlqRecord {
  const headers = textHeaders(message.headers);
  return {
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    timestamp: message.timestamp,
    headers,
    error: {
      class: headers[headerNames.errorClass],
      message: headers[headerNames.errorMessage],
      stage: headers[headerNames.errorStage],
      attempts: optionalNumber(headers[headerNames.errorAttempts]),
    },
    source: {
      topic: headers[headerNames.sourceTopic],
      partition: optionalNumber(headers[headerNames.sourcePartition]),
      offset: headers[headerNames.sourceOffset],
      timestamp: headers[headerNames.sourceTimestamp],
    },
    algorithm: headers[headerNames.algorithm],
    version: headers[headerNames.version],
    flow: headers[headerNames.flow],
  };
}

/**
 * Most bytes of DLQ records a tool holds at once, about: what one fetch brings, and what a replay has read
 * and not yet sent. A few produce requests' worth, so that a replay is not one round trip per record.
 */
const pageBytes = 4 * 1024 * 1024;

/** Offsets `[from, to)` of one partition. */
interface PartitionRange {
  readonly from: bigint;
  readonly to: bigint;
}

/** Each partition of `topic` with its first offset and the offset after its last record. */
async function watermarks(kafka: Kafka, topic: string): Promise<Array<{ partition: number; low: bigint; high: bigint }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, low: BigInt(p.low), high: BigInt(p.high) }));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads the given offsets of each partition of `topic` (every partition is listed; an empty range is
 * not read), calling `keep` for each record, one after another, until it returns false. Each partition
 * starts at its range's start and stops at its end, so nothing else of the topic is fetched, beyond what
 * Kafka sends with a fetch (at most `fetchBytes`, and whole record batches). The next fetch waits for
 * `keep`, so a slow `keep` holds back the read rather than piling records up. Rejects, having read no
 * further, when `keep` does. Uses a throw-away consumer group that is deleted afterwards, so nothing of
 * the reader remains.
 */
async function readTopic(
  kafka: Kafka,
  topic: string,
  ranges: ReadonlyMap<number, PartitionRange>,
  keep: (record: DlqRecord) => boolean | Promise<boolean>,
  fetchBytes: number = pageBytes,
): Promise<void> {
  const remaining = new Map([...ranges].filter(([, range]) => range.from < range.to));
  if (remaining.size === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `eventflows.dlq-reader.${randomUUID()}`;
  try {
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, maxBytes: fetchBytes, maxBytesPerPartition: fetchBytes, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
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
        waitForFetch();
        consumer.on(consumer.events.CRASH, (event) => finish(event.payload.error));
        consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              clearTimeout(idle);
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
      await consumer.disconnect();
    }
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Most bytes of DLQ records (keys, values and headers) a peek reads, whatever its limit: a DLQ shared
 * with other algorithms may hold few of the subscription's records among many of theirs.
 */
export const peekScanBytes = 4 * 1024 * 1024;

/** What to peek at. */
export interface PeekOptions {
  readonly topic: string;
  /** Whose records to show; the others are passed over. */
  readonly owner: DlqOwner;
  /** Most records returned (default 100). */
  readonly limit?: number;
  /** Most bytes of records read (default {@link peekScanBytes}). */
  readonly maxBytes?: number;
}

/** What a peek found, and how much of the DLQ it read to find it. */
export interface PeekResult {
  /** The owner's newest records, at most the limit, oldest first (by timestamp, then position). */
  readonly records: DlqRecord[];
  /** The DLQ records read (the owner's and others'), and their bytes. */
  readonly scanned: { readonly records: number; readonly bytes: number };
  /** `false` when the owner may have older records than these in the DLQ (the limit or the byte bound was reached first). */
  readonly complete: boolean;
}

/**
 * Reads up to `limit` of `owner`'s newest records of a DLQ topic with their headers, decoded error and
 * source, without consuming them (no offsets of any binding move). It reads from the end of each
 * partition backwards: first the last `limit` records, then four times as many before those, and so on,
 * until it has `limit` of the owner's records, has read the whole DLQ, or has read `maxBytes`.
 */
export async function peekDlq(kafka: Kafka, options: PeekOptions): Promise<PeekResult> {
  const limit = options.limit ?? 100;
  const maxBytes = options.maxBytes ?? peekScanBytes;
  const marks = await watermarks(kafka, options.topic);
  const found: DlqRecord[] = [];
  const scanned = { records: 0, bytes: 0 };
  // Per partition, the offset before which nothing has been read yet.
  const unread = new Map(marks.map((m) => [m.partition, m.high]));
  let window = BigInt(limit);
  while (found.length < limit && scanned.bytes < maxBytes && marks.some((m) => (unread.get(m.partition) ?? m.low) > m.low)) {
    const ranges = new Map<number, PartitionRange>();
    for (const m of marks) {
      const to = unread.get(m.partition) ?? m.low;
      const from = to - window > m.low ? to - window : m.low;
      ranges.set(m.partition, { from, to });
      unread.set(m.partition, from);
    }
    await readTopic(
      kafka,
      options.topic,
      ranges,
      (record) => {
        scanned.records++;
        scanned.bytes += recordBytes({ key: record.key, value: record.value, headers: record.headers });
        if (notOwnedBecause(record, options.owner) === undefined) found.push(record);
        return scanned.bytes < maxBytes;
      },
      Math.min(pageBytes, maxBytes - scanned.bytes),
    );
    window *= 4n;
  }
  const order = (a: DlqRecord, b: DlqRecord) => Number(a.timestamp) - Number(b.timestamp) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));
  const complete = scanned.bytes < maxBytes && marks.every((m) => (unread.get(m.partition) ?? m.low) <= m.low) && found.length <= limit;
  return { records: found.sort(order).slice(-limit), scanned, complete };
}

/** What to replay. */
export interface ReplayOptions {
  readonly dlqTopic: string;
  /** Whose records to replay: only these are written, and only to `owner.topic`. */
  readonly owner: DlqOwner;
  /** A client of the owner's connection, which writes to its topic (default: the DLQ's client, for a DLQ on the same connection). */
  readonly sourceKafka?: Kafka;
  /** The records to replay, or `'all'`. */
  readonly select: 'all' | readonly DlqPosition[];
  /** Who asked, written as header `eventflows.replay.by` (the server also records it in its audit log). */
  readonly replayedBy?: string;
}

/** What a replay did, in counts: a DLQ may hold any number of records, and the answer stays small. */
export interface ReplayResult {
  /** How many records were written to {@link ReplayResult.topic}. */
  readonly replayed: number;
  /** The owner's topic, where the records were written. */
  readonly topic: string;
  /**
   * How many records were not written, by reason (for a person; it names nothing of the records, which may
   * be another org's): chosen ones not in the DLQ, records not the owner's, and, for `'all'`, failed replays
   * of dead letters that are still in the DLQ and replayed themselves.
   */
  readonly skipped: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
}

const runtimeHeaders = new Set<string>(Object.values(headerNames));

/** The header a replay writes on each record: the DLQ topic, partition and offset it was replayed from. */
const replayFromHeader = 'eventflows.replay.from';

/**
 * Whether `record` is a failed replay of a record that is still in `dlqTopic` (its replay header names a
 * position there): replaying all sends that record, so sending this one as well would send the same dead
 * letter twice, and each replay of all would double the DLQ. A failed replay whose original has gone
 * (retention) is the dead letter now, and is replayed.
 */
function replaysRecordStillIn(record: DlqRecord, dlqTopic: string, ranges: ReadonlyMap<number, { low: bigint; high: bigint }>): boolean {
  const from = /^(.+)\/(\d{1,10})\/(\d{1,19})$/.exec(record.headers[replayFromHeader] ?? '');
  if (!from || from[1] !== dlqTopic) return false;
  const range = ranges.get(Number(from[2]));
  const offset = BigInt(from[3] as string);
  return range !== undefined && offset >= range.low && offset < range.high;
}

/** The record a replay writes for a DLQ record: its key, value and timestamp, its headers without the runtime's, and where it came from. */
function replayMessage(record: DlqRecord, options: ReplayOptions): Message {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) if (!runtimeHeaders.has(name)) headers[name] = value;
  headers[replayFromHeader] = `${options.dlqTopic}/${record.partition}/${record.offset}`;
  if (options.replayedBy) headers['eventflows.replay.by'] = options.replayedBy;
  return { key: record.key, value: record.value, timestamp: record.timestamp, headers };
}

/**
 * Puts `owner`'s DLQ records back on its topic with their original key, value, timestamp and headers (the
 * runtime's error and source headers removed, `eventflows.replay.*` added), in DLQ order. Records that
 * are not the owner's are skipped, never written. Replaying `'all'` sends each dead letter once: a failed
 * replay of a record still in the DLQ is skipped, as that record is sent. Records are sent as they are read, in produce requests
 * under Kafka's size limit, so a DLQ of any size is replayed holding about {@link pageBytes} of it. When
 * sending fails, the records sent before stay on the topic and the error says at least how many they were.
 * The DLQ itself is left as it is.
 */
export async function replayDlq(kafka: Kafka, options: ReplayOptions): Promise<ReplayResult> {
  const chosen = options.select === 'all' ? undefined : options.select;
  const wanted = chosen && new Set(chosen.map((p) => `${p.partition}:${p.offset}`));
  // Every record for 'all'; else, per partition, from the first chosen record on (none when none is chosen there).
  const ranges = new Map<number, PartitionRange>();
  const marks = await watermarks(kafka, options.dlqTopic);
  for (const { partition, low, high } of marks) {
    const offsets = (chosen ?? []).filter((p) => p.partition === partition).map((p) => BigInt(p.offset));
    const from = chosen ? offsets.reduce((a, b) => (b < a ? b : a), high) : low;
    ranges.set(partition, { from: from > low ? from : low, to: high });
  }
  const to = { topic: options.owner.topic };
  const found = new Set<string>();
  let replayed = 0;
  const skipped = new Map<string, number>();
  const skip = (reason: string, count = 1): void => void skipped.set(reason, (skipped.get(reason) ?? 0) + count);
  // Replaying all sends each dead letter once: not also the failed replays of those still in the DLQ.
  const held = chosen ? undefined : new Map(marks.map((m) => [m.partition, m]));
  let page: Array<{ to: typeof to; message: Message }> = [];
  let pageSize = 0;
  // Connected for the first page sent: a replay that skips every record writes nothing, anywhere.
  const producer = (options.sourceKafka ?? kafka).producer({ allowAutoTopicCreation: false });
  let connected = false;
  const sendPage = async (): Promise<void> => {
    if (page.length === 0) return;
    if (!connected) {
      await producer.connect();
      connected = true;
    }
    const sending = page;
    page = [];
    pageSize = 0;
    await sendRecords(producer, sending);
    replayed += sending.length;
  };
  try {
    await readTopic(kafka, options.dlqTopic, ranges, async (record) => {
      if (wanted) {
        const key = `${record.partition}:${record.offset}`;
        if (!wanted.has(key)) return true;
        found.add(key);
      }
      const reason = notOwnedBecause(record, options.owner);
      if (reason !== undefined) {
        skip(reason);
      } else if (held && replaysRecordStillIn(record, options.dlqTopic, held)) {
        skip('a failed replay of a dead letter still in the DLQ, which was replayed instead');
      } else {
        const message = replayMessage(record, options);
        page.push({ to, message });
        pageSize += recordBytes(message);
        if (pageSize >= pageBytes) await sendPage();
      }
      return !wanted || found.size < wanted.size;
    });
    await sendPage();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // `replayed` counts the pages acknowledged in full; part of the page being sent may be on the topic too.
    throw new Error(`replaying ${options.dlqTopic} stopped after writing at least ${countOf(replayed, 'record')} to ${to.topic}: ${message}`, { cause: error });
  } finally {
    if (connected) await producer.disconnect();
  }
  const missing = (chosen ?? []).filter((p) => !found.has(`${p.partition}:${p.offset}`)).length;
  if (missing > 0) skip('not in the DLQ', missing);
  return { replayed, topic: to.topic, skipped: [...skipped].map(([reason, count]) => ({ reason, count })) };
}
