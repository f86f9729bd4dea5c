import { promisify } from 'node:util';
import { gzip, unzip } from 'node:zlib';
import { Zstd } from '@hpcc-js/wasm-zstd';
import { decompress as zstdDecompress } from 'fzstd';
import kafkajs from 'kafkajs';
import snappyCodec from 'kafkajs-snappy';
import lz4 from 'lz4js';
import { batchAround, recordsRead, standIns } from './undecodableBatches.ts';

/** A codec as kafkajs calls it: `compress` gets an encoder holding the records, `decompress` the compressed section. */
interface KafkaCodec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(section: Buffer): Promise<Buffer>;
}

const gzipAsync = promisify(gzip);
const unzipAsync = promisify(unzip);

const gzipCodec: KafkaCodec = {
  compress: (encoder) => gzipAsync(encoder.buffer),
  decompress: (section) => unzipAsync(section),
};

/** Snappy: raw blocks as librdkafka writes them; reads those and the xerial framing of Kafka's Java client. */
const snappy: KafkaCodec = snappyCodec();

/**
 * The same LZ4 frame without block checksums (lz4js reads a block checksum as if it came before its block);
 * checksums are not verified: the batch's CRC covers the bytes. Frames without them come back as they are.
 */
function withoutBlockChecksums(frame: Buffer): Buffer {
  if (frame.length < 7 || ((frame[4] as number) & 0x10) === 0) return frame;
  const headerEnd = 7 + (((frame[4] as number) & 0x08) !== 0 ? 8 : 0) + (((frame[4] as number) & 0x01) !== 0 ? 4 : 0);
  const header = Buffer.from(frame.subarray(0, headerEnd));
  header[4] = (header[4] as number) & ~0x10;
  const parts: Buffer[] = [header];
  let at = headerEnd;
  for (;;) {
    if (at + 4 > frame.length) throw new Error('lz4: truncated frame');
    const word = frame.readUInt32LE(at);
    const size = word & 0x7fffffff;
    if (word === 0) break;
    if (at + 4 + size + 4 > frame.length) throw new Error('lz4: block past the end of its frame');
    parts.push(frame.subarray(at, at + 4 + size));
    at += 4 + size + 4;
  }
  parts.push(frame.subarray(at));
  return Buffer.concat(parts);
}

/** LZ4 frames (Kafka's format for magic 2), as Kafka's clients and librdkafka write them. */
const lz4Codec: KafkaCodec = {
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (section) => Buffer.from(lz4.decompress(withoutBlockChecksums(section))),
};

let zstdLoaded: Promise<Zstd> | undefined;
/** The Zstandard WebAssembly module (for compressing), compiled once on first use. */
const zstd = (): Promise<Zstd> => (zstdLoaded ??= Zstd.load());

/** Zstandard: compressed by the reference library in WebAssembly, read by fzstd (pure JS, about 50 times faster at reading here). */
const zstdCodec: KafkaCodec = {
  compress: async (encoder) => Buffer.from((await zstd()).compress(encoder.buffer)),
  async decompress(section) {
    const out = zstdDecompress(section);
    return Buffer.from(out.buffer, out.byteOffset, out.length);
  },
};

// kafkajs is CommonJS whose exports Node's ESM loader cannot all name: these two are read from its default export.
const { CompressionCodecs, CompressionTypes } = kafkajs;

const codecNames: Record<number, string> = { 1: 'gzip', 2: 'snappy', 3: 'lz4', 4: 'zstd' };

/**
 * `codec` made safe for a consumer: records that do not decompress, or do not read as the batch's
 * header counts them, become stand-ins (see `undecodableBatches.ts`) instead of failing the fetch.
 * A batch whose header cannot be found or that claims too many records still throws, with the reason.
 */
function tolerant(id: number, codec: KafkaCodec | undefined): KafkaCodec {
  const name = codecNames[id] ?? `codec id ${id}`;
  return {
    async compress(encoder) {
      if (!codec) throw new Error(`${name} is not a Kafka compression codec`);
      return codec.compress(encoder);
    },
    async decompress(section) {
      const batch = batchAround(section, id);
      let reason: string;
      if (!codec) reason = `${name} is not a compression codec the runtime knows (Kafka's are gzip, snappy, lz4 and zstd)`;
      else {
        try {
          const records = await codec.decompress(section);
          if (!batch || recordsRead(records, batch.count)) return records;
          reason = `${name}: the decompressed records do not read as ${batch.count} records`;
        } catch (error) {
          reason = `${name}: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      const stood = batch && standIns(batch, reason);
      if (!stood) throw new Error(`a record batch could not be decoded: ${reason}`);
      return stood;
    },
  };
}

let registered = false;

/**
 * Registers every Kafka codec with kafkajs (process-wide, once): gzip, snappy, lz4 and zstd for
 * producing and consuming, through pure JavaScript and WebAssembly packages. The ids 5–7, which
 * name no codec, are registered too, so that kafkajs does not read such a batch as uncompressed:
 * a batch that does not decode reaches the binding as stand-ins (see `undecodableBatches.ts`).
 */
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  const codecs = CompressionCodecs as unknown as Record<number, () => KafkaCodec>;
  const known: Record<number, KafkaCodec> = {
    [CompressionTypes.GZIP]: gzipCodec,
    [CompressionTypes.Snappy]: snappy,
    [CompressionTypes.LZ4]: lz4Codec,
    [CompressionTypes.ZSTD]: zstdCodec,
  };
  for (let id = 1; id <= 7; id++) {
    const codec = tolerant(id, known[id]);
    codecs[id] = () => codec;
  }
}
