import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka } from 'kafkajs';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { eventually, kafkaAt } from './clients.ts';

let broker: RunningBroker;
let kafka: Kafka;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
  kafka = kafkaAt(broker.address);
});
afterAll(async () => {
  await broker.close();
});

describe('a kafkajs consumer group', () => {
  it('shares partitions across members that leave and join, consuming every message exactly once', { timeout: 120_000 }, async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'trio', numPartitions: 6 }] });
    await admin.disconnect();

    const seen = new Map<string, string[]>();
    const byMember = new Map<string, number>();
    const start = async (name: string): Promise<Consumer> => {
      const consumer = kafka.consumer({ groupId: 'trio-group', maxWaitTimeInMs: 100, heartbeatInterval: 300, sessionTimeout: 10_000 });
      await consumer.connect();
      await consumer.subscribe({ topic: 'trio', fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const value = String(message.value);
          seen.set(value, [...(seen.get(value) ?? []), name]);
          byMember.set(name, (byMember.get(name) ?? 0) + 1);
        },
      });
      return consumer;
    };
    const producer = kafka.producer();
    await producer.connect();
    let produced = 0;
    const producePhase = async (phase: string): Promise<void> => {
      for (let batch = 0; batch < 6; batch++) {
        await producer.send({
          topic: 'trio',
          messages: Array.from({ length: 6 }, (_, i) => ({ partition: i, value: `${phase}-${batch}-${i}` })),
        });
      }
      produced += 36;
    };
    const assignedCount = async (): Promise<number> => {
      const described = await kafka.admin();
      await described.connect();
      const groups = await described.describeGroups(['trio-group']);
      await described.disconnect();
      const group = groups.groups[0];
      return group?.state === 'Stable' ? group.members.length : -1;
    };

    const a = await start('a');
    const b = await start('b');
    const c = await start('c');
    expect(await eventually(async () => (await assignedCount()) === 3, 30_000)).toBe(true);
    await producePhase('one');
    expect(await eventually(() => seen.size === produced, 30_000)).toBe(true);

    await b.disconnect();
    const bBefore = byMember.get('b') ?? 0;
    expect(await eventually(async () => (await assignedCount()) === 2, 30_000)).toBe(true);
    await producePhase('two');
    expect(await eventually(() => seen.size === produced, 30_000)).toBe(true);
    expect(byMember.get('b') ?? 0).toBe(bBefore);

    const d = await start('d');
    expect(await eventually(async () => (await assignedCount()) === 3, 30_000)).toBe(true);
    const dBefore = byMember.get('d') ?? 0;
    await producePhase('three');
    expect(await eventually(() => seen.size === produced, 30_000)).toBe(true);
    expect((byMember.get('d') ?? 0) - dBefore).toBeGreaterThan(0);

    await Promise.all([a.disconnect(), c.disconnect(), d.disconnect()]);
    await producer.disconnect();

    expect(seen.size).toBe(108);
    const duplicates = [...seen].filter(([, members]) => members.length !== 1);
    expect(duplicates).toEqual([]);
    expect(byMember.get('a') ?? 0).toBeGreaterThan(0);
    expect(byMember.get('c') ?? 0).toBeGreaterThan(0);
  });
});
