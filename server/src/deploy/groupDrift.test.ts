/**
 * Consumer-group drift over TCP: a plain kafkajs consumer that is not the studio's runtime joins a
 * deployed subscription's group, and the group has offsets committed on a topic the binding does not
 * read. The review and `flows.drift` report both, field by field; nothing is put back (report only).
 */
import { pipelineGraph } from '@event-flows/model';
import kafkajs, { type Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../api/appRouter.ts';
import { createContext } from '../api/context.ts';
import { createFlow } from '../store/flows.ts';
import { startTestBed, users, type TestBed } from '../testing/harness.ts';
import { tokens } from '../testing/httpBed.ts';
import { deployFlow, previewDeploy } from './deployEngine.ts';

const { Kafka, logLevel } = kafkajs;
const group = 'eventflows.acme.classify.orders';
const binding = { algorithm: 'acme/classify', connection: 'local', topic: 'orders', direction: 'subscribe' } as const;

describe("a deployed subscription's consumer group", () => {
  let bed: TestBed;
  let flowId: string;
  let foreign: Consumer;
  beforeAll(async () => {
    bed = await startTestBed();
    flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
    expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
    // Offsets on a topic the binding never read, committed while the group is empty.
    await bed.admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'orders.legacy', numPartitions: 1, replicationFactor: 1 }] });
    await bed.admin.setOffsets({ groupId: group, topic: 'orders.legacy', partitions: [{ partition: 0, offset: '0' }] });
    // Someone else's application consumes with the binding's group id.
    const kafka = new Kafka({ clientId: 'reporting-app', brokers: [bed.broker.address], logLevel: logLevel.NOTHING, sasl: { mechanism: 'plain', username: 'admin', password: 'admin-secret' } });
    foreign = kafka.consumer({ groupId: group });
    const joined = new Promise<void>((resolve) => foreign.on(foreign.events.GROUP_JOIN, () => resolve()));
    await foreign.connect();
    await foreign.subscribe({ topics: ['orders'] });
    await foreign.run({ eachMessage: async () => undefined });
    await joined;
  }, 60_000);
  afterAll(async () => {
    await foreign?.disconnect();
    await bed?.close();
  });

  it('shows the foreign member and the stale offsets as drift, and plans nothing for them', async () => {
    const before = bed.broker.requestCounts();
    const reviewed = await previewDeploy(bed.services, flowId, users.member, { review: true });
    const groupDrift = reviewed.plan.drift.filter((d) => d.kind === 'group-foreign-members' || d.kind === 'group-stale-offsets');
    expect(groupDrift).toEqual([
      { kind: 'group-foreign-members', connection: 'local', groupId: group, binding, members: [{ clientId: 'reporting-app', clientHost: expect.any(String) }] },
      { kind: 'group-stale-offsets', connection: 'local', groupId: group, binding, topics: ['orders.legacy'] },
    ]);
    expect(reviewed.plan.actions).toEqual([]);
    const after = bed.broker.requestCounts();
    for (const api of ['CreateTopics', 'CreateAcls', 'DeleteAcls', 'AlterConfigs', 'CreatePartitions', 'OffsetDelete', 'DeleteGroups']) expect(after[api] ?? 0).toBe(before[api] ?? 0);
  });

  it('reports the same through flows.drift to a viewer, for the deployed revision', async () => {
    const viewer = appRouter.createCaller(await createContext(bed.services, `Bearer ${tokens.viewer}`));
    const answer = await viewer.flows.drift({ id: flowId });
    expect(answer.deployedRevision).toBe(1);
    expect(answer.drift.map((d) => d.kind)).toEqual(['group-foreign-members', 'group-stale-offsets']);
  });

  it('no longer reports the member once it has left', async () => {
    await foreign.disconnect();
    const reviewed = await previewDeploy(bed.services, flowId, users.member, { review: true });
    expect(reviewed.plan.drift.map((d) => d.kind)).toEqual(['group-stale-offsets']);
  });
});
