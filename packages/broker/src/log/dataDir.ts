import { closeSync, existsSync, fdatasyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { storedBatchSize } from './recordBatch.ts';

/** An append-only file holding one partition's batches exactly as they are served. */
export interface SegmentFile {
  /** Writes the batch (synchronously, so it is in the file before the produce is acknowledged). */
  append(batch: Buffer): void;
  close(): void;
}

/**
 * The on-disk layout of a broker data directory:
 * `topics.json` (topic names, partition counts, configs), `acls.json`, `offsets.log`
 * (committed offsets, one JSON line per commit) and `logs/<topic>-<partition>.log`
 * (record batches back to back, each self-describing with its length and CRC-32C).
 *
 * Writes go to the OS before a produce with acks ≠ 0 is acknowledged, so a crash of the broker
 * process loses nothing acknowledged; `fsync: true` also survives a power loss, at a cost.
 */
export class DataDir {
  private offsetsFd: number | undefined;

  constructor(
    readonly root: string,
    private readonly fsync: boolean,
  ) {
    mkdirSync(path.join(root, 'logs'), { recursive: true });
  }

  private logPath(topic: string, partition: number): string {
    return path.join(this.root, 'logs', `${topic}-${partition}.log`);
  }

  /**
   * Opens a partition's file, returning the batches that survived: a torn or corrupt tail is cut
   * off (the file is truncated to the last whole, CRC-valid batch).
   */
  openPartition(topic: string, partition: number): { segment: SegmentFile; batches: Buffer[]; truncatedBytes: number } {
    const file = this.logPath(topic, partition);
    const content = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
    const batches: Buffer[] = [];
    let at = 0;
    while (at < content.length) {
      const size = storedBatchSize(content, at);
      if (size < 0) break;
      batches.push(content.subarray(at, at + size));
      at += size;
    }
    const fd = openSync(file, existsSync(file) ? 'r+' : 'w+');
    if (at < content.length) ftruncateSync(fd, at);
    let position = at;
    const fsync = this.fsync;
    const segment: SegmentFile = {
      append(batch) {
        let written = 0;
        while (written < batch.length) written += writeSync(fd, batch, written, batch.length - written, position + written);
        position += batch.length;
        if (fsync) fdatasyncSync(fd);
      },
      close() {
        closeSync(fd);
      },
    };
    return { segment, batches, truncatedBytes: content.length - at };
  }

  /** Removes a deleted topic's partition files. */
  removePartition(topic: string, partition: number): void {
    rmSync(this.logPath(topic, partition), { force: true });
  }

  /** Reads a JSON document written by {@link DataDir.writeJson}; undefined when absent or unreadable. */
  readJson(name: string): unknown {
    const file = path.join(this.root, name);
    if (!existsSync(file)) return undefined;
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch {
      return undefined;
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

  /** Every line of `offsets.log` that parses; a torn last line is ignored. */
  readOffsetLines(): unknown[] {
    const file = path.join(this.root, 'offsets.log');
    if (!existsSync(file)) return [];
    const out: unknown[] = [];
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      try {
        out.push(JSON.parse(line));
      } catch {
        // A torn line from a crash mid-write: everything after it is untrustworthy too.
        break;
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

  /** Closes open handles. */
  close(): void {
    if (this.offsetsFd !== undefined) closeSync(this.offsetsFd);
    this.offsetsFd = undefined;
  }
}
