import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AclOperations,
  AclPermissionTypes,
  Admin,
  Consumer,
  Producer,
  ResourcePatternTypes,
  ResourceTypes,
  stringDeserializers,
  stringSerializers,
  type Message,
} from '@platformatic/kafka';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { eventually, platformaticOptions } from './clients.ts';

/**
 * @platformatic/kafka speaks only the versions of Kafka 3.5 and later (flexible versions, topic ids
 * in Fetch and Metadata); these tests drive the broker with it over TCP.
 */

let broker: RunningBroker;

beforeAll(async () => {
  broker = await startBroker({ port: 0, log: () => {} });
});
afterAll(async () => {
  await broker.close();
});

type StringMessage = Message<string, string, string, string>;

const producerAt = (address: string): Producer<string, string, string, string> =>
  new Producer({ ...platformaticOptions(address, 'conformance-producer'), serializers: stringSerializers, autocreateTopics: true });
const consumerAt = (address: string, groupId: string): Consumer<string, string, string, string> =>
  new Consumer({ ...platformaticOptions(address, 'conformance-consumer'), groupId, deserializers: stringDeserializers, maxWaitTime: 200 });

/** Reads from `stream` until `count` messages arrived (or 20 s passed); returns them in arrival order. */
async function take(stream: AsyncIterable<StringMessage>, count: number): Promise<StringMessage[]> {
  const got: StringMessage[] = [];
  if (count === 0) return got;
  for await (const message of stream) {
    got.push(message);
    if (got.length >= count) break;
  }
  return got;
}

