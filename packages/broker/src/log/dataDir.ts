import {
  closeSync,
  existsSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { lockDirectory } from './dirLock.ts';
import { BatchField, batchHeaderSize, batchTotalAt, readInt64, storedBatchSize } from './recordBatch.ts';

/** One segment file of a partition: batches back to back, the first with offset `baseOffset`. */
export interface SegmentFile {
  readonly baseOffset: number;
  /** Writes the batch at the end (synchronously, so it is in the file before the produce is acknowledged). */
  append(batch: Buffer): void;
  /** Exactly `length` bytes from `position`; throws when the file holds fewer. */
  read(position: number, length: number): Buffer;
  /** Releases the handle kept for appends; reads still work, each with its own. */
  seal(): void;
  /** Deletes the file. */
  remove(): void;
}

/** What recovery hands a partition's surviving segments and batches to, in offset order. */
export interface RecoveredLog {
  addSegment(file: SegmentFile): void;
  /** A batch (its header at least) of the segment added last, `size` bytes at `position`. */
  addBatch(header: Buffer, position: number, size: number): void;
  /** A batch of the segment added last whose CRC does not match: kept on disk, never served. */
  addCorruptBatch(header: Buffer, position: number, size: number): void;
}

/** The most bytes recovery reads at once, unless one batch of the last segment is larger. */
const recoveryReadBytes = 1024 * 1024;

const segmentName = /^\d{20}\.log$/;

/** Kafka's segment file name: the base offset in 20 digits. */
function segmentFileName(baseOffset: number): string {
  return `${String(baseOffset).padStart(20, '0')}.log`;
}

/** Reads up to `length` bytes at `position` into `buf` (fewer only at the end of the file); returns how many. */
function readInto(fd: number, buf: Buffer, position: number, length: number): number {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got;
}

class PartitionSegment implements SegmentFile {
  constructor(
    readonly baseOffset: number,
    private readonly file: string,
    private fd: number | undefined,
    private position: number,
    private readonly fsync: boolean,
  ) {}

  append(batch: Buffer): void {
    this.fd ??= openSync(this.file, 'r+');
    let written = 0;
    while (written < batch.length) written += writeSync(this.fd, batch, written, batch.length - written, this.position + written);
    this.position += batch.length;
    if (this.fsync) fdatasyncSync(this.fd);
  }

  read(position: number, length: number): Buffer {
    const fd = this.fd ?? openSync(this.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(length);
      const got = readInto(fd, buf, position, length);
      if (got < length) throw new Error(`${this.file} is shorter than its batches (${position + got} < ${position + length})`);
      return buf;
    } finally {
      if (fd !== this.fd) closeSync(fd);
    }
  }

  /** Cuts the file to its first `size` bytes; appends continue from there. */
  truncate(size: number): void {
    this.fd ??= openSync(this.file, 'r+');
    ftruncateSync(this.fd, size);
    this.position = size;
  }

  seal(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  remove(): void {
    this.seal();
    rmSync(this.file, { force: true });
  }
}

/**
 * Walks the batches of a segment file from its start with reads of at most
 * {@link recoveryReadBytes} (or of one whole batch, when larger), so memory does not grow with the
 * file: nothing read is kept. Each batch whose length chains to the next is handed to `onBatch`,
 * with `intact` false when its CRC-32C does not match. Returns where the chain ends: the file's
 * size, or the first position that does not hold a whole batch.
 */
function scanSegment(fd: number, size: number, onBatch: (header: Buffer, position: number, size: number, intact: boolean) => void): number {
  // One buffer for every read: nothing read is kept, so it is reused (and grown for a larger batch).
  let scratch = Buffer.allocUnsafe(Math.min(recoveryReadBytes, size));
  let chunk = scratch.subarray(0, 0);
  let chunkAt = 0;
  const readChunk = (at: number, length: number): void => {
    if (length > scratch.length) scratch = Buffer.allocUnsafe(length);
    chunk = scratch.subarray(0, readInto(fd, scratch, at, length));
    chunkAt = at;
  };
  let at = 0;
  while (at + batchHeaderSize <= size) {
    if (at + batchHeaderSize > chunkAt + chunk.length) readChunk(at, Math.min(recoveryReadBytes, size - at));
    const total = batchTotalAt(chunk, at - chunkAt, size - chunkAt);
    if (total < 0) break;
    if (at + total > chunkAt + chunk.length) readChunk(at, Math.min(Math.max(recoveryReadBytes, total), size - at));
    onBatch(chunk.subarray(at - chunkAt, at - chunkAt + batchHeaderSize), at, total, storedBatchSize(chunk, at - chunkAt) === total);
    at += total;
  }
  return at;
}

/**
 * The on-disk layout of a broker data directory:
 * `topics.json` (topic names, partition counts, configs), `acls.json`, `offsets.log`
 * (committed offsets, one JSON line per commit) and `logs/<topic>-<partition>/` holding the
 * partition's segments, `<base offset in 20 digits>.log` as in Kafka (record batches back to back,
 * each self-describing with its length and CRC-32C). A partition in the old layout, one file
 * `logs/<topic>-<partition>.log`, becomes its first segment when opened.
 *
 * Writes go to the OS before a produce with acks ≠ 0 is acknowledged, so a crash of the broker
 * process loses nothing acknowledged; `fsync: true` also survives a power loss, at a cost. A data
 * directory serves one process at a time (`broker.lock`), and is readable by its owner only.
 */
export class DataDir {
  private offsetsFd: number | undefined;
  private readonly unlock: () => void;

  constructor(
    readonly root: string,
    private readonly fsync: boolean,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    mkdirSync(path.join(root, 'logs'), { recursive: true, mode: 0o700 });
    this.unlock = lockDirectory(root, 'broker.lock', "a broker's data directory");
  }

  /** Each topic with partition directories under `logs/`, and how many partitions they make (the highest number + 1). */
  partitionDirectories(): Map<string, number> {
    const topics = new Map<string, number>();
    for (const entry of readdirSync(path.join(this.root, 'logs'), { withFileTypes: true })) {
      const match = /^(.+)-(\d+)$/.exec(entry.name);
      if (!entry.isDirectory() || !match) continue;
      const [, topic, partition] = match as unknown as [string, string, string];
      topics.set(topic, Math.max(topics.get(topic) ?? 0, Number(partition) + 1));
    }
    return topics;
  }

  private partitionDir(topic: string, partition: number): string {
    return path.join(this.root, 'logs', `${topic}-${partition}`);
  }

  /** Where a partition lived before segments: one file. */
  private legacyLogPath(topic: string, partition: number): string {
    return path.join(this.root, 'logs', `${topic}-${partition}.log`);
  }

  /** Moves an old-layout partition file into the partition's directory as its first segment. */
  private migrate(topic: string, partition: number, dir: string, segments: string[]): void {
    const legacy = this.legacyLogPath(topic, partition);
    if (!existsSync(legacy) || segments.length > 0) return;
    const fd = openSync(legacy, 'r');
    const header = Buffer.alloc(batchHeaderSize);
    const got = readInto(fd, header, 0, batchHeaderSize);
    closeSync(fd);
    const named = got === batchHeaderSize && header.readInt8(BatchField.magic) === 2 ? readInt64(header, BatchField.baseOffset) : 0;
    const name = segmentFileName(Math.max(named, 0));
    renameSync(legacy, path.join(dir, name));
    segments.push(name);
  }

  /**
   * Recovers a partition's segments into `log`, reading each piece by piece and checking every batch's
   * CRC: a batch that fails it is kept on disk and handed over as corrupt (never served). Where a
   * segment stops holding whole batches, what follows is cut: at the end of the last segment that is
   * the torn tail of a write a crash interrupted (a warning); anywhere else it is damage, and the
   * bytes are moved aside to `<segment>.damaged-<position>` rather than lost (an error). Returns the
   * bytes cut from torn tails.
   */
  openPartition(topic: string, partition: number, log: RecoveredLog): number {
    const dir = this.partitionDir(topic, partition);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const names = readdirSync(dir)
      .filter((name) => segmentName.test(name))
      .sort();
    this.migrate(topic, partition, dir, names);
    let torn = 0;
    for (let i = 0; i < names.length; i++) {
      const file = path.join(dir, names[i] as string);
      const fd = openSync(file, 'r+');
      const size = fstatSync(fd).size;
      const last = i === names.length - 1;
      const segment = new PartitionSegment(Number((names[i] as string).slice(0, 20)), file, fd, size, this.fsync);
      log.addSegment(segment);
      const whole = scanSegment(fd, size, (header, position, batchSize, intact) =>
        intact ? log.addBatch(header, position, batchSize) : log.addCorruptBatch(header, position, batchSize),
      );
      if (whole < size && last) {
        torn += size - whole;
        this.log(`${topic}-${partition}: cut a torn tail of ${size - whole} bytes from ${file} (a write a crash interrupted)`);
      } else if (whole < size) {
        const aside = `${file}.damaged-${whole}`;
        writeFileSync(aside, segment.read(whole, size - whole), { mode: 0o600 });
        this.log(`${topic}-${partition}: ${file} holds no whole batch from byte ${whole} on; its last ${size - whole} bytes were moved to ${aside} and are not served`);
      }
      if (whole < size) segment.truncate(whole);
      if (!last) segment.seal();
    }
    return torn;
  }

  /** Creates a partition's next segment file, empty, open for appends. */
  createSegment(topic: string, partition: number, baseOffset: number): SegmentFile {
    const dir = this.partitionDir(topic, partition);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, segmentFileName(baseOffset));
    return new PartitionSegment(baseOffset, file, openSync(file, 'w+'), 0, this.fsync);
  }

  /** Removes a deleted topic's partition files. */
  removePartition(topic: string, partition: number): void {
    rmSync(this.partitionDir(topic, partition), { recursive: true, force: true });
    rmSync(this.legacyLogPath(topic, partition), { force: true });
  }

  /**
   * Reads a JSON document written by {@link DataDir.writeJson}; undefined when absent. One that does
   * not parse is refused with a sentence naming the file and `ifDamaged`, the next step: taking it as
   * absent would forget what it held.
   */
  readJson(name: string, ifDamaged: string): unknown {
    const file = path.join(this.root, name);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (error) {
      throw damaged(file, error instanceof Error ? error.message : String(error), ifDamaged, error);
    }
  }

  /** Replaces a JSON document atomically (write to a temporary file, then rename). */
  writeJson(name: string, value: unknown): void {
    const file = path.join(this.root, name);
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    if (this.fsync) {
      const fd = openSync(tmp, 'r');
      fdatasyncSync(fd);
      closeSync(fd);
    }
    renameSync(tmp, file);
  }

  /**
   * Every line of `offsets.log`. A torn last line (a crash mid-write) is ignored; a line before the end
   * that does not parse is refused with a sentence, as dropping it and every later commit would
   * make consumers read again what they had done.
   */
  readOffsetLines(): unknown[] {
    const file = path.join(this.root, 'offsets.log');
    if (!existsSync(file)) return [];
    const lines = readFileSync(file, 'utf8').split('\n');
    const out: unknown[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === '') continue;
      try {
        out.push(JSON.parse(line));
      } catch (error) {
        const last = lines.slice(i + 1).every((rest) => rest === '');
        if (last) break;
        throw damaged(`${file} line ${i + 1}`, error instanceof Error ? error.message : String(error), 'Restore it from a backup, or delete that line: the groups whose commits it held then start from their reset policy.', error);
      }
    }
    return out;
  }

  /** Rewrites `offsets.log` with exactly these entries (compaction at start-up). */
  rewriteOffsets(entries: readonly unknown[]): void {
    const file = path.join(this.root, 'offsets.log');
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    renameSync(tmp, file);
  }

  /** Appends one committed-offset entry before the commit is acknowledged. */
  appendOffset(entry: unknown): void {
    this.offsetsFd ??= openSync(path.join(this.root, 'offsets.log'), 'a');
    writeSync(this.offsetsFd, `${JSON.stringify(entry)}\n`);
    if (this.fsync) fdatasyncSync(this.offsetsFd);
  }

  /** Closes open handles and gives the directory up. */
  close(): void {
    if (this.offsetsFd !== undefined) closeSync(this.offsetsFd);
    this.offsetsFd = undefined;
    this.unlock();
  }
}

/** The error for a damaged file the broker will not start on; `cause` is what reading it threw. */
export function damaged(file: string, reason: string, nextStep: string, cause?: unknown): Error {
  return new Error(`${file} is damaged (${reason}); the broker will not start on it. ${nextStep}`, { cause });
}
