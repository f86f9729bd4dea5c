/**
 * The plan review's extra reads, against the embedded broker over TCP: who else uses each topic the
 * plan touches (another flow's bindings, a consumer group's committed offsets) and a topic config
 * changed on the cluster behind the flow's back.
 */
import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import kafkajs from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { startTestBed, users, type TestBed } from '../testing/harness.ts';
import { deployFlow, previewDeploy } from './deployEngine.ts';

const { ConfigResourceTypes } = kafkajs;

/** A second flow: enrich reads orders (which it asks to keep for a week) and writes alerts. */
function auditGraph(): FlowGraph {
  return {
    nodes: [
      { id: 't-in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders', create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } } },
      { id: 'a', kind: 'algorithm', position: { x: 300, y: 0 }, algorithm: 'acme/enrich', version: '1.0.0' },
      { id: 't-out', kind: 'topic', position: { x: 600, y: 0 }, connection: 'local', topic: 'alerts' },
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 't-in', target: 'a' },
      { id: 'e2', kind: 'publish', source: 'a', target: 't-out' },
    ],
  };
}

describe('the plan review names who else uses a topic, and config drift', () => {
  let bed: TestBed;
  beforeAll(async () => {
    bed = await startTestBed();
    const orders = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'ada' });
    expect((await deployFlow(bed.services, { flowId: orders.id, revision: 1, actor: users.admin })).status).toBe('deployed');
    await bed.admin.setOffsets({ groupId: 'billing', topic: 'orders', partitions: [{ partition: 0, offset: '0' }] });
    await bed.admin.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders', configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
  });
  afterAll(async () => bed?.close());

  it('carries, per touched topic, the other flows and consumer groups, and the live config that differs', async () => {
    const audit = await createFlow(bed.services.db, { orgId: 'acme', name: 'Audit', description: '', graph: auditGraph(), actor: 'ada' });
    const { plan } = await previewDeploy(bed.services, audit.id, users.admin, { review: true });
    const orders = plan.alsoAffects?.find((u) => u.topic === 'orders');
    expect(orders?.flows).toEqual(['Orders']);
    expect(orders?.consumerGroups).toContain('billing');
    expect(plan.drift).toContainEqual({ kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms', desired: '604800000', actual: '86400000' });
  });

  it('leaves the deploy path without the review reads', async () => {
    const audit = await createFlow(bed.services.db, { orgId: 'acme', name: 'Audit 2', description: '', graph: auditGraph(), actor: 'ada' });
    const { plan } = await previewDeploy(bed.services, audit.id, users.admin);
    expect(plan.alsoAffects).toBeUndefined();
  });
});
