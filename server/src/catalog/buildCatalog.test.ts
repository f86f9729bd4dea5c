/**
 * The catalog tells the editor what a new topic starts with on each connection (the broker's own
 * defaults, asked with DescribeConfigs) and which topics the org's saved flows name that the
 * cluster does not have yet, so the palette can offer them.
 */
import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { startTestBed, type TestBed } from '../testing/harness.ts';
import { buildCatalog } from './buildCatalog.ts';

let bed: TestBed;
beforeAll(async () => {
  bed = await startTestBed();
  await bed.admin.createTopics({ topics: [{ topic: 'orders', numPartitions: 1 }] });
}, 60_000);
afterAll(async () => bed?.close());

function topicsGraph(...topics: string[]): FlowGraph {
  return {
    nodes: topics.map((topic, i) => ({ id: `t${i}`, kind: 'topic' as const, position: { x: 0, y: i * 100 }, connection: 'local', topic })),
    edges: [],
  };
}

describe('the catalog of a connection', () => {
  it("carries the broker's defaults for new topics", async () => {
    const { catalog } = await buildCatalog(bed.services, 'acme');
    expect(catalog.connections.find((c) => c.id === 'local')?.defaults).toEqual({ partitions: 1, replicationFactor: 1, retentionMs: 604_800_000 });
  });

  it("lists the topics the org's flows name that do not exist yet, once each, with a flow naming them", async () => {
    await createFlow(bed.services.db, { orgId: 'acme', name: 'Payments', description: '', graph: topicsGraph('payments', 'orders', 'payments'), actor: 'max' });
    await createFlow(bed.services.db, { orgId: 'globex', name: 'Secret', description: '', graph: topicsGraph('globex.only'), actor: 'gus' });
    await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    const { catalog } = await buildCatalog(bed.services, 'acme');
    const planned = catalog.connections.find((c) => c.id === 'local')?.plannedTopics ?? [];
    expect(planned.filter((p) => p.name === 'payments')).toEqual([{ name: 'payments', flow: 'Payments' }]);
    // 'orders' exists; another org's flows are not this org's business.
    expect(planned.map((p) => p.name)).not.toContain('orders');
    expect(planned.map((p) => p.name)).not.toContain('globex.only');
    expect(planned.map((p) => p.name)).toContain('orders.classified');
  });
});
