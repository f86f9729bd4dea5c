import { Codec, DecompressionError, decompressRecords } from './compression.ts';
import { crc32c } from './crc32c.ts';
import { ErrorCode } from '../protocol/errorCodes.ts';

/** Byte offsets of the RecordBatch v2 header fields. */
export const BatchField = {
  baseOffset: 0,
  batchLength: 8,
  partitionLeaderEpoch: 12,
  magic: 16,
  crc: 17,
  attributes: 21,
  lastOffsetDelta: 23,
  baseTimestamp: 27,
  maxTimestamp: 35,
  producerId: 43,
  producerEpoch: 51,
  baseSequence: 53,
  recordsCount: 57,
  records: 61,
} as const;

/** Bytes in a RecordBatch v2 header (a batch is never shorter). */
export const batchHeaderSize = 61;

const twoTo32 = 4294967296;

/** Reads a big-endian int64 as a JS number. */
export function readInt64(buf: Buffer, at: number): number {
  return buf.readInt32BE(at) * twoTo32 + buf.readUInt32BE(at + 4);
}

/** Writes a JS number as a big-endian int64. */
export function writeInt64(buf: Buffer, at: number, v: number): void {
  const hi = Math.floor(v / twoTo32);
  buf.writeInt32BE(hi, at);
  buf.writeUInt32BE(v - hi * twoTo32, at + 4);
}

/** What the broker needs to know about one produced batch. */
export interface BatchInfo {
  readonly recordCount: number;
  readonly maxTimestamp: number;
  readonly producerId: number;
  readonly baseSequence: number;
}

/** The most bytes a produced batch's records may decompress to; a batch claiming more is refused. */
const maxDecompressedBytes = 64 * 1024 * 1024;

/**
 * Checks one produced partition payload the way Kafka's LogValidator does for magic 2: exactly one
 * whole batch, valid CRC, no control batch, a known codec (zstd only from Produce v7), records that
 * decompress and read, as many as the header claims, with offset deltas 0, 1, …
 * Returns the batch's facts or an error code.
 */
export function validateProducedBatch(records: Buffer, produceVersion: number): BatchInfo | { error: number } {
  if (records.length < batchHeaderSize) return { error: ErrorCode.CORRUPT_MESSAGE };
  if (records.readInt8(BatchField.magic) !== 2) return { error: ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT };
  const length = records.readInt32BE(BatchField.batchLength);
  if (length + 12 > records.length || length + 12 < batchHeaderSize) return { error: ErrorCode.CORRUPT_MESSAGE };
  if (length + 12 < records.length) return { error: ErrorCode.INVALID_RECORD };
  if (crc32c(records, BatchField.attributes, records.length) !== records.readUInt32BE(BatchField.crc)) {
    return { error: ErrorCode.CORRUPT_MESSAGE };
  }
  const attributes = records.readInt16BE(BatchField.attributes);
  if (attributes & 0x20) return { error: ErrorCode.INVALID_RECORD };
  const codec = attributes & 0x07;
  if (codec > Codec.zstd || (codec === Codec.zstd && produceVersion < 7)) return { error: ErrorCode.UNSUPPORTED_COMPRESSION_TYPE };
  const lastOffsetDelta = records.readInt32BE(BatchField.lastOffsetDelta);
  const count = records.readInt32BE(BatchField.recordsCount);
  if (count <= 0 || count !== lastOffsetDelta + 1) return { error: ErrorCode.INVALID_RECORD };
  let body = records;
  let start = batchHeaderSize;
  if (codec !== Codec.none) {
    try {
      body = decompressRecords(codec, records.subarray(batchHeaderSize), maxDecompressedBytes);
      start = 0;
    } catch (e) {
      if (e instanceof DecompressionError) return { error: ErrorCode.CORRUPT_MESSAGE };
      throw e;
    }
  }
  const problem = walkRecords(body, start, body.length, count);
  if (problem !== ErrorCode.NONE) return { error: problem };
  return {
    recordCount: count,
    maxTimestamp: readInt64(records, BatchField.maxTimestamp),
    producerId: readInt64(records, BatchField.producerId),
    baseSequence: records.readInt32BE(BatchField.baseSequence),
  };
}

/**
 * Checks the header of a batch at `at`: sane length, ending by `limit`, magic 2. Returns the
 * batch's total size or -1; the batch's bytes past its header are not looked at.
 */
export function batchTotalAt(buf: Buffer, at: number, limit: number): number {
  if (at + batchHeaderSize > limit) return -1;
  const total = buf.readInt32BE(at + BatchField.batchLength) + 12;
  if (total < batchHeaderSize || at + total > limit) return -1;
  if (buf.readInt8(at + BatchField.magic) !== 2) return -1;
  return total;
}

