import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.ts';
import { DataDir } from './dataDir.ts';
import { PartitionLog } from './partitionLog.ts';
import { encodeBatch, encodeRecords } from '../testing/recordBatches.ts';
import { BatchField, readInt64, validateProducedBatch } from './recordBatch.ts';
import { logSettings } from './topicConfig.ts';

/** A minimal valid RecordBatch v2 header claiming `count` records over an opaque body. */
function batch(count: number, timestamp = 1_000): Buffer {
  const body = Buffer.alloc(10 * count, 1);
  const b = Buffer.alloc(61 + body.length);
  b.writeInt32BE(b.length - 12, BatchField.batchLength);
  b.writeInt8(2, BatchField.magic);
  // Marked gzip so the opaque filler is never parsed as records.
  b.writeInt16BE(1, BatchField.attributes);
  b.writeInt32BE(count - 1, BatchField.lastOffsetDelta);
  b.writeInt32BE(0, BatchField.baseTimestamp);
  b.writeInt32BE(timestamp, BatchField.baseTimestamp + 4);
  b.writeInt32BE(timestamp, BatchField.maxTimestamp + 4);
  b.writeInt32BE(-1, BatchField.producerId);
  b.writeInt32BE(-1, BatchField.producerId + 4);
  b.writeInt32BE(count, BatchField.recordsCount);
  body.copy(b, 61);
  b.writeUInt32BE(crc32c(b, BatchField.attributes), BatchField.crc);
  return b;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function freshDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'broker-unit-'));
  dirs.push(d);
  return d;
}

describe('partition files', () => {
  it('keep appended batches in segments named by base offset; on recovery cut a torn tail, keep a corrupt batch unserved, move damage aside', () => {
    const root = freshDir();
    // The batches carry timestamps of 1970: without retention.ms = -1 a roll would delete them at once.
    const settings = { ...logSettings(new Map()), segmentBytes: 200, retentionMs: -1 };
    const open = (): { log: PartitionLog; cut: number } => {
      const dir = new DataDir(root, false);
      const log = new PartitionLog({ settings, createSegment: (base) => dir.createSegment('t', 0, base) });
      const cut = dir.openPartition('t', 0, log);
      dir.close();
      return { log, cut };
    };
    const { log } = open();
    expect(log.append(batch(3))).toBe(0);
    expect(log.append(batch(2))).toBe(3);
    // 91 + 81 + 101 bytes would pass segment.bytes: the third batch begins segment 5.
    expect(log.append(batch(4))).toBe(5);
    log.close();
    const partitionDir = path.join(root, 'logs', 't-0');
    expect(readdirSync(partitionDir)).toEqual(['00000000000000000000.log', '00000000000000000005.log']);
    const last = path.join(partitionDir, '00000000000000000005.log');
    const whole = statSync(last).size;

    // A whole batch whose CRC fails (and whose header does not continue the log) stays, unserved.
    const corrupt = batch(4);
    corrupt[corrupt.length - 1] = 0xff;
    appendFileSync(last, corrupt);
    // Half a batch at the very end: the torn tail of an interrupted write, cut.
    appendFileSync(last, batch(2).subarray(0, 40));

    const again = open();
    expect(again.cut).toBe(40);
    expect(statSync(last).size).toBe(whole + corrupt.length);
    expect(again.log.endOffset).toBe(9);
    expect(again.log.read(0, 10_000).parts.map((b) => readInt64(b, 0))).toEqual([0, 3, 5]);
    expect(again.log.read(4, 1).parts.map((b) => readInt64(b, 0))).toEqual([3]);
    expect(again.log.append(batch(1))).toBe(9);
    expect(again.log.read(5, 10_000).parts.map((b) => readInt64(b, 0))).toEqual([5, 9]);
    again.log.close();

    // A broken header in an earlier segment: the bytes from there on are moved aside, and the later
    // segments stay (consumers skip the gap in offsets).
    const first = path.join(partitionDir, '00000000000000000000.log');
    const bytes = readFileSync(first);
    bytes.writeInt32BE(0, 91 + BatchField.batchLength);
    writeFileSync(first, bytes);
    const movedAside = open();
    expect(readdirSync(partitionDir).sort()).toEqual(['00000000000000000000.log', '00000000000000000000.log.damaged-91', '00000000000000000005.log', '00000000000000000009.log']);
    expect(readFileSync(path.join(partitionDir, '00000000000000000000.log.damaged-91'))).toEqual(bytes.subarray(91));
    expect(movedAside.log.read(0, 10_000).parts.map((b) => readInt64(b, 0))).toEqual([0, 5, 9]);
    expect(movedAside.log.endOffset).toBe(10);
    movedAside.log.close();
  });

  it('serve reads from the batch containing the offset, with at least one batch', () => {
    const log = new PartitionLog();
    for (let i = 0; i < 5; i++) log.append(batch(2, 1000 + i * 10));
    expect(log.read(3, 1).parts.map((p) => readInt64(p, 0))).toEqual([2]);
    expect(log.read(3, 10_000).parts).toHaveLength(4);
    expect(log.read(10, 10_000).parts).toHaveLength(0);
    expect(log.offsetForTimestamp(1015)?.offset).toBe(4);
    expect(log.offsetForTimestamp(5000)).toBeUndefined();
  });

  it('reject batches Kafka would reject', () => {
    const good = encodeBatch(encodeRecords(['a', 'b']), { count: 2 });
    expect(validateProducedBatch(good, 7)).toMatchObject({ recordCount: 2 });
    const badCrc = Buffer.from(good);
    badCrc[70] = 9;
    expect(validateProducedBatch(badCrc, 7)).toEqual({ error: 2 });
    const twoBatches = Buffer.concat([good, good]);
    expect(validateProducedBatch(twoBatches, 7)).toEqual({ error: 87 });
    const oldMagic = Buffer.from(good);
    oldMagic.writeInt8(1, BatchField.magic);
    expect(validateProducedBatch(oldMagic, 7)).toEqual({ error: 43 });
    expect(validateProducedBatch(good.subarray(0, 30), 7)).toEqual({ error: 2 });
  });

  it('write JSON documents atomically and read back offsets, ignoring a torn line', () => {
    const root = freshDir();
    const dir = new DataDir(root, false);
    dir.writeJson('x.json', { a: 1 });
    expect(dir.readJson('x.json', 'Restore it.')).toEqual({ a: 1 });
    dir.appendOffset({ g: 'g', t: 't', p: 0, o: 5 });
    dir.close();
    writeFileSync(path.join(root, 'offsets.log'), '{"g":"g","t":"t","p":0,"o":5}\n{"g":"g","t', { flag: 'a' });
    const entry = { g: 'g', t: 't', p: 0, o: 5 };
    expect(new DataDir(root, false).readOffsetLines()).toEqual([entry, entry]);
  });
});
