/**
 * Damaged or foreign state in a data directory is never accepted in silence (DESIGN §8): the broker
 * refuses to start on unreadable metadata, naming the file and the next step, rebuilds the topic
 * list from the partition directories when it is missing, never deletes partition data it did not
 * know, and a data directory serves one process at a time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBroker } from '../server/startBroker.ts';
import { kafkaAt } from '../testing/kafka.ts';
import { kcat } from '../testing/kcat.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function freshDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'broker-damage-'));
  dirs.push(d);
  return d;
}

const quiet = { log: () => {} };

/** Runs `work` against a broker on `dir` (a fresh one when not given), closing it after; returns the directory. */
async function withBroker(work: (kafka: ReturnType<typeof kafkaAt>) => Promise<void>, dir = freshDir()): Promise<string> {
  const broker = await startBroker({ port: 0, dataDir: dir, ...quiet });
  try {
    await work(kafkaAt(broker.address));
  } finally {
    await broker.close();
  }
  return dir;
}

/** A data directory holding topics `orders` (3 partitions, retention set) and `alerts`, with 30 and 5 records. */
function filledDir(): Promise<string> {
  return withBroker(async (kafka) => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }, { topic: 'alerts' }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', messages: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: `order ${i}` })) });
    await producer.send({ topic: 'alerts', messages: Array.from({ length: 5 }, (_, i) => ({ value: `alert ${i}` })) });
    await producer.disconnect();
  });
}

/** The sizes of every partition file under `logs/`, by path. */
function partitionFiles(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const partition of readdirSync(path.join(dir, 'logs'))) {
    for (const file of readdirSync(path.join(dir, 'logs', partition))) out[`${partition}/${file}`] = statSync(path.join(dir, 'logs', partition, file)).size;
  }
  return out;
}

/** How many records kcat reads from a topic, from the beginning. */
async function recordCount(address: string, topic: string): Promise<number> {
  const read = await kcat(['-b', address, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\n']);
  return read.stdout.split('\n').filter(Boolean).length;
}

describe('damaged metadata', () => {
  it('refuses to start on a truncated topics.json, naming it and the next step, and keeps every partition file', { timeout: 60_000 }, async () => {
    const dir = await filledDir();
    const before = partitionFiles(dir);
    const file = path.join(dir, 'topics.json');
    writeFileSync(file, '{"orders":{"id":"ab');
    await expect(startBroker({ port: 0, dataDir: dir, ...quiet })).rejects.toThrow(/topics\.json is damaged.*Restore it from a backup, or move it aside/);
    expect(partitionFiles(dir)).toEqual(before);
  });

  it('rebuilds the topic list from the partition directories when topics.json is missing, and says so', { timeout: 60_000 }, async () => {
    const dir = await filledDir();
    renameSync(path.join(dir, 'topics.json'), path.join(dir, 'topics.json.damaged'));
    const lines: string[] = [];
    const broker = await startBroker({ port: 0, dataDir: dir, log: (line) => lines.push(line) });
    try {
      expect(await recordCount(broker.address, 'orders')).toBe(30);
      expect(await recordCount(broker.address, 'alerts')).toBe(5);
      const admin = kafkaAt(broker.address).admin();
      await admin.connect();
      const metadata = await admin.fetchTopicMetadata({ topics: ['orders'] });
      await admin.disconnect();
      expect(metadata.topics[0]?.partitions).toHaveLength(3);
      expect(lines.join('\n')).toMatch(/rebuilt 2 topics \(alerts, orders\) from their partition directories/);
    } finally {
      await broker.close();
    }
  });

  it('refuses to start on a garbled acls.json', { timeout: 60_000 }, async () => {
    const dir = await filledDir();
    writeFileSync(path.join(dir, 'acls.json'), '[{"resourceType":2,');
    await expect(startBroker({ port: 0, dataDir: dir, ...quiet })).rejects.toThrow(/acls\.json is damaged/);
  });

  it('refuses to start when a line before the end of offsets.log is garbled, rather than drop every later commit', { timeout: 60_000 }, async () => {
    const dir = await filledDir();
    const entry = (o: number) => JSON.stringify({ g: 'readers', t: 'orders', p: 0, o });
    writeFileSync(path.join(dir, 'offsets.log'), `${entry(3)}\n{"g":"rea#ers\n${entry(9)}\n`);
    await expect(startBroker({ port: 0, dataDir: dir, ...quiet })).rejects.toThrow(/offsets\.log line 2 is damaged/);
  });

  it('keeps and serves records it finds in the directory of a topic it is asked to create', { timeout: 60_000 }, async () => {
    const dir = await filledDir();
    // topics.json forgets `alerts` (an older copy, say) while its records are on disk.
    writeFileSync(path.join(dir, 'topics.json'), JSON.stringify({}));
    const broker = await startBroker({ port: 0, dataDir: dir, ...quiet });
    try {
      const admin = kafkaAt(broker.address).admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'alerts' }] });
      await admin.disconnect();
      expect(await recordCount(broker.address, 'alerts')).toBe(5);
    } finally {
      await broker.close();
    }
  });
});

