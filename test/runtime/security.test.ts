import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aclsFor, userNameFor, type Acl, type PublishBinding } from '@event-flows/model';
import { startBroker, type RunningBroker } from '@event-flows/broker';
import { createRuntime, type BindingStatus, type Runtime } from '@event-flows/runtime';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type Kafka } from 'kafkajs';
import { countRecords, createTopics, eventually, kafkaAt, produce, subscribeBinding } from './runtimeHarness.ts';

const classify = userNameFor('acme/classify');
const users: Record<string, string> = { admin: 'admin-secret', [classify]: 'classify-secret' };
let broker: RunningBroker;
let admin: Kafka;
let runtime: Runtime;

/** The model's ACL entry in kafkajs terms. */
function kafkajsAcl(acl: Acl) {
  return {
    resourceType: acl.resourceType === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
    resourceName: acl.resourceName,
    resourcePatternType: ResourcePatternTypes.LITERAL,
    principal: acl.principal,
    host: acl.host,
    operation: acl.operation === 'read' ? AclOperationTypes.READ : AclOperationTypes.WRITE,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

beforeAll(async () => {
  // Only the admin exists at start; the algorithm's principal is provisioned while the broker runs, as the server does.
  broker = await startBroker({ port: 0, saslUsers: { admin: 'admin-secret' }, superUsers: ['admin'], autoCreateTopics: false, log: () => {} });
  broker.setSaslUser(classify, users[classify] as string);
  admin = kafkaAt(broker.address, { mechanism: 'plain', username: 'admin', password: 'admin-secret' });
});
afterAll(async () => {
  await runtime?.close({ drain: false });
  await broker?.close();
});

describe('with SASL and ACLs on', () => {
  it("runs a binding as its algorithm's principal, which can neither read nor write a topic its bindings do not name", { timeout: 90_000 }, async () => {
    await createTopics(admin, { 's.in': 1, 's.out': 1, 's.dlq': 1, 's.secret': 1 });
    const binding = subscribeBinding('acme/classify', 's.in', [], { dlq: { connection: 'local', topic: 's.dlq' } });
    const publishBinding: PublishBinding = {
      flowId: binding.flowId,
      algorithm: binding.algorithm,
      connection: 'local',
      topic: 's.out',
      direction: 'publish',
      version: binding.version,
      principal: binding.principal,
    };
    const acls = aclsFor([binding, publishBinding]);
    const ac = admin.admin();
    await ac.connect();
    await ac.createAcls({ acl: acls.map(kafkajsAcl) });

    runtime = createRuntime({
      connections: async () => ({ brokers: [broker.address] }),
      credentials: async (principal) => {
        const name = principal.replace(/^User:/, '');
        const password = users[name];
        return password ? { mechanism: 'plain', username: name, password } : undefined;
      },
      consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
      drainTimeoutMs: 1_000,
      recoveryBackoffMs: 500,
    });
    await runtime.reconcile([binding, publishBinding]);
    await produce(admin, 's.in', Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: JSON.stringify({ amount: i }) })));
    await produce(admin, 's.in', [{ key: 'bad', value: JSON.stringify({ amount: 'x' }) }]);
    expect(await eventually(async () => (await countRecords(admin, 's.out')) === 20 && (await countRecords(admin, 's.dlq')) === 1)).toBe(true);
    expect(runtime.status()[0]).toMatchObject({ state: 'running', published: 20, deadLettered: 1 });

    // The same principal, outside the runtime, cannot touch a topic its bindings do not name.
    const asClassify = kafkaAt(broker.address, { mechanism: 'plain', username: classify, password: users[classify] as string });
    const producer = asClassify.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    await expect(producer.send({ topic: 's.secret', messages: [{ value: 'leak' }] })).rejects.toThrow(/authoriz/i);
    await expect(producer.send({ topic: 's.in', messages: [{ value: 'not a publish topic' }] })).rejects.toThrow(/authoriz/i);
    await producer.disconnect();

    // A binding that names a topic without ACLs for it does not get to read it: it stands in an error state.
    await produce(admin, 's.secret', [{ key: 's', value: JSON.stringify({ amount: 1 }) }]);
    const sneaky = subscribeBinding('acme/classify', 's.secret', ['s.out'], { dlq: { connection: 'local', topic: 's.dlq' } });
    await runtime.reconcile([binding, publishBinding, sneaky]);
    const sneakyStatus = () => runtime.status().find((s) => s.topic === 's.secret');
    expect(await eventually(() => sneakyStatus()?.state === 'error')).toBe(true);
    expect(sneakyStatus()?.lastError?.message).toMatch(/authoriz/i);
    expect(sneakyStatus()?.consumed).toBe(0);
    expect(await countRecords(admin, 's.out')).toBe(20);
    await runtime.reconcile([binding, publishBinding]);

    // Revoking the DLQ's WRITE: the next failure cannot be dead-lettered, so nothing is committed and the binding errs.
    const dlqAcl = acls.find((a) => a.resourceName === 's.dlq');
    expect(dlqAcl).toBeDefined();
    await ac.deleteAcls({ filters: [kafkajsAcl(dlqAcl as Acl)] });
    const [before] = await ac.fetchOffsets({ groupId: binding.consumerGroup, topics: ['s.in'] });
    await produce(admin, 's.in', [{ key: 'bad2', value: JSON.stringify({ amount: 'y' }) }]);
    // Caught in the act: the binding keeps retrying on its own (see below), so take the status while it errs.
    let erring: BindingStatus | undefined;
    const caught = await eventually(() => {
      const status = runtime.status()[0];
      if (status?.state === 'error') erring = status;
      return erring !== undefined;
    }, 60_000, 50);
    expect(caught).toBe(true);
    expect(erring?.lastError).toMatchObject({ class: 'kafka', stage: 'dead-letter' });
    const [after] = await ac.fetchOffsets({ groupId: binding.consumerGroup, topics: ['s.in'] });
    expect(after?.partitions[0]?.offset).toBe(before?.partitions[0]?.offset);
    expect(before?.partitions[0]?.offset).toBe('21');

    // Restoring the ACL heals the binding by itself: it retries from its last commit and dead-letters the record.
    await ac.createAcls({ acl: [kafkajsAcl(dlqAcl as Acl)] });
    expect(await eventually(async () => (await countRecords(admin, 's.dlq')) === 2)).toBe(true);
    expect(await eventually(() => runtime.status()[0]?.state === 'running')).toBe(true);
    expect(
      await eventually(async () => {
        const [healed] = await ac.fetchOffsets({ groupId: binding.consumerGroup, topics: ['s.in'] });
        return healed?.partitions[0]?.offset === '22';
      }),
    ).toBe(true);
    await ac.disconnect();
  });

  it('starts a binding whose sign-in failed once its account exists, and one the ACLs refused once they are created, with no restart of the runtime', { timeout: 90_000 }, async () => {
    const enrich = userNameFor('acme/enrich');
    const passwords: Record<string, string> = { [classify]: users[classify] as string, [enrich]: 'enrich-secret' };
    await createTopics(admin, { 'late.in': 1, 'late.out': 1, 'bare.in': 1, 'bare.out': 1 });
    const late = subscribeBinding('acme/enrich', 'late.in', ['late.out']);
    const bare = subscribeBinding('acme/classify', 'bare.in', ['bare.out']);
    const publishes = [late, bare].map((b): PublishBinding => ({ ...b, direction: 'publish', topic: b.outputs[0]?.topic ?? '' }));
    const ac = admin.admin();
    await ac.connect();
    // enrich's ACLs are there, its account is not; classify has an account but no ACLs for this binding.
    await ac.createAcls({ acl: aclsFor([late, publishes[0] as PublishBinding]).map(kafkajsAcl) });
    const healing = createRuntime({
      connections: async () => ({ brokers: [broker.address] }),
      credentials: async (principal) => {
        const name = principal.replace(/^User:/, '');
        return { mechanism: 'plain', username: name, password: passwords[name] ?? '' };
      },
      consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1_000, maxWaitTimeMs: 100 },
      drainTimeoutMs: 1_000,
      recoveryBackoffMs: 500,
    });
    try {
      await healing.reconcile([late, bare, ...publishes]);
      const statusOf = (topic: string) => healing.status().find((s) => s.topic === topic);
      expect(await eventually(() => statusOf('late.in')?.state === 'error' && statusOf('bare.in')?.state === 'error', 20_000, 50)).toBe(true);
      await produce(admin, 'late.in', [{ key: 'o-1', value: JSON.stringify({ id: 'o-1', class: 'small' }) }]);
      await produce(admin, 'bare.in', [{ key: 'o-2', value: JSON.stringify({ id: 'o-2', amount: 5 }) }]);

      broker.setSaslUser(enrich, passwords[enrich] as string);
      await ac.createAcls({ acl: aclsFor([bare, publishes[1] as PublishBinding]).map(kafkajsAcl) });
      expect(await eventually(async () => (await countRecords(admin, 'late.out')) === 1, 30_000)).toBe(true);
      expect(await eventually(async () => (await countRecords(admin, 'bare.out')) === 1, 30_000)).toBe(true);
      expect(await eventually(() => statusOf('late.in')?.state === 'running' && statusOf('bare.in')?.state === 'running', 10_000)).toBe(true);
    } finally {
      await healing.close({ drain: false });
      await ac.disconnect();
    }
  });
});
