import { recordBytes } from '../sendRecords.ts';
import { notOwnedBecause, type DlqOwner, type DlqRecord } from './dlqRecord.ts';
import type { DlqReader, PartitionRange } from './dlqReader.ts';

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
export async function peekDlq(reader: DlqReader, options: PeekOptions): Promise<PeekResult> {
  const limit = options.limit ?? 100;
  const maxBytes = options.maxBytes ?? peekScanBytes;
  const marks = await reader.watermarks(options.topic);
  const found: DlqRecord[] = [];
  const scanned = { records: 0, bytes: 0 };
  // Per partition, the offset before which nothing has been read yet.
  const unread = new Map(marks.map((m) => [m.partition, m.high]));
  const readAll = () => marks.every((m) => (unread.get(m.partition) ?? m.low) <= m.low);
  let window = BigInt(limit);
  while (found.length < limit && scanned.bytes < maxBytes && !readAll()) {
    const ranges = new Map<number, PartitionRange>();
    for (const m of marks) {
      const to = unread.get(m.partition) ?? m.low;
      const from = to - window > m.low ? to - window : m.low;
      ranges.set(m.partition, { from, to });
      unread.set(m.partition, from);
    }
    await reader.read(options.topic, ranges, (record) => {
      scanned.records++;
      scanned.bytes += recordBytes({ key: record.key, value: record.value, headers: record.headers });
      if (notOwnedBecause(record, options.owner) === undefined) found.push(record);
      return scanned.bytes < maxBytes;
    });
    window *= 4n;
  }
  const order = (a: DlqRecord, b: DlqRecord) => Number(a.timestamp) - Number(b.timestamp) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset));
  const complete = scanned.bytes < maxBytes && readAll() && found.length <= limit;
  return { records: found.sort(order).slice(-limit), scanned, complete };
}
