/**
 * Hand-made Kafka record batches (RecordBatch v2), for tests that must put on a broker's disk what no
 * producer of ours would write: a codec id that names no codec, compressed bytes that do not decompress.
 */

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32C (Castagnoli), the checksum of a record batch. */
function crc32c(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function varint(n: number): Buffer {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

/** The v2 records of these values (no key, no headers, timestamp deltas 0, offset deltas 0, 1, …). */
export function encodeRecords(values: readonly string[]): Buffer {
  return Buffer.concat(
    values.map((value, i) => {
      const bytes = Buffer.from(value);
      const body = Buffer.concat([Buffer.from([0]), varint(0), varint(i), varint(-1), varint(bytes.length), bytes, varint(0)]);
      return Buffer.concat([varint(body.length), body]);
    }),
  );
}

/** A batch at `baseOffset` of `count` records whose records section is `section`, compressed with codec id `codec`, with a valid CRC. */
export function recordBatch(baseOffset: number, codec: number, count: number, section: Buffer): Buffer {
  const batch = Buffer.alloc(61 + section.length);
  batch.writeBigInt64BE(BigInt(baseOffset), 0);
  batch.writeInt32BE(batch.length - 12, 8);
  batch.writeInt8(2, 16);
  batch.writeInt16BE(codec, 21);
  batch.writeInt32BE(count - 1, 23);
  const now = BigInt(Date.now());
  batch.writeBigInt64BE(now, 27);
  batch.writeBigInt64BE(now, 35);
  batch.writeBigInt64BE(-1n, 43);
  batch.writeInt16BE(-1, 51);
  batch.writeInt32BE(-1, 53);
  batch.writeInt32BE(count, 57);
  section.copy(batch, 61);
  batch.writeUInt32BE(crc32c(batch.subarray(21)), 17);
  return batch;
}
