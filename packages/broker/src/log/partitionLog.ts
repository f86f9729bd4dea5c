import { BatchField, readInt64, writeInt64, firstRecordAtOrAfter, storedBatchSize } from './recordBatch.ts';
import { crc32c } from './crc32c.ts';
import type { RecoveredLog, SegmentFile } from './dataDir.ts';
import { logSettings, type LogSettings } from './topicConfig.ts';

/** A run of consecutive batches: where each one is, and the batches themselves while held in memory. */
interface Segment {
  readonly baseOffset: number;
  readonly file: SegmentFile | undefined;
  /** Base offset, byte position in the segment and max timestamp of each batch. */
  readonly offsets: number[];
  readonly positions: number[];
  readonly maxTimestamps: number[];
  /**
   * Every batch of the segment, or undefined when they are read from its file: with a data
   * directory only a segment begun since start-up and still active is held in memory; without one,
   * every segment.
   */
  batches: Buffer[] | undefined;
  /** Indexes of batches whose CRC did not match at recovery: kept in the file, never served. */
  readonly corrupt: Set<number>;
  bytes: number;
  endOffset: number;
  largestTimestamp: number;
}

/** The last index below `length` whose key is at most `offset`, or 0 when none is; keys ascend. */
function lastAtOrBefore(length: number, key: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** How a partition's log is kept. Every field is optional: without `createSegment` it lives in memory. */
export interface PartitionLogOptions {
  readonly settings?: LogSettings;
  /** Creates the file of a new segment whose first offset is `baseOffset`. */
  readonly createSegment?: (baseOffset: number) => SegmentFile;
  /** The partition's name in log lines, e.g. `orders-0`. */
  readonly name?: string;
  readonly log?: (line: string) => void;
}

/**
 * One partition's records: the producers' batches kept byte for byte (only baseOffset and
 * partitionLeaderEpoch rewritten), in segments rolled at `segment.bytes` or `segment.ms` and
 * deleted, oldest first, by retention. With segment files, every batch is written before
 * {@link PartitionLog.append} returns; the segment being appended to is also served from memory,
 * older and recovered ones from their files, so memory per partition stays about `segment.bytes`.
 */
export class PartitionLog implements RecoveredLog {
  private readonly segments: Segment[] = [];
  private readonly listeners = new Set<() => void>();
  /** The segment and retention limits (the topic's configs); a change applies from the next append or retention check. */
  settings: LogSettings;
  /** The first offset still held. */
  logStartOffset = 0;
  /** The offset the next record will get (log-end offset = high watermark on one node). */
  endOffset = 0;
  /** Bytes in the log's segments. */
  size = 0;
  /** The last batch of each idempotent producer, to answer its retries without storing twice. */
  readonly producers = new Map<number, { baseSequence: number; baseOffset: number }>();

  constructor(private readonly options: PartitionLogOptions = {}) {
    this.settings = options.settings ?? logSettings(new Map());
  }

  /** Starts a recovered segment (they arrive in offset order); its batches are read from its file. */
  addSegment(file: SegmentFile): void {
    this.startSegment(file.baseOffset, file).batches = undefined;
  }

  /** Adds a recovered batch, known by its header, to the segment added last. */
  addBatch(header: Buffer, position: number, size: number): void {
    this.place(this.segments[this.segments.length - 1] as Segment, header, position, size);
  }

  /**
   * Adds a recovered batch that failed its CRC: it keeps its place and is never served. Its offsets
   * are taken from its header only when they continue the log; otherwise (the header may be what is
   * damaged) it takes none, and the log goes on from the offsets before it.
   */
  addCorruptBatch(header: Buffer, position: number, size: number): void {
    const segment = this.segments[this.segments.length - 1] as Segment;
    const base = readInt64(header, BatchField.baseOffset);
    const continues = base === segment.endOffset && header.readInt32BE(BatchField.lastOffsetDelta) >= 0;
    segment.corrupt.add(segment.offsets.length);
    this.place(segment, header, position, size, continues);
    this.options.log?.(
      `${this.options.name ?? 'a partition'}: the batch at offset ${continues ? base : segment.endOffset} is corrupt (its CRC does not match); its ${size} bytes stay in the segment file and are not served`,
    );
  }

  private startSegment(baseOffset: number, file: SegmentFile | undefined): Segment {
    const previous = this.segments[this.segments.length - 1];
    if (previous?.file) {
      previous.file.seal();
      // Its bytes are in the file: only the active segment stays in memory.
      previous.batches = undefined;
    }
    const segment: Segment = {
      baseOffset,
      file,
      offsets: [],
      positions: [],
      maxTimestamps: [],
      batches: [],
      corrupt: new Set(),
      bytes: 0,
      endOffset: baseOffset,
      largestTimestamp: -1,
    };
    this.segments.push(segment);
    if (this.segments.length === 1) this.logStartOffset = baseOffset;
    this.endOffset = baseOffset;
    return segment;
  }

  /**
   * Records a batch (its header at least; the whole batch when the segment holds its batches) at
   * `position` of `segment`; with `advances` false (a corrupt batch whose offsets cannot be trusted)
   * it takes no offsets.
   */
  private place(segment: Segment, batch: Buffer, position: number, size: number, advances = true): void {
    const base = advances ? readInt64(batch, BatchField.baseOffset) : segment.endOffset;
    const maxTimestamp = advances ? readInt64(batch, BatchField.maxTimestamp) : -1;
    segment.offsets.push(base);
    segment.positions.push(position);
    segment.maxTimestamps.push(maxTimestamp);
    segment.batches?.push(batch);
    if (maxTimestamp > segment.largestTimestamp) segment.largestTimestamp = maxTimestamp;
    segment.bytes = position + size;
    if (advances) segment.endOffset = base + batch.readInt32BE(BatchField.lastOffsetDelta) + 1;
    this.endOffset = segment.endOffset;
    this.size += size;
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
    let active = this.segments[this.segments.length - 1];
    const rolls = active === undefined || (active.offsets.length > 0 && this.isFull(active, batch));
    if (rolls) active = this.startSegment(base, this.options.createSegment?.(base));
    const segment = active as Segment;
    segment.file?.append(batch);
    this.place(segment, batch, segment.bytes, batch.length);
    if (rolls) this.applyRetention(Date.now());
    for (const listener of this.listeners) listener();
    return base;
  }

  /** Kafka's roll rule: the batch would take the segment past `segment.bytes`, or is `segment.ms` newer than its first. */
  private isFull(segment: Segment, batch: Buffer): boolean {
    if (segment.bytes + batch.length > this.settings.segmentBytes) return true;
    return readInt64(batch, BatchField.maxTimestamp) - (segment.maxTimestamps[0] as number) > this.settings.segmentMs;
  }

  /**
   * Deletes sealed segments, oldest first, while the oldest one's newest record is older than
   * `retention.ms` or the others alone hold `retention.bytes`; the active segment always stays.
   * The log start offset moves to the first segment left. Returns how many segments were deleted.
   */
  applyRetention(now: number): number {
    const { retentionMs, retentionBytes } = this.settings;
    let deleted = 0;
    let bytes = 0;
    while (this.segments.length > 1) {
      const oldest = this.segments[0] as Segment;
      const expired = retentionMs >= 0 && now - oldest.largestTimestamp > retentionMs;
      const over = retentionBytes >= 0 && this.size - oldest.bytes >= retentionBytes;
      if (!expired && !over) break;
      this.segments.shift();
      oldest.file?.remove();
      this.size -= oldest.bytes;
      bytes += oldest.bytes;
      deleted++;
    }
    if (deleted === 0) return 0;
    this.logStartOffset = Math.max(this.logStartOffset, (this.segments[0] as Segment).baseOffset);
    this.options.log?.(`retention deleted ${deleted} segment(s), ${bytes} bytes, of ${this.options.name ?? 'a partition'}; its log now starts at offset ${this.logStartOffset}`);
    return deleted;
  }

  /** Index of the segment holding `offset` (the first one for offsets before the log start). */
  private segmentIndexFor(offset: number): number {
    return lastAtOrBefore(this.segments.length, (i) => (this.segments[i] as Segment).baseOffset, offset);
  }

  /** Bytes of batch `i` of `segment`: up to the next batch, or to the segment's end. */
  private static batchSize(segment: Segment, i: number): number {
    const end = i + 1 < segment.positions.length ? (segment.positions[i + 1] as number) : segment.bytes;
    return end - (segment.positions[i] as number);
  }

  /**
   * Batches `from` to `to` (exclusive) of `segment` but the corrupt ones, from memory or with one read
   * of its file. A batch read from the file is checked against its CRC first: one damaged since
   * start-up is then marked corrupt, logged and left out, as recovery would have.
   */
  private batchesOf(segment: Segment, from: number, to: number, bytes: number, into: Buffer[]): void {
    if (segment.batches) {
      for (let i = from; i < to; i++) into.push(segment.batches[i] as Buffer);
      return;
    }
    const start = segment.positions[from] as number;
    const read = (segment.file as SegmentFile).read(start, bytes);
    for (let i = from; i < to; i++) {
      if (segment.corrupt.has(i)) continue;
      const at = (segment.positions[i] as number) - start;
      const batch = read.subarray(at, at + PartitionLog.batchSize(segment, i));
      if (storedBatchSize(batch, 0) === batch.length) {
        into.push(batch);
        continue;
      }
      segment.corrupt.add(i);
      this.options.log?.(
        `${this.options.name ?? 'a partition'}: the batch at offset ${segment.offsets[i]} is corrupt (its CRC no longer matches, found when read); its ${batch.length} bytes stay in the segment file and are not served`,
      );
    }
  }

  /**
   * Whole stored batches starting with the one that contains `offset`, up to about `maxBytes`
   * (at least one batch when `atLeastOne` and any exists at or after `offset`). Batches of the
   * active segment are not copied; older ones are read from their file. Corrupt batches are passed
   * over: a consumer moves on to the next offsets served.
   */
  read(offset: number, maxBytes: number, atLeastOne = true): { parts: Buffer[]; bytes: number } {
    const parts: Buffer[] = [];
    let bytes = 0;
    if (offset >= this.endOffset) return { parts, bytes };
    for (let s = this.segmentIndexFor(offset); s < this.segments.length; s++) {
      const segment = this.segments[s] as Segment;
      if (offset >= segment.endOffset) continue;
      // Batches are consecutive: the one holding `offset` is the last starting at or before it.
      const from = offset > segment.baseOffset ? lastAtOrBefore(segment.offsets.length, (i) => segment.offsets[i] as number, offset) : 0;
      let to = from;
      // Bytes of the range read from the file, and of the batches in it that are served.
      let taken = 0;
      let served = 0;
      for (; to < segment.offsets.length; to++) {
        const size = PartitionLog.batchSize(segment, to);
        const corrupt = segment.corrupt.has(to);
        if (!corrupt && (bytes + served > 0 || !atLeastOne) && bytes + served + size > maxBytes) break;
        taken += size;
        if (!corrupt) served += size;
      }
      if (to > from) this.batchesOf(segment, from, to, taken, parts);
      bytes += served;
      if (to < segment.offsets.length) break;
    }
    return { parts, bytes };
  }

  /** The first offset whose record timestamp is at least `timestamp` (Kafka's ListOffsets by time). */
  offsetForTimestamp(timestamp: number): { offset: number; timestamp: number } | undefined {
    for (const segment of this.segments) {
      if (segment.largestTimestamp < timestamp) continue;
      for (let i = 0; i < segment.offsets.length; i++) {
        if ((segment.maxTimestamps[i] as number) < timestamp || segment.corrupt.has(i)) continue;
        const batch: Buffer[] = [];
        this.batchesOf(segment, i, i + 1, PartitionLog.batchSize(segment, i), batch);
        if (batch.length === 0) continue;
        const exact = firstRecordAtOrAfter(batch[0] as Buffer, timestamp);
        if (exact) return exact;
        return { offset: segment.offsets[i] as number, timestamp: segment.maxTimestamps[i] as number };
      }
    }
    return undefined;
  }

  /** Calls `listener` after every append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Releases the segment files' handles. */
  close(): void {
    for (const segment of this.segments) segment.file?.seal();
  }

  /** The newest timestamp of any batch held, or -1 when the log holds none (ListOffsets -3). */
  largestTimestamp(): number {
    let largest = -1;
    for (const segment of this.segments) if (segment.largestTimestamp > largest) largest = segment.largestTimestamp;
    return largest;
  }
}
