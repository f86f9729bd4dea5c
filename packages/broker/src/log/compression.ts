import { gunzipSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';

/** The codecs of a batch's attributes (the low three bits); 5–7 name none. */
export const Codec = { none: 0, gzip: 1, snappy: 2, lz4: 3, zstd: 4 } as const;

/** Thrown when compressed records do not decompress, or would grow past the cap. */
export class DecompressionError extends Error {}

const fail = (why: string): never => {
  throw new DecompressionError(why);
};

/**
 * The records section of a compressed batch, decompressed; at most `maxBytes`, whatever the data
 * claims (a produced batch is refused rather than inflated without bound).
 * Throws {@link DecompressionError} for data that does not decode.
 */
export function decompressRecords(codec: number, data: Buffer, maxBytes: number): Buffer {
  switch (codec) {
    case Codec.gzip:
      try {
        return gunzipSync(data, { maxOutputLength: maxBytes });
      } catch (e) {
        return fail(`gzip: ${(e as Error).message}`);
      }
    case Codec.snappy:
      return snappy(data, maxBytes);
    case Codec.lz4:
      return lz4Frame(data, maxBytes);
    case Codec.zstd:
      return zstd(data, maxBytes);
    default:
      return fail(`no codec ${codec}`);
  }
}

/** The "xerial" framing Kafka's Java client puts around snappy blocks. */
const xerialMagic = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);

/** Snappy as Kafka clients write it: xerial-framed blocks (Java) or one raw block (librdkafka). */
function snappy(data: Buffer, maxBytes: number): Buffer {
  if (data.length < 16 || !data.subarray(0, 8).equals(xerialMagic)) return snappyBlock(data, maxBytes);
  const blocks: Buffer[] = [];
  let total = 0;
  for (let at = 16; at < data.length; ) {
    if (at + 4 > data.length) fail('snappy: truncated xerial block');
    const size = data.readUInt32BE(at);
    if (at + 4 + size > data.length) fail('snappy: xerial block past the end');
    const block = snappyBlock(data.subarray(at + 4, at + 4 + size), maxBytes - total);
    blocks.push(block);
    total += block.length;
    at += 4 + size;
  }
  return Buffer.concat(blocks, total);
}

/** One raw snappy block (a varint length, then literals and back-references). */
function snappyBlock(src: Buffer, maxBytes: number): Buffer {
  let s = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (s >= src.length || shift > 28) fail('snappy: bad length');
    const byte = src[s++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  if (length > maxBytes) fail('snappy: larger than allowed');
  const out = Buffer.allocUnsafe(length);
  let d = 0;
  while (s < src.length) {
    const tag = src[s++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let n = tag >> 2;
      if (n >= 60) {
        const bytes = n - 59;
        if (s + bytes > src.length) fail('snappy: truncated literal');
        n = src.readUIntLE(s, bytes);
        s += bytes;
      }
      n += 1;
      if (s + n > src.length || d + n > length) fail('snappy: literal past the end');
      src.copy(out, d, s, s + n);
      s += n;
      d += n;
      continue;
    }
    let n: number;
    let offset: number;
    if (kind === 1) {
      if (s + 1 > src.length) fail('snappy: truncated copy');
      n = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | (src[s++] as number);
    } else {
      const bytes = kind === 2 ? 2 : 4;
      if (s + bytes > src.length) fail('snappy: truncated copy');
      n = (tag >> 2) + 1;
      offset = src.readUIntLE(s, bytes);
      s += bytes;
    }
    if (offset === 0 || offset > d || d + n > length) fail('snappy: copy out of range');
    copyMatch(out, d, offset, n);
    d += n;
  }
  if (d !== length) fail('snappy: shorter than its length');
  return out;
}

/** Copies `n` bytes from `offset` back (the ranges may overlap: a run repeats). */
function copyMatch(out: Buffer, d: number, offset: number, n: number): void {
  if (offset >= n) out.copy(out, d, d - offset, d - offset + n);
  else for (let i = 0; i < n; i++) out[d + i] = out[d + i - offset] as number;
}

const lz4Magic = 0x184d2204;
const lz4BlockSizes = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20];

