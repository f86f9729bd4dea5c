import type { PathRecord } from '@event-flows/model';
import { windowBefore, type DlqReader, type PartitionRange } from '../dlq/dlqReader.ts';
import type { DlqRecord } from '../dlq/dlqRecord.ts';

/** How many more records a follow may read, and how many it has read. */
export interface ScanBudget {
  left: number;
  scanned: number;
}

/** What a search found, and whether it stopped on the budget before the end of what it was to read. */
export interface SearchResult {
  readonly found: DlqRecord | undefined;
  readonly cut: boolean;
}

/** A record as a step of a path. */
export function pathRecordOf(connection: string, topic: string, record: DlqRecord): PathRecord {
  return { connection, topic, partition: record.partition, offset: record.offset, timestamp: record.timestamp, key: record.key === null ? null : record.key.toString('utf8') };
}

/** Counts one record against `budget`; false when none was left. */
function take(budget: ScanBudget): boolean {
  if (budget.left <= 0) return false;
  budget.left--;
  budget.scanned++;
  return true;
}

/**
 * The first record of `topic`, from the first one written at or after `fromTime` to the end of each
 * partition, that `matches`; reads no more records than `budget` has left.
 */
export async function searchForward(reader: DlqReader, topic: string, fromTime: number, budget: ScanBudget, matches: (record: DlqRecord) => boolean): Promise<SearchResult> {
  const marks = await reader.watermarks(topic);
  const starts = await reader.offsetsAt(topic, fromTime);
  const ranges = new Map<number, PartitionRange>();
  for (const m of marks) {
    const start = starts.get(m.partition) ?? m.low;
    ranges.set(m.partition, { from: start < m.low ? m.low : start > m.high ? m.high : start, to: m.high });
  }
  const toRead = [...ranges.values()].some((r) => r.from < r.to);
  if (toRead && budget.left <= 0) return { found: undefined, cut: true };
  let found: DlqRecord | undefined;
  let cut = false;
  await reader.read(topic, ranges, (record) => {
    if (!take(budget)) {
      cut = true;
      return false;
    }
    if (!matches(record)) return true;
    found = record;
    return false;
  });
  return { found, cut };
}

/** The record at `partition`/`offset` of `topic`, or a sentence saying why there is none. */
export async function recordAt(reader: DlqReader, topic: string, partition: number, offset: string, budget: ScanBudget): Promise<DlqRecord | string> {
  const marks = await reader.watermarks(topic);
  const mark = marks.find((m) => m.partition === partition);
  if (!mark) return `Topic "${topic}" has no partition ${partition} (it has ${marks.length}).`;
  const at = BigInt(offset);
  if (at < mark.low || at >= mark.high) {
    const held = mark.low < mark.high ? `offsets ${mark.low}–${mark.high - 1n}` : 'no records';
    return `Partition ${partition} of "${topic}" holds ${held}: offset ${offset} is not among them (not written yet, or removed by retention).`;
  }
  const ranges = new Map<number, PartitionRange>(marks.map((m) => [m.partition, m.partition === partition ? { from: at, to: at + 1n } : { from: 0n, to: 0n }]));
  let found: DlqRecord | undefined;
  await reader.read(topic, ranges, (record) => {
    take(budget);
    if (record.offset === offset) found = record;
    return false;
  });
  return found ?? `Partition ${partition} of "${topic}" has no record at offset ${offset} (compacted away, or a transaction marker).`;
}

/**
 * The newest record of `topic` whose key is `key`: reads each partition from its end backwards, a
 * window at a time, until one is found, the topic is read, or `budget` is spent; or a sentence.
 */
export async function newestWithKey(reader: DlqReader, topic: string, key: string, budget: ScanBudget): Promise<DlqRecord | string> {
  const marks = await reader.watermarks(topic);
  const unread = new Map(marks.map((m) => [m.partition, m.high]));
  const left = () => marks.some((m) => (unread.get(m.partition) ?? m.low) > m.low);
  let newest: DlqRecord | undefined;
  while (!newest && budget.left > 0 && left()) {
    // Each partition's window is its share of what may still be read, so the budget holds exactly.
    const window = BigInt(Math.max(1, Math.floor(Math.min(budget.left, 2_000) / Math.max(1, marks.length))));
    const ranges = windowBefore(marks, unread, window);
    await reader.read(topic, ranges, (record) => {
      if (!take(budget)) return false;
      if (record.key !== null && record.key.toString('utf8') === key && (!newest || Number(record.timestamp) > Number(newest.timestamp))) newest = record;
      return true;
    });
  }
  if (newest) return newest;
  return left()
    ? `No record with the key "${key}" among the newest ${budget.scanned.toLocaleString('en')} records of "${topic}"; follow it by partition and offset, or allow more records.`
    : `No record of "${topic}" has the key "${key}".`;
}