describe('@platformatic/kafka against the broker', () => {
  it('produces and consumes every codec it has, on the flexible versions of Kafka 4', async () => {
    const admin = new Admin(platformaticOptions(broker.address, 'conformance-admin'));
    await admin.createTopics({ topics: ['codecs'], partitions: 1, replicas: 1 });
    await admin.close();

    // zstd needs node:zlib's zstd (Node 22.15+); on Node 20 the client has no zstd.
    const codecs = ['none', 'gzip', 'snappy', 'lz4'] as const;
    const producer = new Producer({ ...platformaticOptions(broker.address, 'conformance-producer'), serializers: stringSerializers, idempotent: true });
    for (const compression of codecs) {
      const messages = Array.from({ length: 5 }, (_, i) => ({ topic: 'codecs', key: `${compression}-${i}`, value: `${compression} record ${i}`, headers: new Map([['codec', compression]]) }));
      await producer.send({ messages, compression });
    }
    await producer.close();

    const consumer = consumerAt(broker.address, 'codecs-reader');
    const stream = await consumer.consume({ topics: ['codecs'], mode: 'earliest', autocommit: false });
    const received = await take(stream, 20);
    await stream.close();
    await consumer.close();

    expect(received.map((m) => m.value)).toEqual(codecs.flatMap((c) => Array.from({ length: 5 }, (_, i) => `${c} record ${i}`)));
    expect(received.map((m) => m.headers.get('codec'))).toEqual(codecs.flatMap((c) => Array<string>(5).fill(c)));
    expect(received.map((m) => Number(m.offset))).toEqual(Array.from({ length: 20 }, (_, i) => i));

    // What the client negotiated: the highest version both sides have, each a flexible one.
    const used = broker.requestVersions();
    expect({
      ApiVersions: used.ApiVersions,
      Metadata: used.Metadata,
      CreateTopics: used.CreateTopics,
      InitProducerId: used.InitProducerId,
      Produce: used.Produce,
      FindCoordinator: used.FindCoordinator,
      JoinGroup: used.JoinGroup,
      SyncGroup: used.SyncGroup,
      Fetch: used.Fetch,
    }).toEqual({
      ApiVersions: [3],
      Metadata: [12],
      CreateTopics: [7],
      InitProducerId: [5],
      Produce: [11],
      FindCoordinator: [6],
      JoinGroup: [9],
      SyncGroup: [5],
      Fetch: [17],
    });
  });

  it('shares two partitions between the two members of a group', async () => {
    const admin = new Admin(platformaticOptions(broker.address, 'conformance-admin'));
    await admin.createTopics({ topics: ['pair'], partitions: 2, replicas: 1 });
    await admin.close();

    const first = consumerAt(broker.address, 'pair-group');
    const second = consumerAt(broker.address, 'pair-group');
    const options = { topics: ['pair'], mode: 'earliest' as const, autocommit: false, sessionTimeout: 10_000, heartbeatInterval: 500 };
    const firstStream = await first.consume(options);
    const secondStream = await second.consume(options);
    const owned = (c: Consumer<string, string, string, string>): number[] => c.assignments?.flatMap((a) => a.partitions) ?? [];
    expect(await eventually(() => owned(first).length === 1 && owned(second).length === 1)).toBe(true);
    expect([...owned(first), ...owned(second)].sort()).toEqual([0, 1]);

    const producer = producerAt(broker.address);
    await producer.send({ messages: Array.from({ length: 10 }, (_, i) => ({ topic: 'pair', partition: i % 2, value: `pair ${i}` })) });
    await producer.close();

    const [fromFirst, fromSecond] = await Promise.all([take(firstStream, 5), take(secondStream, 5)]);
    await Promise.all([firstStream.close(), secondStream.close()]);
    await Promise.all([first.close(), second.close()]);

    expect(fromFirst.every((m) => m.partition === fromFirst[0]?.partition)).toBe(true);
    expect(fromSecond.every((m) => m.partition === fromSecond[0]?.partition)).toBe(true);
    expect(fromFirst[0]?.partition).not.toBe(fromSecond[0]?.partition);
    expect([...fromFirst, ...fromSecond].map((m) => m.value).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `pair ${i}`).sort());
    expect(broker.requestVersions().Heartbeat).toEqual([4]);
  });

  it('resumes after the offset it committed', async () => {
    const producer = producerAt(broker.address);
    await producer.send({ messages: Array.from({ length: 10 }, (_, i) => ({ topic: 'resume', value: `resume ${i}` })) });
    await producer.close();

    const reader = consumerAt(broker.address, 'resume-group');
    const stream = await reader.consume({ topics: ['resume'], mode: 'committed', fallbackMode: 'earliest', autocommit: false });
    const firstFour = await take(stream, 4);
    await firstFour[3]?.commit();
    await stream.close();
    await reader.close();

    const again = consumerAt(broker.address, 'resume-group');
    const committed = await again.listCommittedOffsets({ topics: [{ topic: 'resume', partitions: [0] }] });
    const resumed = await again.consume({ topics: ['resume'], mode: 'committed', fallbackMode: 'earliest', autocommit: false });
    const rest = await take(resumed, 6);
    await resumed.close();
    await again.close();

    expect(firstFour.map((m) => m.value)).toEqual(['resume 0', 'resume 1', 'resume 2', 'resume 3']);
    expect(committed.get('resume')).toEqual([4n]);
    expect(rest.map((m) => m.value)).toEqual(Array.from({ length: 6 }, (_, i) => `resume ${i + 4}`));
    const used = broker.requestVersions();
    expect({ OffsetCommit: used.OffsetCommit, OffsetFetch: used.OffsetFetch }).toEqual({ OffsetCommit: [9], OffsetFetch: [9] });
  });

  it('lists offsets by time, earliest, latest and the newest timestamp', async () => {
    const producer = producerAt(broker.address);
    for (const [i, timestamp] of [1_000n, 2_000n, 3_000n, 2_500n].entries()) {
      await producer.send({ messages: [{ topic: 'times', value: `at ${timestamp}`, timestamp }], compression: i % 2 === 0 ? 'gzip' : 'lz4' });
    }
    await producer.close();

    const consumer = consumerAt(broker.address, 'times-reader');
    const at = async (timestamp: bigint): Promise<{ offset: bigint; timestamp: bigint } | undefined> =>
      (await consumer.listOffsetsWithTimestamps({ topics: ['times'], timestamp })).get('times')?.get(0);
    expect(await at(500n)).toEqual({ offset: 0n, timestamp: 1_000n });
    expect(await at(1_500n)).toEqual({ offset: 1n, timestamp: 2_000n });
    expect(await at(2_200n)).toEqual({ offset: 2n, timestamp: 3_000n });
    expect(await at(3_000n)).toEqual({ offset: 2n, timestamp: 3_000n });
    expect(await at(3_001n)).toEqual({ offset: -1n, timestamp: -1n });
    expect((await at(-2n))?.offset).toBe(0n);
    expect((await at(-1n))?.offset).toBe(4n);
    // -3: the record with the newest timestamp (ListOffsets v7+).
    expect(await at(-3n)).toEqual({ offset: 2n, timestamp: 3_000n });
    await consumer.close();
    expect(broker.requestVersions().ListOffsets).toEqual([9]);
  });

  it('finds the exact record by time inside one compressed batch', async () => {
    const producer = producerAt(broker.address);
    for (const compression of ['gzip', 'snappy', 'lz4'] as const) {
      const topic = `times-in-${compression}`;
      // One send, one batch: three records with their own timestamps, compressed together.
      await producer.send({ messages: [10_000n, 20_000n, 30_000n].map((timestamp) => ({ topic, value: `at ${timestamp}`, timestamp })), compression });
      const consumer = consumerAt(broker.address, `${topic}-reader`);
      const at = async (timestamp: bigint) => (await consumer.listOffsetsWithTimestamps({ topics: [topic], timestamp })).get(topic)?.get(0);
      expect(await at(5_000n)).toEqual({ offset: 0n, timestamp: 10_000n });
      expect(await at(15_000n)).toEqual({ offset: 1n, timestamp: 20_000n });
      expect(await at(20_001n)).toEqual({ offset: 2n, timestamp: 30_000n });
      expect(await at(30_001n)).toEqual({ offset: -1n, timestamp: -1n });
      await consumer.close();
    }
    await producer.close();
  });
});

