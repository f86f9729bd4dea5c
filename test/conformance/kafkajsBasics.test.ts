import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompressionTypes, type Kafka } from 'kafkajs';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { eventually, kafkaAt } from './clients.ts';

let broker: RunningBroker;
let kafka: Kafka;

beforeAll(async () => {
  // An authorizer that lets the anonymous client do anything, so the ACL APIs answer (not SECURITY_DISABLED).
  broker = await startBroker({ port: 0, authorizer: true, superUsers: ['ANONYMOUS'], log: () => {} });
  kafka = kafkaAt(broker.address);
});
afterAll(async () => {
  await broker.close();
});

describe('kafkajs against the broker', () => {
  it('produces and consumes keys, headers and gzip batches over 3 partitions', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] });
    await admin.disconnect();

    const producer = kafka.producer();
    await producer.connect();
    const sent = Array.from({ length: 90 }, (_, i) => ({ key: `key-${i % 9}`, value: `order-${i}`, headers: { trace: `t-${i}` } }));
    const acks = await producer.send({ topic: 'orders', compression: CompressionTypes.GZIP, messages: sent.slice(0, 45) });
    await producer.send({ topic: 'orders', messages: sent.slice(45) });
    await producer.disconnect();
    expect(acks.every((a) => a.errorCode === 0)).toBe(true);

    const consumer = kafka.consumer({ groupId: 'orders-reader', maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic: 'orders', fromBeginning: true });
    const received: { key: string; value: string; trace: string; partition: number }[] = [];
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        received.push({
          key: String(message.key),
          value: String(message.value),
          trace: String(message.headers?.trace),
          partition,
        });
      },
    });
    await eventually(() => received.length >= 90);
    await consumer.disconnect();

    expect(received.map((r) => r.value).sort()).toEqual(sent.map((s) => s.value).sort());
    for (const r of received) expect(r.trace).toBe(`t-${r.value.slice(6)}`);
    expect(new Set(received.map((r) => r.partition)).size).toBe(3);
    const partitionOfKey = new Map<string, number>();
    for (const r of received) {
      expect(partitionOfKey.get(r.key) ?? r.partition).toBe(r.partition);
      partitionOfKey.set(r.key, r.partition);
    }
  });

  it('resumes from committed offsets after a consumer restart', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'resume', messages: Array.from({ length: 10 }, (_, i) => ({ value: `first-${i}` })) });

    const readUntil = async (count: number): Promise<string[]> => {
      const consumer = kafka.consumer({ groupId: 'resumer', maxWaitTimeInMs: 200 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'resume', fromBeginning: true });
      const seen: string[] = [];
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
      await eventually(() => seen.length >= count);
      await consumer.disconnect();
      return seen;
    };
    expect(await readUntil(10)).toEqual(Array.from({ length: 10 }, (_, i) => `first-${i}`));

    await producer.send({ topic: 'resume', messages: Array.from({ length: 5 }, (_, i) => ({ value: `second-${i}` })) });
    await producer.disconnect();
    expect(await readUntil(5)).toEqual(Array.from({ length: 5 }, (_, i) => `second-${i}`));

    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: 'resumer', topics: ['resume'] });
    await admin.disconnect();
    expect(offsets[0]?.partitions[0]?.offset).toBe('15');
  });

  it('administers topics, partitions and configs', async () => {
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a', numPartitions: 2 }, { topic: 'admin-b' }] })).toBe(true);
    expect(await admin.createTopics({ topics: [{ topic: 'admin-a' }] })).toBe(false);
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['admin-a', 'admin-b']));

    await admin.createPartitions({ topicPartitions: [{ topic: 'admin-a', count: 5 }] });
    const meta = await admin.fetchTopicMetadata({ topics: ['admin-a'] });
    expect(meta.topics[0]?.partitions).toHaveLength(5);
    await expect(admin.createPartitions({ topicPartitions: [{ topic: 'admin-a', count: 2 }] })).rejects.toThrow();

    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: 'admin-b', configEntries: [{ name: 'retention.ms', value: '3600000' }, { name: 'cleanup.policy', value: 'compact' }] }],
    });
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: 'admin-b', configNames: ['retention.ms', 'cleanup.policy'] }],
    });
    const entries = Object.fromEntries(described.resources[0]?.configEntries.map((e) => [e.configName, e.configValue]) ?? []);
    expect(entries).toEqual({ 'retention.ms': '3600000', 'cleanup.policy': 'compact' });
    await expect(
      admin.alterConfigs({ validateOnly: false, resources: [{ type: 2, name: 'admin-b', configEntries: [{ name: 'cleanup.policy', value: 'shred' }] }] }),
    ).rejects.toThrow();

    await admin.deleteTopics({ topics: ['admin-a'] });
    expect(await admin.listTopics()).not.toContain('admin-a');
    expect(await admin.listTopics()).toContain('admin-b');
    await admin.disconnect();
  });

  it('creates, describes and deletes ACLs', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createAcls({
      acl: [
        { resourceType: 2, resourceName: 'payments', resourcePatternType: 3, principal: 'User:alice', host: '*', operation: 3, permissionType: 3 },
        { resourceType: 2, resourceName: 'pay', resourcePatternType: 4, principal: 'User:bob', host: '*', operation: 4, permissionType: 3 },
        { resourceType: 3, resourceName: 'g', resourcePatternType: 3, principal: 'User:alice', host: '*', operation: 3, permissionType: 2 },
      ],
    });
    const topicAcls = await admin.describeAcls({ resourceType: 2, resourcePatternType: 1, operation: 1, permissionType: 1 });
    expect(topicAcls.resources.map((r) => r.resourceName).sort()).toEqual(['pay', 'payments']);
    const matching = await admin.describeAcls({ resourceType: 2, resourceName: 'payments', resourcePatternType: 2, operation: 1, permissionType: 1 });
    expect(matching.resources.map((r) => r.resourceName).sort()).toEqual(['pay', 'payments']);

    const deleted = await admin.deleteAcls({ filters: [{ resourceType: 1, principal: 'User:alice', resourcePatternType: 1, operation: 1, permissionType: 1 }] });
    expect(deleted.filterResponses[0]?.matchingAcls).toHaveLength(2);
    const left = await admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 });
    expect(left.resources.map((r) => r.resourceName)).toEqual(['pay']);
    await admin.disconnect();
  });
});
