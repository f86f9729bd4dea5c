import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import type { SASLOptions } from 'kafkajs';
import { kafkaAt, kcat } from './clients.ts';

/** Each SASL mechanism the broker serves, as kafkajs and librdkafka spell it. */
const mechanisms = [
  { kafkajs: 'plain', librdkafka: 'PLAIN' },
  { kafkajs: 'scram-sha-256', librdkafka: 'SCRAM-SHA-256' },
  { kafkajs: 'scram-sha-512', librdkafka: 'SCRAM-SHA-512' },
] as const;

const users = { ops: 'ops-secret', app: 'app s3cret,=with odd chars', stranger: 'stranger-secret' };
let broker: RunningBroker;

beforeAll(async () => {
  broker = await startBroker({ port: 0, saslUsers: users, superUsers: ['ops'], log: () => {} });
  const admin = kafkaAt(broker.address, { mechanism: 'plain', username: 'ops', password: users.ops }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'granted' }, { topic: 'withheld' }] });
  // TOPIC 2, LITERAL 3, WRITE 4 / READ 3, ALLOW 3; GROUP 3.
  const allow = (resourceType: number, resourceName: string, operation: number) => ({
    resourceType,
    resourceName,
    resourcePatternType: 3,
    principal: 'User:app',
    host: '*',
    operation,
    permissionType: 3,
  });
  await admin.createAcls({ acl: [allow(2, 'granted', 4), allow(2, 'granted', 3), allow(3, 'app-readers', 3)] });
  await admin.disconnect();
});
afterAll(async () => {
  await broker.close();
});

describe.each(mechanisms)('SASL $librdkafka', (mechanism) => {
  const kafkajsAs = (username: string, password: string) =>
    kafkaAt(broker.address, { mechanism: mechanism.kafkajs, username, password } as SASLOptions);
  const kcatAs = (username: string, password: string): string[] => [
    '-b',
    broker.address,
    '-X',
    'security.protocol=SASL_PLAINTEXT',
    '-X',
    `sasl.mechanisms=${mechanism.librdkafka}`,
    '-X',
    `sasl.username=${username}`,
    '-X',
    `sasl.password=${password}`,
  ];

  it('signs kafkajs in, and its ACLs allow and refuse', async () => {
    const producer = kafkajsAs('app', users.app).producer();
    await producer.connect();
    const acks = await producer.send({ topic: 'granted', messages: [{ value: `kafkajs ${mechanism.kafkajs}` }] });
    expect(acks[0]?.errorCode).toBe(0);
    await expect(producer.send({ topic: 'withheld', messages: [{ value: 'no' }] })).rejects.toThrow(/authoriz/i);
    await producer.disconnect();
  });

  it('refuses kafkajs with a wrong password, and a user it does not know', async () => {
    const wrong = kafkajsAs('app', 'guess').producer();
    await expect(wrong.connect()).rejects.toThrow(/SASL .*authentication failed|Authentication failed/i);
    const unknown = kafkajsAs('nobody', 'guess').producer();
    await expect(unknown.connect()).rejects.toThrow(/SASL .*authentication failed|Authentication failed/i);
  });

  it('signs kcat (librdkafka) in, and its ACLs allow and refuse', async () => {
    const produced = await kcat([...kcatAs('app', users.app), '-P', '-t', 'granted'], `kcat ${mechanism.librdkafka}\n`);
    expect(produced.stderr).toBe('');
    expect(produced.code).toBe(0);
    const refused = await kcat([...kcatAs('app', users.app), '-P', '-t', 'withheld'], 'no\n');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Topic authorization failed/i);
    const readBack = await kcat([...kcatAs('app', users.app), '-C', '-t', 'granted', '-o', 'beginning', '-e', '-f', '%s\n']);
    expect(readBack.code).toBe(0);
    expect(readBack.stdout).toContain(`kcat ${mechanism.librdkafka}`);
  });

  it('refuses kcat with a wrong password', async () => {
    const wrong = await kcat([...kcatAs('app', 'guess'), '-L', '-m', '5'], undefined, 15_000);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Authentication failed/i);
  });
});

describe('a broker without an authorizer', () => {
  it('answers SECURITY_DISABLED to every ACL request when started without SASL users', async () => {
    const plain = await startBroker({ port: 0, log: () => {} });
    const admin = kafkaAt(plain.address).admin();
    try {
      await admin.connect();
      const acl = { resourceType: 2, resourceName: 'x', resourcePatternType: 3, principal: 'User:app', host: '*', operation: 3, permissionType: 3 };
      await expect(admin.createAcls({ acl: [acl] })).rejects.toMatchObject({ type: 'SECURITY_DISABLED' });
      await expect(admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 })).rejects.toMatchObject({ type: 'SECURITY_DISABLED' });
      await expect(admin.deleteAcls({ filters: [acl] })).rejects.toMatchObject({ type: 'SECURITY_DISABLED' });
    } finally {
      await admin.disconnect();
      await plain.close();
    }
  });

  it('has one when asked for, and enforces its ACLs on anonymous clients', async () => {
    const guarded = await startBroker({ port: 0, authorizer: true, log: () => {} });
    const admin = kafkaAt(guarded.address).admin();
    try {
      await admin.connect();
      await expect(admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 })).rejects.toMatchObject({
        type: 'CLUSTER_AUTHORIZATION_FAILED',
      });
      const produced = await kcat(['-b', guarded.address, '-P', '-t', 'anything'], 'no\n');
      expect(produced.code).not.toBe(0);
      expect(produced.stderr).toMatch(/authorization failed/i);
    } finally {
      await admin.disconnect();
      await guarded.close();
    }
  });
});

describe('a broker that leaves APIs out', () => {
  it('does not advertise them, and closes a connection that uses one', async () => {
    const restricted = await startBroker({ port: 0, leaveOutApis: ['DescribeAcls', 'CreateAcls', 'DeleteAcls'], log: () => {} });
    const admin = kafkaAt(restricted.address).admin();
    try {
      await admin.connect();
      expect((await admin.describeCluster()).brokers).toHaveLength(1);
      await expect(admin.describeAcls({ resourceType: 1, resourcePatternType: 1, operation: 1, permissionType: 1 })).rejects.toMatchObject({
        name: 'KafkaJSServerDoesNotSupportApiKey',
        apiName: 'DescribeAcls',
      });
      // librdkafka still reads metadata over the APIs that are left.
      const listed = await kcat(['-b', restricted.address, '-L']);
      expect(listed.code).toBe(0);
    } finally {
      await admin.disconnect();
      await restricted.close();
    }
  });

  it('refuses to leave out an API it does not know, or ApiVersions', async () => {
    await expect(startBroker({ port: 0, leaveOutApis: ['DescribeAclz'], log: () => {} })).rejects.toThrow(/unknown API "DescribeAclz"/);
    await expect(startBroker({ port: 0, leaveOutApis: ['ApiVersions'], log: () => {} })).rejects.toThrow(/ApiVersions cannot be left out/);
  });
});