/** An LZ4 frame (what Kafka clients write for magic 2); checksums are left to the batch's CRC. */
function lz4Frame(src: Buffer, maxBytes: number): Buffer {
  if (src.length < 7 || src.readUInt32LE(0) !== lz4Magic) fail('lz4: not a frame');
  const flags = src[4] as number;
  if (flags >> 6 !== 1) fail('lz4: unknown frame version');
  const blockChecksums = (flags & 0x10) !== 0;
  const maxBlock = lz4BlockSizes[((src[5] as number) >> 4) & 7] ?? 0;
  if (maxBlock === 0) fail('lz4: bad block size');
  const headerEnd = 7 + ((flags & 0x08) !== 0 ? 8 : 0) + ((flags & 0x01) !== 0 ? 4 : 0);
  // First pass: where the blocks are and an upper bound of the output, so that no more than that is allocated.
  const blocks: { at: number; size: number; raw: boolean }[] = [];
  let bound = 0;
  let at = headerEnd;
  for (;;) {
    if (at + 4 > src.length) fail('lz4: truncated frame');
    const word = src.readUInt32LE(at);
    at += 4;
    if (word === 0) break;
    const raw = word >= 0x80000000;
    const size = raw ? word - 0x80000000 : word;
    if (size > maxBlock || at + size > src.length) fail('lz4: block past the end');
    blocks.push({ at, size, raw });
    bound += raw ? size : maxBlock;
    at += size + (blockChecksums ? 4 : 0);
  }
  const out = Buffer.allocUnsafe(Math.min(bound, maxBytes));
  let d = 0;
  for (const block of blocks) {
    if (block.raw) {
      if (d + block.size > out.length) fail('lz4: larger than allowed');
      src.copy(out, d, block.at, block.at + block.size);
      d += block.size;
    } else d = lz4Block(src, block.at, block.at + block.size, out, d);
  }
  return out.subarray(0, d);
}

/** Decodes one LZ4 block into `out` at `d` (back-references may reach earlier blocks); returns the new end. */
function lz4Block(src: Buffer, s: number, end: number, out: Buffer, d: number): number {
  const extend = (n: number): number => {
    let total = n;
    for (let byte = 255; byte === 255; total += byte) {
      if (s >= end) fail('lz4: truncated length');
      byte = src[s++] as number;
    }
    return total;
  };
  while (s < end) {
    const token = src[s++] as number;
    let literals = token >> 4;
    if (literals === 15) literals = extend(15);
    if (s + literals > end || d + literals > out.length) fail('lz4: literals past the end');
    src.copy(out, d, s, s + literals);
    s += literals;
    d += literals;
    // The last sequence of a block has literals only.
    if (s === end) break;
    if (s + 2 > end) fail('lz4: truncated offset');
    const offset = src.readUInt16LE(s);
    s += 2;
    let n = (token & 15) + 4;
    if ((token & 15) === 15) n = extend(n);
    if (offset === 0 || offset > d || d + n > out.length) fail('lz4: match out of range');
    copyMatch(out, d, offset, n);
    d += n;
  }
  return d;
}

const zstdMagic = 0xfd2fb528;

/**
 * Zstandard frames. The frame and block headers are walked first to bound the output (and every
 * window the decoder would allocate) by `maxBytes`; only then does the decoder run.
 */
function zstd(src: Buffer, maxBytes: number): Buffer {
  let bound = 0;
  for (let at = 0; at < src.length; ) {
    if (at + 4 > src.length) fail('zstd: truncated frame');
    const magic = src.readUInt32LE(at);
    if (magic >>> 4 === 0x184d2a5) {
      // A skippable frame.
      if (at + 8 > src.length) fail('zstd: truncated skippable frame');
      at += 8 + src.readUInt32LE(at + 4);
      continue;
    }
    if (magic !== zstdMagic || at + 5 > src.length) fail('zstd: not a frame');
    const descriptor = src[at + 4] as number;
    const singleSegment = (descriptor & 0x20) !== 0;
    const sizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][descriptor >> 6] as number;
    const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] as number;
    let p = at + 5;
    let window = 0;
    if (!singleSegment) {
      const w = src[p++] as number;
      const base = 2 ** (10 + (w >> 3));
      window = base + (base / 8) * (w & 7);
    }
    p += dictionaryBytes;
    if (p + sizeBytes > src.length) fail('zstd: truncated frame header');
    if (sizeBytes > 0) {
      let contentSize = sizeBytes === 8 ? src.readUInt32LE(p) + src.readUInt32LE(p + 4) * 2 ** 32 : src.readUIntLE(p, sizeBytes);
      if (sizeBytes === 2) contentSize += 256;
      if (contentSize > maxBytes) fail('zstd: larger than allowed');
      window = Math.max(window, contentSize);
    }
    if (window > maxBytes) fail('zstd: window larger than allowed');
    p += sizeBytes;
    const maxBlock = Math.min(window, 128 << 10);
    for (let last = false; !last; ) {
      if (p + 3 > src.length) fail('zstd: truncated block');
      const header = src.readUIntLE(p, 3);
      p += 3;
      last = (header & 1) === 1;
      const type = (header >> 1) & 3;
      const size = header >> 3;
      if (type === 3) fail('zstd: reserved block type');
      bound += type === 2 ? maxBlock : size;
      p += type === 1 ? 1 : size;
      if (p > src.length) fail('zstd: block past the end');
    }
    if (bound > maxBytes) fail('zstd: larger than allowed');
    at = p + ((descriptor & 0x04) !== 0 ? 4 : 0);
  }
  try {
    const out = zstdDecompress(src);
    return Buffer.from(out.buffer, out.byteOffset, out.length);
  } catch (e) {
    return fail(`zstd: ${(e as Error).message}`);
  }
}
