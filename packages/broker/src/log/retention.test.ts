import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Kafka } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../server/startBroker.ts';
import { consumeLines, kafkaAt, testDataDir } from '../testing/kafka.ts';
import { kcat } from '../testing/kcat.ts';
import { RawClient } from '../testing/rawClient.ts';

const dir = testDataDir('broker-retention-');
const hour = 3_600_000;

/** Sends each message alone, so that every one is a batch of its own; returns "offset value" lines. */
async function produceOneByOne(kafka: Kafka, topic: string, values: readonly string[], timestamp?: number): Promise<string[]> {
  const producer = kafka.producer();
  await producer.connect();
  const lines: string[] = [];
  for (const value of values) {
    const [ack] = await producer.send({ topic, messages: [{ value, ...(timestamp === undefined ? {} : { timestamp: String(timestamp) }) }] });
    lines.push(`${ack?.baseOffset} ${value}`);
  }
  await producer.disconnect();
  return lines;
}

async function earliestOffset(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const [partition] = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return Number(partition?.low);
}

async function waitFor(condition: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

interface FetchedPartition {
  errorCode: number;
  logStartOffset: number;
  records: Buffer | null;
}

/** One Fetch (v5) of partition 0 at `offset`: its error, log start offset and the bytes of its records. */
async function fetchAt(broker: RunningBroker, topic: string, offset: number): Promise<FetchedPartition> {
  const raw = await RawClient.open(broker.port);
  try {
    const response = await raw.call(1, 5, {
      replicaId: -1,
      maxWaitMs: 0,
      minBytes: 0,
      maxBytes: 1 << 20,
      isolationLevel: 0,
      topics: [{ topic, partitions: [{ partition: 0, fetchOffset: offset, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
    });
    return (response.responses as { partitions: FetchedPartition[] }[])[0]?.partitions[0] as FetchedPartition;
  } finally {
    raw.close();
  }
}

/** What kcat reads from the beginning of partition 0, as "offset value" lines. */
async function kcatFromBeginning(broker: RunningBroker, topic: string): Promise<string[]> {
  const read = await kcat(['-b', broker.address, '-C', '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-f', '%o %s\n']);
  return read.stdout.trimEnd().split('\n');
}

describe('retention', () => {
  it('retention.ms deletes the old segments: the log start advances, and consumers from the beginning get only what is kept', { timeout: 90_000 }, async () => {
    const root = path.join(dir, 'aging');
    const logLines: string[] = [];
    const broker = await startBroker({ port: 0, dataDir: root, retentionCheckIntervalMs: 100, log: (l) => void logLines.push(l) });
    let restarted: RunningBroker | undefined;
    try {
      const kafka = kafkaAt(broker.address);
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'aging', configEntries: [{ name: 'segment.bytes', value: '1024' }] }] });
      const old = await produceOneByOne(kafka, 'aging', Array.from({ length: 30 }, (_, i) => `old-${i}-${'o'.repeat(80)}`), Date.now() - 2 * hour);
      const fresh = await produceOneByOne(kafka, 'aging', Array.from({ length: 10 }, (_, i) => `fresh-${i}-${'f'.repeat(80)}`));
      const segments = (): string[] => readdirSync(path.join(root, 'logs', 'aging-0')).sort();
      const before = segments();
      // Under the default retention.ms (7 days) two hours old records stay.
      await new Promise((r) => setTimeout(r, 300));
      expect(await earliestOffset(kafka, 'aging')).toBe(0);
      expect(segments()).toEqual(before);

      await admin.alterConfigs({
        validateOnly: false,
        resources: [{ type: 2, name: 'aging', configEntries: [{ name: 'segment.bytes', value: '1024' }, { name: 'retention.ms', value: String(hour) }] }],
      });
      await admin.disconnect();
      expect(await waitFor(async () => (await earliestOffset(kafka, 'aging')) > 0)).toBe(true);
      const earliest = await earliestOffset(kafka, 'aging');
      // Whole segments go: the first one left holds the newest old records and the fresh ones.
      expect(segments()).toEqual(before.filter((name) => Number(name.slice(0, 20)) >= earliest));
      expect(Number(segments()[0]?.slice(0, 20))).toBe(earliest);
      expect(earliest).toBeLessThanOrEqual(30);
      expect(before.length - segments().length).toBeGreaterThanOrEqual(2);
      expect(logLines.some((l) => l.includes('retention deleted') && l.includes('aging-0'))).toBe(true);

      const kept = [...old, ...fresh].slice(earliest);
      expect(await consumeLines(kafka, 'aging', 'aging-readers', kept.length)).toEqual(kept);
      expect(await kcatFromBeginning(broker, 'aging')).toEqual(kept);
      // Kafka answers OFFSET_OUT_OF_RANGE, with the log start offset only on a fetch that succeeds.
      expect((await fetchAt(broker, 'aging', 0)).errorCode).toBe(1);
      const atStart = await fetchAt(broker, 'aging', earliest);
      expect([atStart.errorCode, atStart.logStartOffset]).toEqual([0, earliest]);
      await broker.close();

      restarted = await startBroker({ port: 0, dataDir: root, log: () => {} });
      const again = kafkaAt(restarted.address);
      expect(await earliestOffset(again, 'aging')).toBe(earliest);
      expect(await kcatFromBeginning(restarted, 'aging')).toEqual(kept);
    } finally {
      await broker.close();
      await restarted?.close();
    }
  });

  it('retention.bytes keeps about that many bytes of whole segments, also on a broker without a data directory', { timeout: 60_000 }, async () => {
    const broker = await startBroker({ port: 0, log: () => {} });
    try {
      const kafka = kafkaAt(broker.address);
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: 'capped', configEntries: [{ name: 'segment.bytes', value: '1024' }, { name: 'retention.bytes', value: '3072' }] }],
      });
      await admin.disconnect();
      const all = await produceOneByOne(kafka, 'capped', Array.from({ length: 80 }, (_, i) => `capped-${i}-${'c'.repeat(80)}`));
      const earliest = await earliestOffset(kafka, 'capped');
      expect(earliest).toBeGreaterThan(0);
      const kept = all.slice(earliest);
      // Kafka's rule: the oldest segment goes while the others alone hold retention.bytes, and the
      // active segment (up to segment.bytes) keeps growing until the next check.
      const held = (await fetchAt(broker, 'capped', earliest)).records?.length ?? 0;
      expect(held).toBeGreaterThanOrEqual(3072);
      expect(held).toBeLessThan(3072 + 2 * 1024);
      expect(await consumeLines(kafka, 'capped', 'capped-readers', kept.length)).toEqual(kept);
      expect(await kcatFromBeginning(broker, 'capped')).toEqual(kept);
      expect((await fetchAt(broker, 'capped', earliest - 1)).errorCode).toBe(1);
    } finally {
      await broker.close();
    }
  });
});
