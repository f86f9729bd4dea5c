import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiTable } from './apiTable.ts';
import { CodecRegistry } from './codecRegistry.ts';
import { FrameReader, MalformedFrameError } from './reader.ts';
import { FrameWriter } from './writer.ts';

const registry = new CodecRegistry();
const bytesOf = (w: FrameWriter): Buffer => Buffer.concat(w.finish());

describe('the schema-driven codec', () => {
  it('decodes kcat’s flexible ApiVersions v3 body as captured on the wire', () => {
    const body = Buffer.concat([Buffer.from([0x0b]), Buffer.from('librdkafka'), Buffer.from([0x06]), Buffer.from('2.0.2'), Buffer.from([0x00])]);
    const codec = registry.codecs(18, 3)?.request;
    expect(codec?.flexible).toBe(true);
    expect(codec?.decode(new FrameReader(body))).toEqual({ clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' });
  });

  it('writes ApiVersions v3 responses with compact arrays and tagged-field sections', () => {
    const w = new FrameWriter(8);
    registry.codecs(18, 3)?.response.encode(w, { errorCode: 0, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 3 }], throttleTimeMs: 0 });
    expect(bytesOf(w).toString('hex')).toBe('0000' + '02' + '0012000000030' + '0' + '00000000' + '00');
  });

  it('round-trips every advertised request and response version', () => {
    for (const api of apiTable) {
      for (let v = api.min; v <= api.max; v++) {
        const codecs = registry.codecs(api.key, v);
        expect(codecs, `${api.name} v${v}`).toBeDefined();
        for (const codec of [codecs?.request, codecs?.response]) {
          const w = new FrameWriter(4);
          codec?.encode(w, {});
          const first = bytesOf(w);
          const decoded = codec?.decode(new FrameReader(first)) ?? {};
          const again = new FrameWriter(4);
          codec?.encode(again, decoded);
          expect(bytesOf(again).equals(first), `${api.name} v${v}`).toBe(true);
        }
      }
    }
  });

  it('keeps large record payloads as separate, uncopied chunks', () => {
    const records = Buffer.alloc(10_000, 7);
    const w = new FrameWriter(16);
    registry.codecs(1, 11)?.response.encode(w, {
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, records: [records] }] }],
    });
    const parts = w.finish();
    expect(parts.some((p) => p === records)).toBe(true);
  });

  it('never reads past a frame: arbitrary bytes decode or fail with MalformedFrameError', () => {
    const keys = apiTable.flatMap((a) => Array.from({ length: a.max - a.min + 1 }, (_, i) => [a.key, a.min + i] as const));
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.uint8Array({ maxLength: 300 }), ([key, version], bytes) => {
        const codec = registry.codecs(key, version)?.request;
        try {
          codec?.decode(new FrameReader(Buffer.from(bytes)));
        } catch (error) {
          expect(error).toBeInstanceOf(MalformedFrameError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
