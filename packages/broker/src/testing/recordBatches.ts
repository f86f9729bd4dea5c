import { crc32c } from '../log/crc32c.ts';
import { BatchField, batchHeaderSize, writeInt64 } from '../log/recordBatch.ts';

function zigzag(n: number): Buffer {
  let v = n >= 0 ? n * 2 : -n * 2 - 1;
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

/** The v2 encoding of records with these values (no key, no headers, offset deltas 0, 1, …). */
export function encodeRecords(values: readonly string[], timestampDeltas: readonly number[] = []): Buffer {
  return Buffer.concat(
    values.map((value, i) => {
      const bytes = Buffer.from(value);
      const body = Buffer.concat([Buffer.from([0]), zigzag(timestampDeltas[i] ?? 0), zigzag(i), zigzag(-1), zigzag(bytes.length), bytes, zigzag(0)]);
      return Buffer.concat([zigzag(body.length), body]);
    }),
  );
}

/** What a hand-made batch's header claims. */
export interface BatchClaims {
  readonly count: number;
  /** Attribute bits (the codec is the low three). */
  readonly attributes?: number;
  readonly lastOffsetDelta?: number;
  readonly baseTimestamp?: number;
  readonly maxTimestamp?: number;
}

/**
 * A RecordBatch v2 around `body` (records, compressed or not, or any bytes at all) with a valid
 * CRC-32C, so that a broker must look inside to refuse it.
 */
export function encodeBatch(body: Buffer, claims: BatchClaims): Buffer {
  const batch = Buffer.alloc(batchHeaderSize + body.length);
  batch.writeInt32BE(batch.length - 12, BatchField.batchLength);
  batch.writeInt8(2, BatchField.magic);
  batch.writeInt16BE(claims.attributes ?? 0, BatchField.attributes);
  batch.writeInt32BE(claims.lastOffsetDelta ?? claims.count - 1, BatchField.lastOffsetDelta);
  const now = Date.now();
  writeInt64(batch, BatchField.baseTimestamp, claims.baseTimestamp ?? now);
  writeInt64(batch, BatchField.maxTimestamp, claims.maxTimestamp ?? claims.baseTimestamp ?? now);
  writeInt64(batch, BatchField.producerId, -1);
  batch.writeInt16BE(-1, BatchField.producerEpoch);
  batch.writeInt32BE(-1, BatchField.baseSequence);
  batch.writeInt32BE(claims.count, BatchField.recordsCount);
  body.copy(batch, batchHeaderSize);
  batch.writeUInt32BE(crc32c(batch, BatchField.attributes, batch.length), BatchField.crc);
  return batch;
}
