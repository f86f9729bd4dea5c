import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '../server/startBroker.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'broker-offsets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kafkaAt = (broker: RunningBroker): Kafka => new Kafka({ brokers: [broker.address], logLevel: logLevel.NOTHING, retry: { retries: 2 } });

describe('committed offsets of a deleted topic', () => {
  it('stay deleted across a restart, so a group on the topic created again reads it from the start', { timeout: 60_000 }, async () => {
    const first = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    const admin = kafkaAt(first).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders' }, { topic: 'kept' }] });
    await admin.setOffsets({ groupId: 'readers', topic: 'orders', partitions: [{ partition: 0, offset: '1' }] });
    await admin.setOffsets({ groupId: 'readers', topic: 'kept', partitions: [{ partition: 0, offset: '5' }] });
    await admin.deleteTopics({ topics: ['orders'] });
    await admin.disconnect();
    await first.close();

    const second = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    try {
      const kafka = kafkaAt(second);
      const admin2 = kafka.admin();
      await admin2.connect();
      await admin2.createTopics({ topics: [{ topic: 'orders' }] });
      const offsets = await admin2.fetchOffsets({ groupId: 'readers', topics: ['orders', 'kept'] });
      expect(offsets.map((t) => [t.topic, t.partitions[0]?.offset])).toEqual([
        ['orders', '-1'],
        ['kept', '5'],
      ]);
      await admin2.disconnect();

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'orders', messages: [{ value: 'a' }, { value: 'b' }] });
      await producer.disconnect();
      const consumer = kafka.consumer({ groupId: 'readers', maxWaitTimeInMs: 100 });
      const seen: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: 'orders', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
      const deadline = Date.now() + 15_000;
      while (seen.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await consumer.disconnect();
      expect(seen).toEqual(['a', 'b']);
    } finally {
      await second.close();
    }
  });
});