/** A data directory with one topic of 40 records, one batch each, in segments of about `segmentBytes`. */
async function batchesDir(segmentBytes: number): Promise<{ dir: string; partition: string }> {
  const dir = await withBroker(async (kafka) => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'events', configEntries: [{ name: 'segment.bytes', value: String(segmentBytes) }] }] });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < 40; i++) await producer.send({ topic: 'events', messages: [{ value: `event number ${String(i).padStart(3, '0')} ${'x'.repeat(40)}` }] });
    await producer.disconnect();
  });
  return { dir, partition: path.join(dir, 'logs', 'events-0') };
}

/** Flips one byte in the middle of a segment file (inside a record's value, which the CRC covers). */
function flipByteIn(file: string): void {
  const bytes = readFileSync(file);
  const at = bytes.indexOf('event number', Math.floor(bytes.length / 2)) + 5;
  bytes[at] = (bytes[at] as number) ^ 0xff;
  writeFileSync(file, bytes);
}

/** The values kcat reads from `events`, from the beginning. */
async function eventValues(address: string): Promise<string[]> {
  const read = await kcat(['-b', address, '-C', '-t', 'events', '-o', 'beginning', '-e', '-q', '-f', '%s\n']);
  return read.stdout.split('\n').filter(Boolean);
}

describe('corrupt record batches', () => {
  it('keeps the batches after a corrupt one in the middle of the last segment, serves none of its bytes, and says so', { timeout: 60_000 }, async () => {
    const { dir, partition } = await batchesDir(64 * 1024 * 1024);
    const [segment] = readdirSync(partition);
    flipByteIn(path.join(partition, segment as string));
    const lines: string[] = [];
    const broker = await startBroker({ port: 0, dataDir: dir, log: (line) => lines.push(line) });
    try {
      const values = await eventValues(broker.address);
      expect(values).toHaveLength(39);
      expect(values.every((v) => /^event number \d{3} x{40}$/.test(v))).toBe(true);
      expect(lines.join('\n')).toMatch(/events-0: the batch at offset \d+ is corrupt .*not served/);
    } finally {
      await broker.close();
    }
  });

  it('never serves a corrupt batch of a sealed segment', { timeout: 60_000 }, async () => {
    const { dir, partition } = await batchesDir(1024);
    const segments = readdirSync(partition).filter((f) => f.endsWith('.log')).sort();
    expect(segments.length).toBeGreaterThan(3);
    flipByteIn(path.join(partition, segments[1] as string));
    const broker = await startBroker({ port: 0, dataDir: dir, ...quiet });
    try {
      const values = await eventValues(broker.address);
      expect(values).toHaveLength(39);
      expect(values.every((v) => /^event number \d{3} x{40}$/.test(v))).toBe(true);
    } finally {
      await broker.close();
    }
  });
  it('finds a batch damaged while the broker runs when it is read, and does not serve it', { timeout: 60_000 }, async () => {
    const { dir, partition } = await batchesDir(1024);
    const lines: string[] = [];
    const broker = await startBroker({ port: 0, dataDir: dir, log: (line) => lines.push(line) });
    try {
      const segments = readdirSync(partition).filter((f) => f.endsWith('.log')).sort();
      flipByteIn(path.join(partition, segments[1] as string));
      const values = await eventValues(broker.address);
      expect(values).toHaveLength(39);
      expect(values.every((v) => /^event number \d{3} x{40}$/.test(v))).toBe(true);
      expect(lines.join('\n')).toMatch(/events-0: the batch at offset \d+ is corrupt/);
    } finally {
      await broker.close();
    }
  });
});

describe('one process per data directory', () => {
  it('refuses a data directory another live process holds, and takes over one whose holder is gone', { timeout: 60_000 }, async () => {
    const dir = freshDir();
    // The vitest parent process is alive and is not this one.
    writeFileSync(path.join(dir, 'broker.lock'), String(process.ppid));
    await expect(startBroker({ port: 0, dataDir: dir, ...quiet })).rejects.toThrow(new RegExp(`used by process ${process.ppid}`));

    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(path.join(dir, 'broker.lock'), gone);
    const broker = await startBroker({ port: 0, dataDir: dir, ...quiet });
    await broker.close();
    expect(existsSync(path.join(dir, 'broker.lock'))).toBe(false);
  });
});
