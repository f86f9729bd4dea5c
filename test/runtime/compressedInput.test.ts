import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, headerNames, registerCodecs, type Runtime } from '@event-flows/runtime';
import { CompressionTypes } from 'kafkajs';
import { kcat } from '../conformance/clients.ts';
import { encodeRecords, recordBatch } from './rawBatches.ts';
import { countRecords, createTopics, eventually, kafkaAt, readAll, subscribeBinding } from './runtimeHarness.ts';

const brokers: RunningBroker[] = [];
const runtimes: Runtime[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close({ drain: false })));
  await Promise.all(brokers.map((b) => b.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function broker(dataDir?: string): Promise<RunningBroker> {
  const b = await startBroker({ port: 0, log: () => {}, ...(dataDir ? { dataDir } : {}) });
  brokers.push(b);
  return b;
}

function runtime(address: string): Runtime {
  const r = createRuntime({
    connections: async () => ({ brokers: [address] }),
    credentials: async () => undefined,
    consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
    drainTimeoutMs: 2_000,
  });
  runtimes.push(r);
  return r;
}

const codecs = ['snappy', 'lz4', 'zstd', 'gzip'] as const;
const kafkajsType = { snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD, gzip: CompressionTypes.GZIP };
const ids = (records: ReadonlyArray<{ value: string | null }>): number[] => records.map((r) => (JSON.parse(r.value ?? '{}') as { id: number }).id).sort((a, b) => a - b);

describe('a binding whose input is compressed', () => {
  it('processes snappy, lz4, zstd and gzip batches from librdkafka and kafkajs, each record once', { timeout: 90_000 }, async () => {
    const b = await broker();
    const kafka = kafkaAt(b.address);
    await createTopics(kafka, { 'z.in': 2, 'z.out': 1 });
    let id = 0;
    for (const codec of codecs) {
      for (const partition of [0, 1]) {
        const lines = Array.from({ length: 40 }, () => JSON.stringify({ id: id++, pad: 'x'.repeat(200) })).join('\n');
        const produced = await kcat(['-b', b.address, '-P', '-t', 'z.in', '-p', String(partition), '-z', codec], `${lines}\n`);
        expect(produced, produced.stderr).toMatchObject({ code: 0 });
      }
    }
    registerCodecs();
    const producer = kafka.producer();
    await producer.connect();
    for (const codec of codecs) {
      const messages = Array.from({ length: 40 }, () => ({ key: `k${id % 5}`, value: JSON.stringify({ id: id++, pad: 'y'.repeat(200) }) }));
      await producer.send({ topic: 'z.in', acks: -1, compression: kafkajsType[codec], messages });
    }
    await producer.disconnect();
    expect(id).toBe(480);

    const r = runtime(b.address);
    await r.reconcile([subscribeBinding('demo/echo', 'z.in', ['z.out'])]);
    expect(await eventually(async () => (await countRecords(kafka, 'z.out')) >= 480, 60_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(ids(await readAll(kafka, 'z.out'))).toEqual(Array.from({ length: 480 }, (_, i) => i));
    expect(r.status()[0]).toMatchObject({ state: 'running', consumed: 480, published: 480, failed: 0, lastError: null });
  });

  it('reports a batch it cannot decode, dead-letters it where it has a DLQ, and moves on', { timeout: 90_000 }, async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'runtime-undecodable-'));
    dirs.push(dataDir);
    const first = await broker(dataDir);
    const kafka = kafkaAt(first.address);
    await createTopics(kafka, { 'u.in': 1, 'u.out': 1, 'u.out2': 1, 'u.dlq': 1 });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'u.in', acks: -1, messages: [0, 1, 2].map((i) => ({ value: JSON.stringify({ id: i }) })) });
    await producer.disconnect();
    await first.close();

    // What Produce would refuse, written straight to the stopped broker's partition: a batch with codec
    // id 5 (no codec), snappy bytes that do not decompress, gzip that decompresses to no records, then
    // a good gzip batch after them.
    const partitionDir = path.join(dataDir, 'logs', 'u.in-0');
    const segment = path.join(partitionDir, readdirSync(partitionDir).filter((f) => f.endsWith('.log')).sort().at(-1) as string);
    const unknownCodec = recordBatch(3, 5, 2, Buffer.from('records no codec reads'));
    const corruptSnappy = recordBatch(5, 2, 3, Buffer.from([0x40, 0xff, 0xff, 0x12, 0x34, 0x56, 0x78]));
    const garbledGzip = recordBatch(8, 1, 2, gzipSync('these bytes are not records'));
    const good = recordBatch(10, 1, 2, gzipSync(encodeRecords([JSON.stringify({ id: 10 }), JSON.stringify({ id: 11 })])));
    appendFileSync(segment, Buffer.concat([unknownCodec, corruptSnappy, garbledGzip, good]));

    const second = await broker(dataDir);
    const again = kafkaAt(second.address);
    const r = runtime(second.address);
    await r.reconcile([
      subscribeBinding('demo/echo', 'u.in', ['u.out'], { dlq: { connection: 'local', topic: 'u.dlq' } }),
      subscribeBinding('demo/fail-on', 'u.in', ['u.out2']),
    ]);
    expect(await eventually(async () => (await countRecords(again, 'u.out')) >= 5 && (await countRecords(again, 'u.dlq')) >= 3, 60_000)).toBe(true);
    expect(await eventually(async () => (await countRecords(again, 'u.out2')) >= 5, 30_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(ids(await readAll(again, 'u.out'))).toEqual([0, 1, 2, 10, 11]);
    expect(ids(await readAll(again, 'u.out2'))).toEqual([0, 1, 2, 10, 11]);
    const dead = await readAll(again, 'u.dlq');
    expect(dead.map((d) => [d.headers[headerNames.sourceOffset], d.headers[headerNames.errorStage], d.headers[headerNames.errorClass]])).toEqual([
      ['3', 'decode', 'permanent'],
      ['5', 'decode', 'permanent'],
      ['8', 'decode', 'permanent'],
    ]);
    expect(dead[0]?.headers[headerNames.errorMessage]).toMatch(/^records 3–4 could not be decoded: codec id 5 is not a compression codec/);
    expect(dead[1]?.headers[headerNames.errorMessage]).toMatch(/^records 5–7 could not be decoded: snappy: /);
    expect(dead[2]?.headers[headerNames.errorMessage]).toBe('records 8–9 could not be decoded: gzip: the decompressed records do not read as 2 records');
    // The DLQ record holds the undecodable batch as it was stored.
    const [raw] = await readRaw(again, 'u.dlq');
    expect(raw?.equals(unknownCodec)).toBe(true);

    const [withDlq, withoutDlq] = ['demo/echo', 'demo/fail-on'].map((algorithm) => r.status().find((s) => s.algorithm === algorithm));
    expect(withDlq).toMatchObject({ state: 'running', consumed: 12, published: 5, failed: 7, deadLettered: 3 });
    expect(withDlq?.lastError).toMatchObject({ class: 'permanent', stage: 'decode', source: { topic: 'u.in', partition: 0, offset: '8' } });
    expect(withDlq?.lastError?.message).toBe('records 8–9 could not be decoded: gzip: the decompressed records do not read as 2 records (dead-lettered to u.dlq)');
    expect(withoutDlq).toMatchObject({ state: 'running', consumed: 12, published: 5, failed: 7, deadLettered: 0 });
    expect(withoutDlq?.lastError?.message).toMatch(/\(skipped: the binding has no DLQ\)$/);
  });
});

/** The values of a topic's records as bytes. */
async function readRaw(kafka: ReturnType<typeof kafkaAt>, topic: string): Promise<Buffer[]> {
  const values: Buffer[] = [];
  const consumer = kafka.consumer({ groupId: `raw-${Math.random().toString(36).slice(2)}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void (message.value && values.push(message.value)) });
  await eventually(() => values.length > 0, 10_000, 50);
  await consumer.disconnect();
  return values;
}
