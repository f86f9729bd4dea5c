import { countOf } from '@event-flows/model';
import type { Message, Producer } from 'kafkajs';
import { connectErrorPrefix, headerNames } from '../records.ts';
import { recordBytes, sendRecords } from '../sendRecords.ts';
import {
  attemptOf,
  matchesFilter,
  notOwnedBecause,
  originOf,
  replayAttemptHeader,
  replayByHeader,
  replayedFrom,
  replayFromHeader,
  replayOriginHeader,
  replayRunHeader,
  type DlqFilter,
  type DlqOwner,
  type DlqPosition,
  type DlqRecord,
} from './dlqRecord.ts';
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
  /** The record's own headers to send (the runtime's are never sent); all of them when absent. */
  readonly keepHeaders?: readonly string[];
}

/** What became of one record a replay looked at. */
export interface ReplayRecordResult extends DlqPosition {
  readonly outcome: 'replayed' | 'skipped' | 'failed';
  /** Why it was skipped or failed, in words that name nothing of the record. */
  readonly reason?: string;
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
  /**
   * Where the records go: the owner's topic (default) or another topic the owner's algorithm may read,
   * which the caller has checked. On the owner's producer's connection.
   */
  readonly to?: string;
  /** For `'all'`: only the records this filter asks for (a group, or a search). */
  readonly filter?: DlqFilter;
  /**
   * Most records written per second, over the whole replay; unbounded when absent. Records are sent in
   * pages of a tenth of a second's worth, each when the rate allows it.
   */
  readonly rate?: number;
  /** Awaited before each page is sent: a paused replay waits there (and its rate starts over after). */
  readonly whilePaused?: () => Promise<void>;
  /** Told what became of each record, after its page was acknowledged (or failed), or when it was skipped. */
  readonly onRecord?: (result: ReplayRecordResult) => void;
  /**
   * For `'all'`: the offsets of each partition to read, instead of the whole DLQ as it is now (a run
   * that resumes reads on from where it stopped, up to where the DLQ ended when it started).
   */
  readonly ranges?: ReadonlyMap<number, PartitionRange>;
  /** Positions (`partition:offset`) sent already by an earlier part of the same run: passed over, told to no one. */
  readonly passOver?: ReadonlySet<string>;
  /** The redrive run this replay belongs to, written as header `eventflows.replay.run` on each record. */
  readonly runId?: string;
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
/** Written anew by each replay: those of an earlier replay are not carried over. */
const replayHeaders = new Set([replayFromHeader, replayOriginHeader, replayAttemptHeader, replayByHeader, replayRunHeader]);

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
function replayMessage(record: DlqRecord, options: ReplayOptions, choice: ReplayChoice | undefined): Message {
  const headers: Record<string, string> = {};
  const keep = choice?.keepHeaders && new Set(choice.keepHeaders);
  for (const [name, text] of Object.entries(record.headers)) if (!runtimeHeaders.has(name) && !replayHeaders.has(name) && !name.startsWith(connectErrorPrefix) && (!keep || keep.has(name))) headers[name] = text;
  headers[replayFromHeader] = `${options.dlqTopic}/${record.partition}/${record.offset}`;
  // A record that fails again is then linked to the first dead letter of its chain, with its attempt number.
  headers[replayOriginHeader] = originOf(record, options.dlqTopic);
  headers[replayAttemptHeader] = String(attemptOf(record) + 1);
  if (options.replayedBy) headers[replayByHeader] = options.replayedBy;
  if (options.runId) headers[replayRunHeader] = options.runId;
  return { key: record.key, value: choice?.value ?? record.value, timestamp: record.timestamp, headers };
}

/**
 * Puts `owner`'s DLQ records back on its topic (or `to`) with their original key, value (or the edited one given),
 * timestamp and headers (the runtime's error and source headers removed, `eventflows.replay.*` added), in
 * DLQ order. Records that are not the owner's are skipped, never written. Replaying `'all'` sends each
 * dead letter once: a failed replay of a record still in the DLQ is skipped, as that record is sent.
 * Records are sent as they are read, in produce requests under Kafka's size limit, so a DLQ of any size
 * is replayed holding about {@link pageBytes} of it. When sending fails, the records sent before stay on
 * the topic and the error says at least how many they were. Progress is told after each produce request
 * (at most {@link replayPageRecords} records), and a `signal` stops the replay there. The DLQ itself is
 * left as it is. With a `rate`, pages go out no faster than it allows; `whilePaused` holds them; and
 * `onRecord` is told what became of each record.
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
    const given = chosen ? undefined : options.ranges?.get(partition);
    ranges.set(partition, given ? { from: given.from > low ? given.from : low, to: given.to < high ? given.to : high } : { from: from > low ? from : low, to: high });
  }
  const to = { topic: options.to ?? options.owner.topic };
  const found = new Set<string>();
  let replayed = 0;
  const skipped = new Map<string, number>();
  const skip = (record: DlqPosition, reason: string): void => {
    skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
    options.onRecord?.({ partition: record.partition, offset: record.offset, outcome: 'skipped', reason });
  };
  // Replaying all sends each dead letter once: not also the failed replays of those still in the DLQ.
  const held = chosen ? undefined : new Map(marks.map((m) => [m.partition, m]));
  // With a rate, a page holds a tenth of a second's worth: the records go out evenly, a pause or a stop
  // comes within that, and a fast rate is not held back by a round trip per hundred records.
  const pageRecords = options.rate ? Math.max(1, Math.floor(options.rate / 10)) : replayPageRecords;
  const pace = { since: Date.now(), sent: 0 };
  let page: Array<{ to: typeof to; message: Message; from: DlqPosition }> = [];
  let pageSize = 0;
  let stopped = false;
  const sendPage = async (): Promise<void> => {
    if (page.length === 0) return;
    const sending = page;
    page = [];
    pageSize = 0;
    if (options.whilePaused) {
      const before = Date.now();
      await options.whilePaused();
      // A pause does not earn the time it took: the rate starts over from where it resumed.
      if (Date.now() - before > 50) Object.assign(pace, { since: Date.now(), sent: 0 });
    }
    if (options.rate) await sleep(pace.since + ((pace.sent + sending.length) * 1000) / options.rate - Date.now(), options.signal);
    if (options.signal?.aborted) {
      stopped = true;
      for (const { from } of sending) skip(from, 'the replay was stopped before it was sent');
      return;
    }
    try {
      await sendRecords(options.producer, sending);
    } catch (error) {
      const reason = `not acknowledged by Kafka: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
      for (const { from } of sending) options.onRecord?.({ ...from, outcome: 'failed', reason });
      throw error;
    }
    pace.sent += sending.length;
    replayed += sending.length;
    for (const { from } of sending) options.onRecord?.({ ...from, outcome: 'replayed' });
    options.onProgress?.(replayed);
  };
  // A replay slowed by a rate, or paused, may read for long: on a consumer of its own, so that peeks and
  // other replays of the same DLQ do not wait for it meanwhile.
  const alone = options.rate !== undefined || options.whilePaused !== undefined;
  try {
    await reader.read(options.dlqTopic, ranges, async (record) => {
      if (options.signal?.aborted) {
        stopped = true;
        return false;
      }
      const key = `${record.partition}:${record.offset}`;
      if (options.passOver?.has(key)) return true;
      const choice = wanted?.get(key);
      if (wanted) {
        if (!choice) return true;
        found.add(key);
      } else if (options.filter && !matchesFilter(record, options.filter)) {
        return true;
      }
      const reason = notOwnedBecause(record, options.owner);
      if (reason !== undefined) {
        skip(record, reason);
      } else if (held && replaysRecordStillIn(record, options.dlqTopic, held)) {
        skip(record, 'a failed replay of a dead letter still in the DLQ, which was replayed instead');
      } else {
        const message = replayMessage(record, options, choice);
        page.push({ to, message, from: { partition: record.partition, offset: record.offset } });
        pageSize += recordBytes(message);
        if (pageSize >= pageBytes || page.length >= pageRecords) await sendPage();
      }
      return !stopped && (!wanted || found.size < wanted.size);
    }, { alone });
    await sendPage();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // `replayed` counts the pages acknowledged in full; part of the page being sent may be on the topic too.
    throw new Error(`replaying ${options.dlqTopic} stopped after writing at least ${countOf(replayed, 'record')} to ${to.topic}: ${message}`, { cause: error });
  }
  for (const choice of chosen ?? []) if (!found.has(`${choice.partition}:${choice.offset}`)) skip(choice, 'not in the DLQ');
  const answer = { replayed, topic: to.topic, skipped: [...skipped].map(([reason, count]) => ({ reason, count })) };
  return stopped ? { ...answer, stopped } : answer;
}

/** Waits `ms` (nothing when not positive), or until `signal` is aborted. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
