import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Codec, DecompressionError, decompressRecords } from './compression.ts';

const cap = 1024;
const text = (b: Buffer): string => b.toString('latin1');

/** A raw snappy block: length 8, literal "abc", a 4-byte copy from 3 back, literal "z". */
const snappyBlock = Buffer.from([8, 2 << 2, 0x61, 0x62, 0x63, 0x01, 3, 0 << 2, 0x7a]);

function xerial(...blocks: Buffer[]): Buffer {
  const header = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
  return Buffer.concat([header, ...blocks.flatMap((b) => [Buffer.from([0, 0, 0, b.length]), b])]);
}

function lz4Frame(blocks: { raw: boolean; bytes: Buffer }[]): Buffer {
  const header = Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x40, 0x82]);
  const parts = blocks.flatMap(({ raw, bytes }) => {
    const size = Buffer.alloc(4);
    size.writeUInt32LE((raw ? 0x80000000 : 0) + bytes.length);
    return [size, bytes];
  });
  return Buffer.concat([header, ...parts, Buffer.alloc(4)]);
}

function zstdRawFrame(content: Buffer): Buffer {
  const blockHeader = Buffer.alloc(3);
  blockHeader.writeUIntLE(1 + (content.length << 3), 0, 3);
  return Buffer.concat([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x20, content.length]), blockHeader, content]);
}

const refused = (codec: number, data: Buffer): unknown => {
  try {
    decompressRecords(codec, data, cap);
    return 'decompressed';
  } catch (e) {
    return e instanceof DecompressionError ? 'refused' : e;
  }
};

describe('decompressing the records of a produced batch', () => {
  it('reads snappy raw and xerial-framed, lz4 frames with linked blocks, zstd and gzip', () => {
    expect(text(decompressRecords(Codec.snappy, snappyBlock, cap))).toBe('abcabcaz');
    expect(text(decompressRecords(Codec.snappy, xerial(snappyBlock, snappyBlock), cap))).toBe('abcabcazabcabcaz');
    // Literals "abc", then a 4-byte match 3 back that the next block's match reaches across.
    const compressed = Buffer.from([0x30, 0x61, 0x62, 0x63, 3, 0, 0x10, 0x7a]);
    const linked = Buffer.from([0x00, 9, 0, 0x10, 0x21]);
    expect(text(decompressRecords(Codec.lz4, lz4Frame([{ raw: true, bytes: Buffer.from('xy') }, { raw: false, bytes: compressed }, { raw: false, bytes: linked }]), cap))).toBe(
      'xyabcabcazyabc!',
    );
    expect(text(decompressRecords(Codec.zstd, Buffer.concat([zstdRawFrame(Buffer.from('hello')), zstdRawFrame(Buffer.from('!'))]), cap))).toBe('hello!');
    expect(text(decompressRecords(Codec.gzip, gzipSync('plain'), cap))).toBe('plain');
  });

  it('refuses data that does not decode or would grow past the cap, before allocating for it', () => {
    expect(refused(Codec.snappy, Buffer.from([8, 2 << 2, 0x61]))).toBe('refused');
    expect(refused(Codec.snappy, Buffer.from([8, 0x01, 9]))).toBe('refused');
    expect(refused(Codec.snappy, Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe('refused');
    expect(refused(Codec.lz4, Buffer.from('not lz4 at all'))).toBe('refused');
    expect(refused(Codec.lz4, lz4Frame([{ raw: false, bytes: Buffer.from([0x0f, 9, 0]) }]))).toBe('refused');
    expect(refused(Codec.lz4, lz4Frame(Array.from({ length: 40 }, () => ({ raw: true, bytes: Buffer.alloc(64) }))))).toBe('refused');
    // A zstd frame asking for a 2 TiB window, and one declaring 1 GiB of content.
    expect(refused(Codec.zstd, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0xf8, 0x01, 0, 0]))).toBe('refused');
    expect(refused(Codec.zstd, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x80, 0xf8, 0, 0, 0, 0x40, 0x01, 0, 0]))).toBe('refused');
    expect(refused(Codec.zstd, zstdRawFrame(Buffer.from('hello')).subarray(0, 10))).toBe('refused');
    expect(refused(Codec.gzip, gzipSync(Buffer.alloc(cap + 1)))).toBe('refused');
    expect(refused(5, Buffer.alloc(10))).toBe('refused');
  });
});
