import { recordBytes } from '../sendRecords.ts';
import { matchesFilter, notOwnedBecause, type DlqFilter, type DlqOwner, type DlqRecord } from './dlqRecord.ts';
import { windowBefore, type DlqReader, type Watermark } from './dlqReader.ts';

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
  /** Only the records this filter asks for. */
  readonly filter?: DlqFilter;
  /** Per partition, the offset to read before: a page's {@link PeekResult.next}, for the page of older records. */
  readonly before?: ReadonlyMap<number, bigint>;
}

/** What a peek found, and how much of the DLQ it read to find it. */
export interface PeekResult {
  /** The owner's newest records, at most the limit, oldest first (by timestamp, then position). */
  readonly records: DlqRecord[];
  /** The DLQ records read (the owner's and others'), and their bytes. */
  readonly scanned: { readonly records: number; readonly bytes: number };
  /** `false` when the owner may have older records than these in the DLQ (the limit or the byte bound was reached first). */
  readonly complete: boolean;
  /** Where the page of older records starts (see {@link PeekOptions.before}); absent when `complete`. */
  readonly next?: ReadonlyMap<number, bigint>;
}

/**
 * Reads `topic` from the end backwards (or from `before`): the last `window` records of each partition,
 * then four times as many before those, and so on, calling `visit` for each record, until `enough` holds
 * (checked after each window), the whole topic is read, or `maxBytes` are read. Answers what it read, and per
 * partition the offset before which nothing was read.
 */
export async function scanBackwards(
  reader: DlqReader,
  topic: string,
  options: { readonly window: number; readonly maxBytes: number; readonly before?: ReadonlyMap<number, bigint> | undefined },
  visit: (record: DlqRecord) => void,
  enough: () => boolean = () => false,
): Promise<{ scanned: { records: number; bytes: number }; unread: Map<number, bigint>; readAll: boolean; marks: Watermark[] }> {
  const marks = await reader.watermarks(topic);
  const scanned = { records: 0, bytes: 0 };
  const start = (m: Watermark): bigint => {
    const before = options.before?.get(m.partition);
    return before === undefined || before > m.high ? m.high : before < m.low ? m.low : before;
  };
  const unread = new Map(marks.map((m) => [m.partition, start(m)]));
  const readAll = () => marks.every((m) => (unread.get(m.partition) ?? m.low) <= m.low);
  let window = BigInt(Math.max(1, options.window));
  while (!enough() && scanned.bytes < options.maxBytes && !readAll()) {
    const ranges = windowBefore(marks, unread, window);
    await reader.read(topic, ranges, (record) => {
      scanned.records++;
      scanned.bytes += recordBytes({ key: record.key, value: record.value, headers: record.headers });
      visit(record);
      return scanned.bytes < options.maxBytes;
    });
    window *= 4n;
  }
  return { scanned, unread, readAll: readAll(), marks };
}

/**
 * Reads up to `limit` of `owner`'s newest records of a DLQ topic with their headers, decoded error and
 * source, without consuming them (no offsets of any binding move). It reads from the end of each
 * partition backwards: first the last `limit` records, then four times as many before those, and so on,
 * until it has `limit` of the owner's records, has read the whole DLQ, or has read `maxBytes`.
 */
export async function peekDlq(reader: DlqReader, options: PeekOptions): Promise<PeekResult> {
  const limit = options.limit ?? 100;
  const maxBytes = options.maxBytes ?? peekScanBytes;
  const found: DlqRecord[] = [];
  const { scanned, unread, readAll } = await scanBackwards(
    reader,
    options.topic,
    { window: limit, maxBytes, before: options.before },
    (record) => {
      if (notOwnedBecause(record, options.owner) === undefined && (!options.filter || matchesFilter(record, options.filter))) found.push(record);
    },
    () => found.length >= limit,
  );
  const order = (a: DlqRecord, b: DlqRecord) => Number(a.timestamp) - Number(b.timestamp) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));
  const complete = scanned.bytes < maxBytes && readAll && found.length <= limit;
  found.sort(order);
  const kept = found.slice(-limit);
  if (complete) return { records: kept, scanned, complete };
  // The next page starts after the newest record left out of this one, in each partition it was in.
  const next = new Map(unread);
  for (const record of found.slice(0, found.length - kept.length)) {
    const after = BigInt(record.offset) + 1n;
    if (after > (next.get(record.partition) ?? 0n)) next.set(record.partition, after);
  }
  return { records: kept, scanned, complete, next };
}
