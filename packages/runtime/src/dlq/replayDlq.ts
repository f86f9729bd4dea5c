import { countOf } from '@event-flows/model';
import type { Message, Producer } from 'kafkajs';
import { headerNames } from '../records.ts';
import { recordBytes, sendRecords } from '../sendRecords.ts';
import { notOwnedBecause, replayByHeader, replayedFrom, replayFromHeader, type DlqOwner, type DlqPosition, type DlqRecord } from './dlqRecord.ts';
import type { DlqReader, PartitionRange, Watermark } from './dlqReader.ts';

/**
 * Most bytes of DLQ records a replay has read and not yet sent: a few produce requests' worth, so that a
 * replay is not one round trip per record.
 */
const pageBytes = 4 * 1024 * 1024;
/** Most records a replay sends at once: so that its progress moves, and a stop comes soon. */
export const replayPageRecords = 100;

/** A record chosen for replay, and optionally the value to send instead of its own (an edited record). */
export interface ReplayChoice extends DlqPosition {
  readonly value?: Buffer;
}

/** What to replay. */
export interface ReplayOptions {
  readonly dlqTopic: string;
  /** Whose records to replay: only these are written, and only to `owner.topic`. */
  readonly owner: DlqOwner;
  /**
   * A connected producer of the owner's connection, which writes to its topic. The replay only sends
   * through it: it may be shared (the server keeps one per connection), and stays connected.
   */
  readonly producer: Producer;
  /** The records to replay, or `'all'`. */
  readonly select: 'all' | readonly ReplayChoice[];
  /** Who asked, written as header `eventflows.replay.by` (the server also records it in its audit log). */
  readonly replayedBy?: string;
  /** Told how many records have been written so far, after each produce request. */
  readonly onProgress?: (replayed: number) => void;
  /** Stops the replay once the records being sent are written: those before stay replayed. */
  readonly signal?: AbortSignal;
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
  /** The replay was stopped (its `signal`) before it had sent every record it was asked to. */
  readonly stopped?: boolean;
}

const runtimeHeaders = new Set<string>(Object.values(headerNames));

/**
 * Whether `record` is a failed replay of a record that is still in `dlqTopic` (its replay header names a
 * position there): replaying all sends that record, so sending this one as well would send the same dead
 * letter twice, and each replay of all would double the DLQ. A failed replay whose original has gone
 * (retention) is the dead letter now, and is replayed.
 */
function replaysRecordStillIn(record: DlqRecord, dlqTopic: string, marks: ReadonlyMap<number, Watermark>): boolean {
  const from = replayedFrom(record, dlqTopic);
  if (!from) return false;
  const mark = marks.get(from.partition);
  const offset = BigInt(from.offset);
  return mark !== undefined && offset >= mark.low && offset < mark.high;
}

/**
 * The record a replay writes for a DLQ record: its key, value (or `value`, when edited) and timestamp, its
 * headers without the runtime's, and where it came from.
 */
function replayMessage(record: DlqRecord, options: ReplayOptions, value: Buffer | undefined): Message {
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(record.headers)) if (!runtimeHeaders.has(name)) headers[name] = text;
  headers[replayFromHeader] = `${options.dlqTopic}/${record.partition}/${record.offset}`;
  if (options.replayedBy) headers[replayByHeader] = options.replayedBy;
  return { key: record.key, value: value ?? record.value, timestamp: record.timestamp, headers };
}

/**
 * Puts `owner`'s DLQ records back on its topic with their original key, value (or the edited one given),
 * timestamp and headers (the runtime's error and source headers removed, `eventflows.replay.*` added), in
 * DLQ order. Records that are not the owner's are skipped, never written. Replaying `'all'` sends each
 * dead letter once: a failed replay of a record still in the DLQ is skipped, as that record is sent.
 * Records are sent as they are read, in produce requests under Kafka's size limit, so a DLQ of any size
 * is replayed holding about {@link pageBytes} of it. When sending fails, the records sent before stay on
 * the topic and the error says at least how many they were. Progress is told after each produce request
 * (at most {@link replayPageRecords} records), and a `signal` stops the replay there. The DLQ itself is
 * left as it is.
 */
export async function replayDlq(reader: DlqReader, options: ReplayOptions): Promise<ReplayResult> {
  const chosen = options.select === 'all' ? undefined : options.select;
  const wanted = chosen && new Map(chosen.map((c) => [`${c.partition}:${c.offset}`, c]));
  // Every record for 'all'; else, per partition, from the first chosen record on (none when none is chosen there).
  const ranges = new Map<number, PartitionRange>();
  const marks = await reader.watermarks(options.dlqTopic);
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
  const sendPage = async (): Promise<void> => {
    if (page.length === 0) return;
    const sending = page;
    page = [];
    pageSize = 0;
    await sendRecords(options.producer, sending);
    replayed += sending.length;
    options.onProgress?.(replayed);
  };
  let stopped = false;
  try {
    await reader.read(options.dlqTopic, ranges, async (record) => {
      if (options.signal?.aborted) {
        stopped = true;
        return false;
      }
      const key = `${record.partition}:${record.offset}`;
      const choice = wanted?.get(key);
      if (wanted) {
        if (!choice) return true;
        found.add(key);
      }
      const reason = notOwnedBecause(record, options.owner);
      if (reason !== undefined) {
        skip(reason);
      } else if (held && replaysRecordStillIn(record, options.dlqTopic, held)) {
        skip('a failed replay of a dead letter still in the DLQ, which was replayed instead');
      } else {
        const message = replayMessage(record, options, choice?.value);
        page.push({ to, message });
        pageSize += recordBytes(message);
        if (pageSize >= pageBytes || page.length >= replayPageRecords) await sendPage();
      }
      return !wanted || found.size < wanted.size;
    });
    await sendPage();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // `replayed` counts the pages acknowledged in full; part of the page being sent may be on the topic too.
    throw new Error(`replaying ${options.dlqTopic} stopped after writing at least ${countOf(replayed, 'record')} to ${to.topic}: ${message}`, { cause: error });
  }
  const missing = (chosen ?? []).filter((p) => !found.has(`${p.partition}:${p.offset}`)).length;
  if (missing > 0) skip('not in the DLQ', missing);
  const answer = { replayed, topic: to.topic, skipped: [...skipped].map(([reason, count]) => ({ reason, count })) };
  return stopped ? { ...answer, stopped } : answer;
}
