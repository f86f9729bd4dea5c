import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka } from 'kafkajs';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { eventually, kafkaAt } from './clients.ts';

const users = { admin: 'admin-secret', writer: 'writer-secret', reader: 'reader-secret' };
let broker: RunningBroker;
const as = (name: keyof typeof users, password: string = users[name]): Kafka =>
  kafkaAt(broker.address, { mechanism: 'plain', username: name, password });

// Kafka's enums: resource TOPIC 2, GROUP 3; pattern LITERAL 3, PREFIXED 4; operation READ 3, WRITE 4; ALLOW 3, DENY 2.
const allow = (resourceType: number, resourceName: string, principal: string, operation: number, resourcePatternType = 3) => ({
  resourceType,
  resourceName,
  resourcePatternType,
  principal,
  host: '*',
  operation,
  permissionType: 3,
});

beforeAll(async () => {
  broker = await startBroker({ port: 0, saslUsers: users, superUsers: ['admin'], log: () => {} });
  const admin = as('admin').admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'ledger' }, { topic: 'ledger-audit' }] });
  await admin.createAcls({
    acl: [
      allow(2, 'ledger', 'User:writer', 4),
      allow(2, 'ledger', 'User:reader', 3, 4),
      allow(3, 'readers', 'User:reader', 3),
      allow(3, 'writers', 'User:writer', 3),
    ],
  });
  await admin.disconnect();
});
afterAll(async () => {
  await broker.close();
});

describe('SASL PLAIN and ACLs with kafkajs', () => {
  it('authenticates good credentials and refuses bad ones', async () => {
    const admin = as('admin').admin();
    await admin.connect();
    expect(await admin.listTopics()).toEqual(expect.arrayContaining(['ledger', 'ledger-audit']));
    await admin.disconnect();

    const intruder = as('writer', 'wrong').producer();
    await expect(intruder.connect()).rejects.toThrow(/SASL|authentication/i);
  });

  it('lets a principal produce only with WRITE and fetch only with READ', async () => {
    const writer = as('writer').producer();
    await writer.connect();
    const acks = await writer.send({ topic: 'ledger', messages: [{ key: 'k', value: 'entry-1' }] });
    expect(acks[0]?.errorCode).toBe(0);
    await expect(writer.send({ topic: 'ledger-audit', messages: [{ value: 'nope' }] })).rejects.toThrow(/authoriz/i);
    await writer.disconnect();

    const reader = as('reader').producer();
    await reader.connect();
    await expect(reader.send({ topic: 'ledger', messages: [{ value: 'not allowed' }] })).rejects.toThrow(/authoriz/i);
    await reader.disconnect();

    const consumerOf = (kafka: Kafka, groupId: string) => kafka.consumer({ groupId, maxWaitTimeInMs: 100, retry: { retries: 0 } });
    const good = consumerOf(as('reader'), 'readers');
    const values: string[] = [];
    await good.connect();
    await good.subscribe({ topic: 'ledger', fromBeginning: true });
    await good.run({ eachMessage: async ({ message }) => void values.push(String(message.value)) });
    expect(await eventually(() => values.length >= 1)).toBe(true);
    await good.disconnect();
    expect(values).toEqual(['entry-1']);

    const refused = consumerOf(as('writer'), 'writers');
    const crashes: string[] = [];
    refused.on(refused.events.CRASH, (event) => void crashes.push(event.payload.error.message));
    await refused.connect();
    await refused.subscribe({ topic: 'ledger', fromBeginning: true });
    const got: string[] = [];
    await refused.run({ eachMessage: async ({ message }) => void got.push(String(message.value)) });
    expect(await eventually(() => crashes.length > 0)).toBe(true);
    await refused.disconnect();
    expect(crashes[0]).toMatch(/Not authorized to access topics/);
    expect(got).toEqual([]);
  });

  it('refuses groups and cluster operations without ACLs', async () => {
    const stranger = as('reader').consumer({ groupId: 'someone-elses', retry: { retries: 0 } });
    const crashed = new Promise<string>((resolve) => {
      // kafkajs reports GROUP_AUTHORIZATION_FAILED from FindCoordinator as "coordinator not found".
      stranger.on(stranger.events.CRASH, (event) => resolve(event.payload.error.name));
    });
    await stranger.connect();
    await stranger.subscribe({ topic: 'ledger' });
    await stranger.run({ eachMessage: async () => {} });
    expect(await crashed).toBe('KafkaJSGroupCoordinatorNotFound');
    await stranger.disconnect();

    const admin = as('reader').admin();
    await admin.connect();
    await expect(admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 })).rejects.toThrow(/authoriz/i);
    await expect(admin.createTopics({ topics: [{ topic: 'not-mine' }] })).rejects.toMatchObject({
      errors: [expect.objectContaining({ type: 'TOPIC_AUTHORIZATION_FAILED' })],
    });
    await admin.disconnect();
  });
});

describe('users added at run time', () => {
  it('authenticate new connections once added, and not before', async () => {
    const late = kafkaAt(broker.address, { mechanism: 'plain', username: 'late', password: 'late-secret' }).admin();
    await expect(late.connect()).rejects.toThrow(/SASL|auth/i);
    broker.setSaslUser('late', 'late-secret');
    const again = kafkaAt(broker.address, { mechanism: 'plain', username: 'late', password: 'late-secret' }).admin();
    await again.connect();
    // Authenticated, but no ACL lets it see the cluster's ACLs.
    await expect(again.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 })).rejects.toThrow(/CLUSTER_AUTHORIZATION|authoriz/i);
    await again.disconnect();
  });

  it('cannot be added to a broker without SASL', async () => {
    const plain = await startBroker({ port: 0, log: () => {} });
    try {
      expect(() => plain.setSaslUser('x', 'y')).toThrow(/without SASL/);
    } finally {
      await plain.close();
    }
  });
});
