/**
 * Discover against the embedded broker over TCP, with topics, ACLs and groups made by a plain kafkajs
 * client (not by the studio), on PGlite (and PostgreSQL when DATABASE_URL is set): what the studio did
 * not make shows as unmanaged, a deployed flow's topics as managed by it, a change made behind its back
 * as drifted with the field named; a member sees what the org's grants cover; the scan's request count
 * does not grow with the cluster.
 */
import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import kafkajs, { type Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { deployFlow } from '../deploy/deployEngine.ts';
import { upsertConnection } from '../store/connections.ts';
import { createFlow } from '../store/flows.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { allowAcl, startTestBed, users, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';

const { AclOperationTypes, AclResourceTypes, logLevel } = kafkajs;

/** The demo pipeline, its input topic `orders` saying how to create it (3 partitions, a week's retention). */
function pipelineWithSettings(): FlowGraph {
  const graph = pipelineGraph();
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.kind === 'topic' && n.topic === 'orders' ? { ...n, create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } } } : n,
    ),
  };
}

/** A plain kafkajs client of the bed's broker, as the cluster's own admin (not the studio). */
function outsider(bed: TestBed): Kafka {
  return new kafkajs.Kafka({ clientId: 'outsider', brokers: [bed.broker.address], logLevel: logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
}

async function callerFor(bed: TestBed, token: string) {
  return appRouter.createCaller(await createContext(bed.services, `Bearer ${token}`));
}

const topicAcl = (principal: string, topic: string, operation: number) => allowAcl(principal, AclResourceTypes.TOPIC, topic, operation);

describe.each(testDatabases())('discover on $name', (database) => {
  let db: TestDb;
  let bed: TestBed;
  let flowId: string;
  beforeAll(async () => {
    db = await database.open();
    bed = await startTestBed({ db });
    // What was there before the studio: a topic with a config of its own, an ACL, a group with lag.
    const kafka = outsider(bed);
    await bed.admin.createTopics({ topics: [{ topic: 'legacy.payments', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    await bed.admin.createAcls({ acl: [topicAcl('User:ops', 'legacy.payments', AclOperationTypes.READ)] });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'legacy.payments', messages: [1, 2, 3, 4, 5].map((n) => ({ value: `payment ${n}`, partition: 0 })) });
    await producer.disconnect();
    await bed.admin.setOffsets({ groupId: 'legacy-reader', topic: 'legacy.payments', partitions: [{ partition: 0, offset: '2' }] });
    flowId = (await createFlow(db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineWithSettings(), actor: 'ada' })).id;
    const deployed = await deployFlow(bed.services, { flowId, revision: 1, actor: users.admin });
    expect(deployed.status).toBe('deployed');
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await db?.close();
  });

  it('shows topics, ACLs and groups the studio did not make as unmanaged, with their settings and lag', async () => {
    const admin = await callerFor(bed, tokens.admin);
    const topics = await admin.discover.topics({ connection: 'local', search: 'legacy' });
    expect(topics.items).toEqual([
      { name: 'legacy.payments', status: 'unmanaged', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '86400000' }, managedBy: [], drift: [] },
    ]);
    const acls = await admin.discover.acls({ connection: 'local', search: 'User:ops' });
    expect(acls.items).toEqual([
      {
        name: 'User:ops',
        status: 'unmanaged',
        acls: [{ resourceType: 'topic', resourceName: 'legacy.payments', patternType: 'literal', operation: 'read', permission: 'allow', host: '*', status: 'unmanaged', managedBy: [] }],
        managedBy: [],
        drift: [],
      },
    ]);
    const groups = await admin.discover.groups({ connection: 'local', search: 'legacy' });
    expect(groups.items).toEqual([
      expect.objectContaining({
        name: 'legacy-reader',
        status: 'unmanaged',
        state: 'Empty',
        members: [],
        lag: [{ topic: 'legacy.payments', partition: 0, committed: 2, end: 5, lag: 3 }],
        totalLag: 3,
      }),
    ]);
  });

  it('shows a running group with its state and members', async () => {
    const consumer = outsider(bed).consumer({ groupId: 'live-reader' });
    await consumer.connect();
    await consumer.subscribe({ topics: ['legacy.payments'], fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async () => undefined });
    await joined;
    try {
      const admin = await callerFor(bed, tokens.admin);
      const groups = await admin.discover.groups({ connection: 'local', search: 'live-reader', rescan: true });
      expect(groups.items).toEqual([
        expect.objectContaining({ name: 'live-reader', status: 'unmanaged', state: 'Stable', protocolType: 'consumer', members: [expect.objectContaining({ clientId: 'outsider' })] }),
      ]);
    } finally {
      await consumer.disconnect();
    }
  });

  it("shows a deployed flow's topics and ACLs as managed by that flow", async () => {
    const admin = await callerFor(bed, tokens.admin);
    const topics = await admin.discover.topics({ connection: 'local', search: 'orders.' });
    expect(topics.items.map((t) => [t.name, t.status, t.managedBy])).toEqual([
      ['orders.classified', 'managed', [{ flowId, flowName: 'Orders' }]],
      ['orders.dlq', 'managed', [{ flowId, flowName: 'Orders' }]],
      ['orders.enriched', 'managed', [{ flowId, flowName: 'Orders' }]],
    ]);
    const acls = await admin.discover.acls({ connection: 'local', search: 'eventflows.acme.classify' });
    expect(acls.items).toHaveLength(1);
    expect(acls.items[0]).toMatchObject({ name: 'User:eventflows.acme.classify', status: 'managed', managedBy: [{ flowId, flowName: 'Orders' }] });
    expect(acls.items[0]?.acls.every((a) => a.status === 'managed')).toBe(true);
    const counts = await admin.discover.topics({ connection: 'local' });
    expect(counts.counts).toEqual({ managed: 5, unmanaged: 1, drifted: 0, adopted: 0, 'left-alone': 0 });
  });

  it('shows a topic changed behind the studio\'s back as drifted, naming the field', async () => {
    await bed.admin.createPartitions({ topicPartitions: [{ topic: 'orders', count: 5 }] });
    await bed.admin.alterConfigs({ resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: 'orders', configEntries: [{ name: 'retention.ms', value: '86400000' }, { name: 'cleanup.policy', value: 'compact' }] }], validateOnly: false });
    await bed.admin.deleteAcls({ filters: [topicAcl('User:eventflows.acme.alert', 'alerts', AclOperationTypes.WRITE)] });
    const admin = await callerFor(bed, tokens.admin);
    const drifted = await admin.discover.topics({ connection: 'local', status: 'drifted', rescan: true });
    expect(drifted.items.map((t) => [t.name, t.drift])).toEqual([
      [
        'orders',
        [
          { field: 'partitions', wanted: '3', live: '5', flowName: 'Orders' },
          { field: 'config cleanup.policy', wanted: '(default)', live: 'compact', flowName: 'Orders' },
          { field: 'config retention.ms', wanted: '604800000', live: '86400000', flowName: 'Orders' },
        ],
      ],
    ]);
    const acls = await admin.discover.acls({ connection: 'local', status: 'drifted' });
    expect(acls.items.map((p) => [p.name, p.drift])).toEqual([
      ['User:eventflows.acme.alert', [{ field: 'acl', wanted: 'allow write on topic alerts', live: 'missing', flowName: 'Orders' }]],
    ]);
    expect(acls.items[0]?.acls.find((a) => a.status === 'missing')).toMatchObject({ resourceType: 'topic', resourceName: 'alerts', operation: 'write' });
  });

  it("shows a member only what the org's grants on the connection cover", async () => {
    const member = await callerFor(bed, tokens.member);
    const topics = await member.discover.topics({ connection: 'local' });
    expect(topics.items.map((t) => t.name)).toEqual(['alerts', 'orders', 'orders.classified', 'orders.dlq', 'orders.enriched']);
    const acls = await member.discover.acls({ connection: 'local' });
    expect(acls.items.map((p) => p.name)).toEqual(['User:eventflows.acme.alert', 'User:eventflows.acme.classify', 'User:eventflows.acme.enrich']);
    const groups = await member.discover.groups({ connection: 'local' });
    expect(groups.items.map((g) => g.name)).not.toContain('legacy-reader');
    // Another org's member sees nothing of acme's.
    const other = await callerFor(bed, tokens.otherMember);
    const theirs = await other.discover.topics({ connection: 'local' });
    expect(theirs.items).toEqual([]);
  });

  it('pages through the items in name order', async () => {
    const admin = await callerFor(bed, tokens.admin);
    const first = await admin.discover.topics({ connection: 'local', limit: 4 });
    expect(first.items.map((t) => t.name)).toEqual(['alerts', 'legacy.payments', 'orders', 'orders.classified']);
    expect(first.nextCursor).toBe('orders.classified');
    const second = await admin.discover.topics({ connection: 'local', limit: 4, cursor: first.nextCursor ?? '' });
    expect(second.items.map((t) => t.name)).toEqual(['orders.dlq', 'orders.enriched']);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses an unknown connection and a limit above the schema\'s, each with a sentence', async () => {
    const admin = await callerFor(bed, tokens.admin);
    await expect(admin.discover.topics({ connection: 'nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no connection "nowhere".' });
    await expect(admin.discover.topics({ connection: 'local', limit: 501 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('never answers with the connection\'s password', async () => {
    const admin = await callerFor(bed, tokens.admin);
    const answers = [await admin.discover.topics({ connection: 'local' }), await admin.discover.acls({ connection: 'local' }), await admin.discover.groups({ connection: 'local' })];
    expect(JSON.stringify(answers)).not.toContain('admin-secret');
  });
});

describe('the scan is batched', () => {
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed({ grants: false });
  }, 60_000);
  afterAll(async () => bed?.close());

  /** The admin requests one scan sent, by API. */
  async function requestsOfOneScan(): Promise<Record<string, number>> {
    const before = bed.broker.requestCounts();
    const admin = await callerFor(bed, tokens.admin);
    await admin.discover.groups({ connection: 'local', rescan: true });
    const after = bed.broker.requestCounts();
    return Object.fromEntries(Object.entries(after).flatMap(([api, n]) => (n - (before[api] ?? 0) > 0 ? [[api, n - (before[api] ?? 0)]] : [])));
  }

  /**
   * Adds `n` topics and an ACL on each, and a group with a committed offset on each of the first
   * `groups` (kafkajs commits an offset for an admin by joining the group, which takes a while).
   */
  async function grow(from: number, n: number, groups: number): Promise<void> {
    const names = Array.from({ length: n }, (_, i) => `bulk.${String(from + i).padStart(4, '0')}`);
    await bed.admin.createTopics({ topics: names.map((topic) => ({ topic, numPartitions: 2 })) });
    await bed.admin.createAcls({ acl: names.map((topic) => topicAcl('User:bulk', topic, AclOperationTypes.READ)) });
    await Promise.all(names.slice(0, groups).map((topic) => bed.admin.setOffsets({ groupId: `group.${topic}`, topic, partitions: [{ partition: 1, offset: '0' }] })));
  }

  it('sends the same requests for 5 topics, ACLs and groups as for 205 topics and ACLs and 25 groups', async () => {
    await grow(0, 5, 5);
    const small = await requestsOfOneScan();
    await grow(5, 200, 20);
    const large = await requestsOfOneScan();
    console.log('requests of one scan, 5 topics, ACLs and groups:', JSON.stringify(small));
    console.log('requests of one scan, 205 topics and ACLs, 25 groups:', JSON.stringify(large));
    expect(large).toEqual(small);
    expect(large).toMatchObject({ DescribeConfigs: 1, DescribeAcls: 1, ListGroups: 1, DescribeGroups: 1, OffsetFetch: 1, ListOffsets: 1 });
    expect(large.FindCoordinator ?? 0).toBe(0);
  }, 120_000);
});

describe('a cluster without an authorizer, and one that does not answer', () => {
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed({ authorizer: false, grants: false });
    // Nothing listens there: a port of this worktree's range that no test opens.
    await upsertConnection(bed.services.db, bed.services.secrets, { id: 'gone', name: 'Gone Kafka', bootstrap: ['127.0.0.1:21399'], auth: { mechanism: 'none' }, tls: { enabled: false } }, 'create');
  }, 60_000);
  afterAll(async () => bed?.close());

  it('says the cluster has no authorizer and lists no ACLs, but its topics', async () => {
    await bed.admin.createTopics({ topics: [{ topic: 'plain', numPartitions: 1 }] });
    const admin = await callerFor(bed, tokens.admin);
    const acls = await admin.discover.acls({ connection: 'local' });
    expect(acls).toMatchObject({ authorizer: false, items: [] });
    expect((await admin.discover.topics({ connection: 'local' })).items.map((t) => t.name)).toEqual(['plain']);
  });

  it('refuses a cluster that does not answer with a sentence naming it', async () => {
    const admin = await callerFor(bed, tokens.admin);
    await expect(admin.discover.topics({ connection: 'gone' })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringMatching(/^Kafka connection 'Gone Kafka' (could not be read|did not answer).*Try again once it answers/),
    });
  }, 30_000);
});