/** Checks a batch read back from disk: sane length, magic 2, CRC-32C. Returns its total size or -1. */
export function storedBatchSize(buf: Buffer, at: number): number {
  const total = batchTotalAt(buf, at, buf.length);
  if (total < 0) return -1;
  if (crc32c(buf, at + BatchField.attributes, at + total) !== buf.readUInt32BE(at + BatchField.crc)) return -1;
  return total;
}

/** Bytes of the smallest record after its length: attributes, timestamp and offset deltas, key, value, header count. */
const minRecordBody = 6;

/** A read position in a batch that never passes `end`. */
interface Cursor {
  at: number;
  readonly end: number;
}

/** Reads a zigzag varint or varlong; throws a RangeError past the cursor's end. */
function zigzagVarint(buf: Buffer, pos: Cursor): number {
  let value = 0;
  let shift = 0;
  for (let i = 0; ; i++) {
    if (pos.at >= pos.end || i === 10) throw new RangeError('varint past the end of its record');
    const byte = buf[pos.at++] as number;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
  }
  // Zigzag decoding without 32-bit bit operations, so that varlongs stay exact.
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** Skips a varint-length byte string (-1 is null where `nullable`); throws when it does not fit. */
function skipBytes(buf: Buffer, pos: Cursor, nullable: boolean): void {
  const length = zigzagVarint(buf, pos);
  if (length === -1 && nullable) return;
  if (length < 0 || pos.at + length > pos.end) throw new RangeError('bytes past the end of their record');
  pos.at += length;
}

/** One record's facts, as {@link walkRecords} hands them over. */
export interface RecordFacts {
  readonly timestampDelta: number;
  readonly offsetDelta: number;
}

/**
 * Reads `count` v2 records from `records[start, end)` the way Kafka's DefaultRecord.readFrom does:
 * each record's length is positive and inside the range, its fields fill it exactly, its offset
 * delta is its position, and the last record ends the range. Work is bounded by the bytes, whatever
 * `count` claims. `visit` sees every record and stops the walk by returning true.
 * Returns 0, CORRUPT_MESSAGE for bytes that do not decode, or INVALID_RECORD for records that
 * decode but disagree with the batch.
 */
export function walkRecords(
  records: Buffer,
  start: number,
  end: number,
  count: number,
  visit?: (record: RecordFacts) => boolean,
): number {
  if (count < 0 || count > (end - start) / (minRecordBody + 1)) return ErrorCode.INVALID_RECORD;
  const pos: Cursor = { at: start, end };
  try {
    for (let i = 0; i < count; i++) {
      const length = zigzagVarint(records, pos);
      if (length < minRecordBody || pos.at + length > end) return ErrorCode.CORRUPT_MESSAGE;
      const record: Cursor = { at: pos.at + 1, end: pos.at + length };
      const timestampDelta = zigzagVarint(records, record);
      const offsetDelta = zigzagVarint(records, record);
      if (offsetDelta !== i) return ErrorCode.INVALID_RECORD;
      skipBytes(records, record, true);
      skipBytes(records, record, true);
      const headers = zigzagVarint(records, record);
      if (headers < 0) return ErrorCode.INVALID_RECORD;
      for (let h = 0; h < headers; h++) {
        skipBytes(records, record, false);
        skipBytes(records, record, true);
      }
      if (record.at !== record.end) return ErrorCode.INVALID_RECORD;
      if (visit?.({ timestampDelta, offsetDelta })) return ErrorCode.NONE;
      pos.at = record.end;
    }
  } catch {
    return ErrorCode.CORRUPT_MESSAGE;
  }
  return pos.at === end ? ErrorCode.NONE : ErrorCode.INVALID_RECORD;
}

/**
 * The first record of a batch whose timestamp is at least `timestamp`, as an absolute offset and its
 * timestamp, reading compressed records decompressed (every codec, as Kafka does); undefined when none
 * is, or when its records do not decompress or read (the scan stops there: it never runs past the bytes).
 */
export function firstRecordAtOrAfter(batch: Buffer, timestamp: number): { offset: number; timestamp: number } | undefined {
  const codec = batch.readInt16BE(BatchField.attributes) & 0x07;
  let records = batch;
  let start = batchHeaderSize;
  if (codec !== Codec.none) {
    try {
      records = decompressRecords(codec, batch.subarray(batchHeaderSize), maxDecompressedBytes);
      start = 0;
    } catch (e) {
      if (e instanceof DecompressionError) return undefined;
      throw e;
    }
  }
  const baseOffset = readInt64(batch, BatchField.baseOffset);
  const baseTimestamp = readInt64(batch, BatchField.baseTimestamp);
  const count = batch.readInt32BE(BatchField.recordsCount);
  let found: { offset: number; timestamp: number } | undefined;
  walkRecords(records, start, records.length, count, ({ timestampDelta, offsetDelta }) => {
    const ts = baseTimestamp + timestampDelta;
    if (ts >= timestamp) found = { offset: baseOffset + offsetDelta, timestamp: ts };
    return found !== undefined;
  });
  return found;
}
