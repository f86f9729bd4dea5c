import { randomBytes } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';

/**
 * Record batches the runtime cannot decode (a codec it does not have, compressed records that do not
 * decompress or do not read), turned into stand-in records so that a binding reports them, dead-letters
 * them and moves on instead of crashing its consumer for ever.
 *
 * kafkajs decodes a fetched batch by handing its codec the compressed records section and then reading
 * as many records from the result as the batch's header counts; a codec that throws fails the whole
 * fetch (every partition of that broker), and kafkajs retries it for ever. So a codec that cannot decode
 * answers stand-ins instead: one record per offset of the batch, each carrying a header whose name holds
 * a secret of this process (no producer can forge one) and whose value says why; the first also carries
 * the batch's bytes. The codec learns the batch's header from the bytes just before the section it is
 * handed: kafkajs 2.2.4 (pinned) hands a view into the fetched response, and the header is believed only
 * when its magic, its length and its codec match that section.
 */

/** Bytes of a RecordBatch v2 header, up to and including its record count. */
const headerSize = 61;

/** Most stand-ins one batch may become (librdkafka batches up to 10,000 records by default). */
const maxStandIns = 50_000;

/** The header that marks a stand-in; its name is secret to this process. */
const standInHeader = `eventflows.undecodable.${randomBytes(12).toString('hex')}`;

/** The facts of a batch from its header. */
export interface BatchHeader {
  readonly firstOffset: bigint;
  readonly count: number;
  readonly lastOffsetDelta: number;
  readonly codec: number;
  /** The whole batch: header and records section. */
  readonly bytes: Buffer;
}

/**
 * The header of the batch whose compressed records section is `section` (a view kafkajs hands a codec),
 * when the bytes before the view are that batch's header; undefined otherwise.
 */
export function batchAround(section: Buffer, codec: number): BatchHeader | undefined {
  if (section.byteOffset < headerSize) return undefined;
  const bytes = Buffer.from(section.buffer, section.byteOffset - headerSize, headerSize + section.length);
  if (bytes.readInt8(16) !== 2 || bytes.readInt32BE(8) !== headerSize - 12 + section.length) return undefined;
  if ((bytes.readInt16BE(21) & 0x07) !== codec) return undefined;
  return { firstOffset: bytes.readBigInt64BE(0), lastOffsetDelta: bytes.readInt32BE(23), count: bytes.readInt32BE(57), codec, bytes };
}

/** The record counts as a Kafka varint (zigzag). */
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

const varBytes = (bytes: Buffer | null): Buffer => (bytes === null ? varint(-1) : Buffer.concat([varint(bytes.length), bytes]));

/**
 * The decompressed form kafkajs reads for a batch it cannot decode: `count` stand-in records (offset
 * deltas 0, 1, …), each marked with `reason`; the first holds the batch's bytes as its value.
 * Undefined when the batch claims more records than {@link maxStandIns} or its count and last offset disagree.
 */
export function standIns(batch: BatchHeader, reason: string): Buffer | undefined {
  if (batch.count <= 0 || batch.count > maxStandIns || batch.count !== batch.lastOffsetDelta + 1) return undefined;
  const firstOffset = batch.firstOffset.toString();
  const lastOffset = (batch.firstOffset + BigInt(batch.lastOffsetDelta)).toString();
  const facts = JSON.stringify({ firstOffset, lastOffset, reason: reason.slice(0, 300) });
  const mark = Buffer.concat([varint(1), varBytes(Buffer.from(standInHeader)), varBytes(Buffer.from(facts))]);
  const records: Buffer[] = [];
  for (let i = 0; i < batch.count; i++) {
    const body = Buffer.concat([Buffer.from([0]), varint(0), varint(i), varBytes(null), varBytes(i === 0 ? batch.bytes : null), mark]);
    records.push(varint(body.length), body);
  }
  return Buffer.concat(records);
}

/** A batch the runtime could not decode, as its stand-in records tell it. */
export interface UndecodableBatch {
  readonly reason: string;
  readonly firstOffset: string;
  readonly lastOffset: string;
  /** The batch's bytes: on the stand-in of its first offset only. */
  readonly bytes: Buffer | null;
}

/** The undecodable batch `message` stands in for; undefined for every record a producer wrote. */
export function undecodableBatchOf(message: Pick<KafkaMessage, 'headers' | 'value'>): UndecodableBatch | undefined {
  const raw = message.headers?.[standInHeader];
  if (raw === undefined) return undefined;
  const facts = JSON.parse(String(Array.isArray(raw) ? raw[0] : raw)) as Omit<UndecodableBatch, 'bytes'>;
  return { reason: facts.reason, firstOffset: facts.firstOffset, lastOffset: facts.lastOffset, bytes: message.value };
}

/** Bytes of the smallest record after its length (attributes, timestamp and offset deltas, key, value, header count). */
const minRecordBody = 6;

/**
 * Whether `records` holds exactly `count` well-formed v2 records (lengths, varints, key, value and
 * headers inside each record, offset deltas 0, 1, …), as kafkajs will read them.
 */
export function recordsRead(records: Buffer, count: number): boolean {
  if (count < 0 || count > records.length / (minRecordBody + 1)) return false;
  let at = 0;
  const read = (end: number): number => {
    let value = 0;
    for (let i = 0, shift = 1; ; i++, shift *= 128) {
      if (at >= end || i === 10) throw new RangeError('varint past the end');
      const byte = records[at++] as number;
      value += (byte & 0x7f) * shift;
      if ((byte & 0x80) === 0) break;
    }
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  };
  const skip = (end: number, nullable: boolean): void => {
    const length = read(end);
    if (length === -1 && nullable) return;
    if (length < 0 || at + length > end) throw new RangeError('bytes past the end');
    at += length;
  };
  try {
    for (let i = 0; i < count; i++) {
      const length = read(records.length);
      const end = at + length;
      if (length < minRecordBody || end > records.length) return false;
      at++;
      read(end);
      if (read(end) !== i) return false;
      skip(end, true);
      skip(end, true);
      const headers = read(end);
      if (headers < 0) return false;
      for (let h = 0; h < headers; h++) {
        skip(end, false);
        skip(end, true);
      }
      if (at !== end) return false;
    }
  } catch {
    return false;
  }
  return at === records.length;
}
