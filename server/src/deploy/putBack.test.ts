/**
 * Drift of a deployed topic, changed by a plain kafkajs client after the deploy, put back by a deploy
 * that a person chose it for: one AlterConfigs and one CreatePartitions counted at the embedded broker
 * over TCP, the live config restored, partitions that cannot be taken away left for "take the live
 * value", and the deployment recording the very plan the person reviewed.
 */
import { pipelineGraph, takeLiveValue, type Drift, type FlowGraph, type PutBack } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow, getFlow, saveFlow } from '../store/flows.ts';
import { startTestBed, users, type TestBed } from '../testing/harness.ts';
import { deployFlow, previewDeploy } from './deployEngine.ts';

const { ConfigResourceTypes } = kafkajs;

/** The demo pipeline whose orders topic asks for 3 partitions and a week's retention, and alerts for 2 partitions. */
function graphWithSettings(): FlowGraph {
  const graph = pipelineGraph();
  const settings: Record<string, { partitions: number; replicationFactor: number; config: Record<string, string> }> = {
    orders: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } },
    alerts: { partitions: 2, replicationFactor: 1, config: {} },
  };
  return { ...graph, nodes: graph.nodes.map((n) => (n.kind === 'topic' && settings[n.topic] ? { ...n, create: settings[n.topic] } : n)) };
}

function counts(bed: TestBed, names: readonly string[]): Record<string, number> {
  const all = bed.broker.requestCounts();
  return Object.fromEntries(names.map((n) => [n, all[n] ?? 0]));
}

async function liveConfig(bed: TestBed, topic: string): Promise<Record<string, string>> {
  const { resources } = await bed.admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }] });
  // Only what is set on the topic itself (configSource 1: a dynamic topic config).
  const entries = (resources[0]?.configEntries ?? []).filter((e) => (e as { configSource?: number }).configSource === 1);
  return Object.fromEntries(entries.map((e) => [e.configName, e.configValue]));
}

async function partitionsOf(bed: TestBed, topic: string): Promise<number> {
  const { topics } = await bed.admin.fetchTopicMetadata({ topics: [topic] });
  return topics[0]?.partitions.length ?? 0;
}

const requests = ['AlterConfigs', 'CreatePartitions', 'CreateTopics', 'CreateAcls', 'DeleteAcls'];

describe('putting drift back', () => {
  let bed: TestBed;
  let flowId: string;
  beforeAll(async () => {
    bed = await startTestBed();
    flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: graphWithSettings(), actor: 'max' })).id;
    expect((await deployFlow(bed.services, { flowId, revision: 1, actor: users.member })).status).toBe('deployed');
    // Someone changes the deployed topics with a plain client: a day's retention and an entry of their
    // own on orders, which also grows to 5 partitions; alerts is recreated with 1 partition.
    await bed.admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders', configEntries: [{ name: 'retention.ms', value: '86400000' }, { name: 'segment.ms', value: '3600000' }] }],
    });
    await bed.admin.createPartitions({ topicPartitions: [{ topic: 'orders', count: 5 }] });
    await bed.admin.deleteTopics({ topics: ['alerts'] });
    await bed.admin.createTopics({ waitForLeaders: true, topics: [{ topic: 'alerts', numPartitions: 1, replicationFactor: 1 }] });
  }, 60_000);
  afterAll(async () => bed?.close());

  const everything: PutBack[] = [
    { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms' },
    { kind: 'topic-partitions', connection: 'local', topic: 'orders' },
    { kind: 'topic-partitions', connection: 'local', topic: 'alerts' },
  ];

  it('shows the drift, and puts back what the person chose with one AlterConfigs and one CreatePartitions', async () => {
    const reviewed = await previewDeploy(bed.services, flowId, users.member, { review: true });
    expect(reviewed.plan.actions).toEqual([]);
    expect(reviewed.plan.drift).toEqual([
      { kind: 'topic-partitions', connection: 'local', topic: 'alerts', desired: 2, actual: 1 },
      { kind: 'topic-partitions', connection: 'local', topic: 'orders', desired: 3, actual: 5 },
      { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms', desired: '604800000', actual: '86400000' },
    ]);

    const chosen = await previewDeploy(bed.services, flowId, users.member, { review: true, putBack: everything });
    expect(chosen.plan.actions).toEqual([
      { kind: 'alter-topic-config', connection: 'local', topic: 'orders', config: { 'retention.ms': '604800000', 'segment.ms': '3600000' }, changes: [{ field: 'retention.ms', before: '86400000', after: '604800000' }] },
      { kind: 'add-partitions', connection: 'local', topic: 'alerts', partitions: 2, changes: [{ field: 'partitions', before: '1', after: '2' }] },
    ]);
    expect(chosen.plan.notes).toContain(
      'Topic "orders" on "Local Kafka" has 5 partitions and the flow asks for 3: Kafka cannot take partitions away from a topic, so this cannot be put back. Take the live value into the flow instead.',
    );

    const before = counts(bed, requests);
    const result = await deployFlow(bed.services, { flowId, revision: 1, actor: users.member, putBack: everything });
    expect(result.status).toBe('deployed');
    const after = counts(bed, requests);
    expect(Object.fromEntries(requests.map((r) => [r, (after[r] ?? 0) - (before[r] ?? 0)]))).toEqual({ AlterConfigs: 1, CreatePartitions: 1, CreateTopics: 0, CreateAcls: 0, DeleteAcls: 0 });
    // The deployment records the plan the person reviewed: its actions, its drift, its notes.
    if (result.status === 'deployed') expect(result.deployment.plan).toEqual(chosen.plan);

    expect(await liveConfig(bed, 'orders')).toEqual({ 'retention.ms': '604800000', 'segment.ms': '3600000' });
    expect(await partitionsOf(bed, 'alerts')).toBe(2);
    expect(await partitionsOf(bed, 'orders')).toBe(5);
  });

  it('takes the live partitions into the flow, and plans nothing after', async () => {
    const left = await previewDeploy(bed.services, flowId, users.member, { review: true, putBack: everything });
    expect(left.plan.actions).toEqual([]);
    const partitions = left.plan.drift.find((d): d is Extract<Drift, { kind: 'topic-partitions' }> => d.kind === 'topic-partitions');
    expect(left.plan.drift).toEqual([partitions]);
    const flow = await getFlow(bed.services.db, flowId);
    if (!flow || !partitions) throw new Error('no flow or no drift');
    await saveFlow(bed.services.db, { id: flowId, baseRevision: flow.revision, name: flow.name, description: '', graph: takeLiveValue(flow.graph, partitions), actor: 'max' });
    expect((await deployFlow(bed.services, { flowId, revision: flow.revision + 1, actor: users.member })).status).toBe('deployed');

    const again = await previewDeploy(bed.services, flowId, users.member, { review: true, putBack: everything });
    expect(again.plan.actions).toEqual([]);
    expect(again.plan.drift).toEqual([]);
    expect(again.plan.summary).toBe('Nothing to change: Kafka already matches this flow.');
  });
});
