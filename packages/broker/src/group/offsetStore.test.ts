import { describe, expect, it } from 'vitest';
import { startBroker } from '../server/startBroker.ts';
import { consumeLines, kafkaAt, testDataDir } from '../testing/kafka.ts';

const dir = testDataDir('broker-offsets-');

describe('committed offsets of a deleted topic', () => {
  it('stay deleted across a restart, so a group on the topic created again reads it from the start', { timeout: 60_000 }, async () => {
    const first = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    const admin = kafkaAt(first.address).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders' }, { topic: 'kept' }] });
    await admin.setOffsets({ groupId: 'readers', topic: 'orders', partitions: [{ partition: 0, offset: '1' }] });
    await admin.setOffsets({ groupId: 'readers', topic: 'kept', partitions: [{ partition: 0, offset: '5' }] });
    await admin.deleteTopics({ topics: ['orders'] });
    await admin.disconnect();
    await first.close();

    const second = await startBroker({ port: 0, dataDir: dir, log: () => {} });
    try {
      const kafka = kafkaAt(second.address);
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
      expect(await consumeLines(kafka, 'orders', 'readers', 2)).toEqual(['0 a', '1 b']);
    } finally {
      await second.close();
    }
  });
});