describe('@platformatic/kafka with SASL and ACLs', () => {
  let secured: RunningBroker;
  const users = { admin: 'admin-secret', alice: 'alice-secret' };
  // Every mechanism the broker offers.
  const mechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

  beforeAll(async () => {
    secured = await startBroker({ port: 0, saslUsers: users, superUsers: ['admin'], log: () => {} });
  });
  afterAll(async () => {
    await secured.close();
  });

  for (const mechanism of mechanisms) {
    it(`signs in with ${mechanism}, writes where an ACL allows it and is refused elsewhere`, async () => {
      const asAdmin = { mechanism, username: 'admin', password: users.admin };
      const asAlice = { mechanism, username: 'alice', password: users.alice };
      const admin = new Admin({ ...platformaticOptions(secured.address, 'conformance-admin'), sasl: asAdmin });
      await admin.createTopics({ topics: [`granted-${mechanism}`, `refused-${mechanism}`], partitions: 1, replicas: 1 });
      const acl = {
        resourceType: ResourceTypes.TOPIC,
        resourceName: `granted-${mechanism}`,
        resourcePatternType: ResourcePatternTypes.LITERAL,
        principal: 'User:alice',
        host: '*',
        permissionType: AclPermissionTypes.ALLOW,
      };
      await admin.createAcls({ creations: [{ ...acl, operation: AclOperations.WRITE }] });
      const described = await admin.describeAcls({ filter: { ...acl, operation: AclOperations.ANY } });
      await admin.close();
      expect(described.flatMap((r) => r.acls.map((a) => [r.resourceName, a.principal, a.operation]))).toEqual([[`granted-${mechanism}`, 'User:alice', AclOperations.WRITE]]);

      const alice = new Producer({ ...platformaticOptions(secured.address, 'conformance-alice'), sasl: asAlice, serializers: stringSerializers, retries: 0 });
      const sent = await alice.send({ messages: [{ topic: `granted-${mechanism}`, value: 'allowed' }] });
      expect(sent.offsets?.[0]?.offset).toBe(0n);
      const refused = await alice.send({ messages: [{ topic: `refused-${mechanism}`, value: 'refused' }] }).then(
        () => 'sent',
        (error: unknown) => JSON.stringify(error, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      );
      await alice.close();
      // The client asks for the topic's metadata first, and Kafka (like this broker) refuses it there.

      expect(refused).toContain('"errorCode":29');

      const impostor = new Admin({ ...platformaticOptions(secured.address, 'conformance-impostor'), sasl: { ...asAlice, password: 'wrong' }, retries: 0 });
      const signIn = await impostor.metadata({ topics: [] }).then(
        () => 'signed in',
        (error: unknown) => String((error as Error).message) + JSON.stringify(error),
      );
      await impostor.close();
      expect(signIn).toMatch(/SASL|authentication/i);
      expect(secured.requestVersions().SaslAuthenticate).toEqual([2]);
      expect(secured.requestVersions().CreateAcls).toEqual([3]);
    });
  }
});
