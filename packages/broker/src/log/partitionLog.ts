import { BatchField, readInt64, writeInt64, firstRecordAtOrAfter } from './recordBatch.ts';
import { crc32c } from './crc32c.ts';
import type { SegmentFile } from './dataDir.ts';

/**
 * One partition's records: the producers' batches kept byte for byte (only baseOffset and
 * partitionLeaderEpoch rewritten), indexed by offset. With a segment file, every batch is written
 * to it before {@link PartitionLog.append} returns.
 */
export class PartitionLog {
  private readonly batches: Buffer[] = [];
  private readonly baseOffsets: number[] = [];
  private readonly maxTimestamps: number[] = [];
  private readonly listeners = new Set<() => void>();
  /** The first offset still held. */
  logStartOffset = 0;
  /** The offset the next record will get (log-end offset = high watermark on one node). */
  endOffset = 0;
  /** Bytes held in memory. */
  size = 0;
  /** The last batch of each idempotent producer, to answer its retries without storing twice. */
  readonly producers = new Map<number, { baseSequence: number; baseOffset: number }>();

  constructor(private readonly segment?: SegmentFile) {}

  /** Adopts batches recovered from disk (already offset-assigned and CRC-checked). */
  restore(batches: readonly Buffer[]): void {
    for (const batch of batches) this.push(batch);
  }

  private push(batch: Buffer): void {
    const base = readInt64(batch, BatchField.baseOffset);
    if (this.batches.length === 0) this.logStartOffset = base;
    this.batches.push(batch);
    this.baseOffsets.push(base);
    this.maxTimestamps.push(readInt64(batch, BatchField.maxTimestamp));
    this.endOffset = base + batch.readInt32BE(BatchField.lastOffsetDelta) + 1;
    this.size += batch.length;
  }

  /**
   * Appends one validated RecordBatch v2, assigning it the log-end offset. The caller's buffer
   * is copied, so the frame it came from can be released. Returns the assigned base offset.
   */
  append(records: Buffer, logAppendTime?: number): number {
    const batch = Buffer.allocUnsafe(records.length);
    records.copy(batch);
    const base = this.endOffset;
    writeInt64(batch, BatchField.baseOffset, base);
    batch.writeInt32BE(0, BatchField.partitionLeaderEpoch);
    if (logAppendTime !== undefined) {
      // LogAppendTime topics: the broker's clock replaces the producer's, so the CRC changes.
      batch.writeInt16BE(batch.readInt16BE(BatchField.attributes) | 0x08, BatchField.attributes);
      writeInt64(batch, BatchField.maxTimestamp, logAppendTime);
      batch.writeUInt32BE(crc32c(batch, BatchField.attributes, batch.length), BatchField.crc);
    }
    this.segment?.append(batch);
    this.push(batch);
    for (const listener of this.listeners) listener();
    return base;
  }

  /** Index of the first batch whose last offset is at or after `offset`. */
  private batchIndexFor(offset: number): number {
    let lo = 0;
    let hi = this.baseOffsets.length - 1;
    let found = this.baseOffsets.length;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.baseOffsets[mid] as number) <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === this.baseOffsets.length) return 0;
    const batch = this.batches[found] as Buffer;
    const last = (this.baseOffsets[found] as number) + batch.readInt32BE(BatchField.lastOffsetDelta);
    return last >= offset ? found : found + 1;
  }

  /**
   * Whole stored batches starting with the one that contains `offset`, up to about `maxBytes`
   * (at least one batch when `atLeastOne` and any exists at or after `offset`). No bytes are copied.
   */
  read(offset: number, maxBytes: number, atLeastOne = true): { parts: Buffer[]; bytes: number } {
    const parts: Buffer[] = [];
    let bytes = 0;
    if (offset >= this.endOffset) return { parts, bytes };
    for (let i = this.batchIndexFor(offset); i < this.batches.length; i++) {
      const batch = this.batches[i] as Buffer;
      if ((parts.length > 0 || !atLeastOne) && bytes + batch.length > maxBytes) break;
      parts.push(batch);
      bytes += batch.length;
    }
    return { parts, bytes };
  }

  /** The first offset whose record timestamp is at least `timestamp` (Kafka's ListOffsets by time). */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | undefined {
    for (let i = 0; i < this.batches.length; i++) {
      if ((this.maxTimestamps[i] as number) < timestamp) continue;
      const batch = this.batches[i] as Buffer;
      const exact = firstRecordAtOrAfter(batch, timestamp);
      if (exact) return exact;
      return { offset: this.baseOffsets[i] as number, timestamp: this.maxTimestamps[i] as number };
    }
    return undefined;
  }

  /** Calls `listener` after every append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Releases the segment file handle. */
  close(): void {
    this.segment?.close();
  }
}
