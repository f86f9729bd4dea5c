import kafkajs from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerCodecs } from './codecs.ts';
import { recordsRead, undecodableBatchOf } from './undecodableBatches.ts';

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(section: Buffer): Promise<Buffer>;
}
const codec = (id: number): Codec => (kafkajs.CompressionCodecs as unknown as Record<number, () => Codec>)[id]!();

beforeAll(() => registerCodecs());

/** The v2 records of these values, as producers write them (no key, no headers); at most 60 values of at most 50 bytes. */
function records(values: readonly string[]): Buffer {
  return Buffer.concat(
    values.map((value, i) => {
      const body = Buffer.concat([Buffer.from([0, 0, i * 2, 1, value.length * 2]), Buffer.from(value), Buffer.from([0])]);
      return Buffer.concat([Buffer.from([body.length * 2]), body]);
    }),
  );
}

/** A batch of `count` records at offset 40 around `section`, as kafkajs hands a codec its section: a view into the batch. */
function sectionOfBatch(codecId: number, count: number, section: Buffer): Buffer {
  const batch = Buffer.alloc(61 + section.length);
  batch.writeBigInt64BE(40n, 0);
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeInt8(2, 16);
  batch.writeInt16BE(codecId, 21);
  batch.writeInt32BE(count - 1, 23);
  batch.writeInt32BE(count, 57);
  section.copy(batch, 61);
  return batch.subarray(61);
}

const reasonOf = async (promise: Promise<unknown>): Promise<string> => promise.then(() => 'decoded', (error: Error) => error.message);

describe('the Kafka codecs the runtime registers with kafkajs', () => {
  it('reads back what it writes with gzip, snappy, lz4 and zstd', async () => {
    const plain = records(Array.from({ length: 60 }, (_, i) => `record ${i} ${'x'.repeat(i % 40)}`));
    for (const id of [1, 2, 3, 4]) {
      const compressed = await codec(id).compress({ buffer: plain });
      expect(compressed.length).toBeLessThan(plain.length);
      expect((await codec(id).decompress(sectionOfBatch(id, 60, compressed))).equals(plain)).toBe(true);
    }
  });

  it('reads snappy in the xerial framing of Kafka’s Java client', async () => {
    const [first, second] = [records(['java', 'client']), records(['framed'])];
    const blocks = await Promise.all([first, second].map((part) => codec(2).compress({ buffer: part })));
    const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    const framed = Buffer.concat([header, ...blocks.flatMap((block) => [Buffer.from([0, 0, 0, block.length]), block])]);
    expect((await codec(2).decompress(framed)).equals(Buffer.concat([first, second]))).toBe(true);
  });

  it('turns a batch it cannot decode into one marked stand-in per offset, the first holding the batch', async () => {
    const garbled = sectionOfBatch(2, 3, Buffer.from([0x40, 0xff, 0xff, 0x12]));
    const standIns = await codec(2).decompress(garbled);
    expect(recordsRead(standIns, 3)).toBe(true);
    // The first stand-in's value is the whole batch; its header says why and which offsets.
    const batch = Buffer.from(garbled.buffer, garbled.byteOffset - 61, garbled.length + 61);
    expect(standIns.includes(batch)).toBe(true);
    expect(standIns.toString('latin1')).toMatch(/"firstOffset":"40","lastOffset":"42","reason":"snappy: /);
    expect(recordsRead(await codec(6).decompress(sectionOfBatch(6, 1, Buffer.from('?'))), 1)).toBe(true);
  });

  it('says why when the batch around the bytes cannot be found', async () => {
    expect(await reasonOf(codec(4).decompress(Buffer.from('not zstd')))).toMatch(/^a record batch could not be decoded: zstd: /);
    expect(await reasonOf(codec(7).decompress(Buffer.from('x')))).toBe(
      "a record batch could not be decoded: codec id 7 is not a compression codec the runtime knows (Kafka's are gzip, snappy, lz4 and zstd)",
    );
  });

  it('reads lz4 frames with block checksums, content size and content checksum', async () => {
    const plain = records(['checked', 'blocks']);
    const stored = Buffer.alloc(4);
    stored.writeUInt32LE(0x80000000 + plain.length);
    const size = Buffer.alloc(8);
    size.writeUInt32LE(plain.length);
    // FLG: version 1, independent blocks, block checksums, content size, content checksum; 64 KB blocks.
    const header = Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x7c, 0x40]), size, Buffer.from([0x00])]);
    const checksum = Buffer.from([1, 2, 3, 4]);
    const frame = Buffer.concat([header, stored, plain, checksum, Buffer.alloc(4), checksum]);
    expect((await codec(3).decompress(sectionOfBatch(3, 2, frame))).equals(plain)).toBe(true);
  });

  it('marks stand-ins with a header no producer knows', () => {
    expect(undecodableBatchOf({ value: null, headers: { 'eventflows.undecodable': '{}' } })).toBeUndefined();
    expect(undecodableBatchOf({ value: null, headers: {} })).toBeUndefined();
  });
});
