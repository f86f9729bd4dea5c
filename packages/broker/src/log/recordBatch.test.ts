import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startBroker } from '../server/startBroker.ts';
import { testDataDir } from '../testing/kafka.ts';
import { kcat } from '../testing/kcat.ts';
import { encodeBatch, encodeRecords } from '../testing/recordBatches.ts';
import { Codec } from './compression.ts';
import { crc32c } from './crc32c.ts';
import { BatchField, batchHeaderSize, firstRecordAtOrAfter, walkRecords, writeInt64 } from './recordBatch.ts';

const dir = testDataDir('broker-records-');

/** 65 bytes claiming 2^31-1 records whose first length is -1: a scan that trusts the count never ends. */
const poisoned = (): Buffer => encodeBatch(Buffer.from([0x01, 0x00, 0x00, 0x00]), { count: 0x7fffffff, baseTimestamp: 0, maxTimestamp: 4e12 });

const walk = (records: Buffer, count: number): number => walkRecords(records, 0, records.length, count);

/** The records in each codec's simplest valid stream: what the codec's decoder must read, whoever wrote it. */
const storedAs: Record<string, (records: Buffer) => Buffer> = {
  gzip: (records) => gzipSync(records),
  // One raw snappy block of literals, in the xerial framing of Kafka's Java client.
  snappy: (records) => {
    const literal = Buffer.concat([Buffer.from([records.length]), Buffer.from([(60 << 2) | 0, records.length - 1]), records]);
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(literal.length);
    return Buffer.concat([header, size, literal]);
  },
  // An LZ4 frame with one stored block.
  lz4: (records) => {
    const size = Buffer.alloc(4);
    size.writeUInt32LE(0x80000000 + records.length);
    return Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]), size, records, Buffer.alloc(4)]);
  },
  // A single-segment zstd frame with one raw block.
  zstd: (records) => {
    const block = Buffer.alloc(3);
    block.writeUIntLE(1 + (records.length << 3), 0, 3);
    return Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, records.length]), block, records]);
  },
};

describe('reading the records of a batch', () => {
  it('accepts what producers write and refuses lengths, counts and offset deltas that do not add up', () => {
    const three = encodeRecords(['a', 'bb', 'ccc']);
    expect(walk(three, 3)).toBe(0);
    expect(walk(three, 2)).toBe(87);
    expect(walk(three, 4)).toBe(87);
    expect(walk(Buffer.concat([three, Buffer.from([0])]), 3)).toBe(87);
    expect(walk(three.subarray(0, three.length - 1), 3)).toBe(2);
    expect(walk(Buffer.from([0x01, 0, 0, 0, 0, 0, 0, 0]), 1)).toBe(2);
    expect(walk(Buffer.from([0x7e, 0, 0, 0, 1, 1, 0]), 1)).toBe(2);
    const second = encodeRecords(['x', 'y']);
    // The second record's offset delta (1, zigzag 2) claims 3 instead.
    second[second.length - 5] = 6;
    expect(walk(second, 2)).toBe(87);
  });

  it('finds the first record at or after a timestamp, and stops at once in a batch whose lengths lie', () => {
    const batch = encodeBatch(encodeRecords(['a', 'b', 'c'], [0, 10, 20]), { count: 3, baseTimestamp: 1000, maxTimestamp: 1020 });
    writeInt64(batch, BatchField.baseOffset, 40);
    expect(firstRecordAtOrAfter(batch, 1005)).toEqual({ offset: 41, timestamp: 1010 });
    expect(firstRecordAtOrAfter(batch, 1021)).toBeUndefined();

    const started = performance.now();
    expect(firstRecordAtOrAfter(poisoned(), 1)).toBeUndefined();
    // Before the scan was bounded by bytes it looped 2^31-1 times (about a minute).
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each(Object.keys(storedAs))('finds the exact record by time inside a %s batch', (name) => {
    const records = encodeRecords(['a', 'b', 'c', 'd'], [0, 10, 20, 30]);
    const codec = Codec[name as keyof typeof Codec];
    const batch = encodeBatch((storedAs[name] as (r: Buffer) => Buffer)(records), { count: 4, attributes: codec, baseTimestamp: 1000, maxTimestamp: 1030 });
    writeInt64(batch, BatchField.baseOffset, 40);
    expect(firstRecordAtOrAfter(batch, 900)).toEqual({ offset: 40, timestamp: 1000 });
    expect(firstRecordAtOrAfter(batch, 1000)).toEqual({ offset: 40, timestamp: 1000 });
    expect(firstRecordAtOrAfter(batch, 1011)).toEqual({ offset: 42, timestamp: 1020 });
    expect(firstRecordAtOrAfter(batch, 1030)).toEqual({ offset: 43, timestamp: 1030 });
    expect(firstRecordAtOrAfter(batch, 1031)).toBeUndefined();
  });

  it('answers ListOffsets by time over a recovered log holding such a batch, and keeps serving', { timeout: 30_000 }, async () => {
    mkdirSync(path.join(dir, 'logs'));
    // A file written before Produce looked inside batches: only its CRCs are checked on recovery.
    const good = encodeBatch(encodeRecords(['kept']), { count: 1, baseTimestamp: 0 });
    const bad = poisoned();
    writeInt64(bad, BatchField.baseOffset, 1);
    bad.writeUInt32BE(crc32c(bad, BatchField.attributes, bad.length), BatchField.crc);
    expect(bad.length).toBe(batchHeaderSize + 4);
    writeFileSync(path.join(dir, 'logs', 'old-0.log'), Buffer.concat([good, bad]));
    writeFileSync(path.join(dir, 'topics.json'), JSON.stringify({ old: { id: '0'.repeat(32), partitions: 1, configs: {} } }));

    const broker = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    try {
      const query = await kcat(['-b', broker.address, '-Q', '-t', 'old:0:1'], undefined, 15_000);
      expect(query.stdout.trim()).toBe('old [0] offset 1');
      const listed = await kcat(['-b', broker.address, '-L', '-t', 'old'], undefined, 15_000);
      expect(listed.stdout).toContain('topic "old" with 1 partitions');
    } finally {
      await broker.close();
    }
  });
});
