/**
 * Applying a large flow sends a number of admin requests that does not grow with its size:
 * one CreateTopics and one CreateAcls per connection, whether for 10 topics or 1,000.
 */
import type { CatalogAlgorithm, FlowEdge, FlowGraph, FlowNode } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { demoConfig } from '../platform/demoConfig.ts';
import { createFlow } from '../store/flows.ts';
import { startTestBed, users } from '../testing/harness.ts';
import { deployFlow } from './deployEngine.ts';

/** `algorithms` stages, each subscribing to its own input, publishing to its own output, with a shared DLQ: 2 topics and 4 ACLs per stage. */
function stages(algorithms: number): { graph: FlowGraph; catalog: CatalogAlgorithm[] } {
  const nodes: FlowNode[] = [{ id: 'dead', kind: 'topic', position: { x: 0, y: -200 }, connection: 'local', topic: 'scale.dead' }];
  const edges: FlowEdge[] = [];
  const catalog: CatalogAlgorithm[] = [];
  for (let i = 0; i < algorithms; i++) {
    catalog.push({ ref: `acme/stage-${i}`, org: 'acme', name: `stage-${i}`, published: true, versions: [{ version: '1.0.0', published: true }] });
    nodes.push(
      { id: `in${i}`, kind: 'topic', position: { x: 0, y: i * 100 }, connection: 'local', topic: `scale.${i}.in` },
      { id: `a${i}`, kind: 'algorithm', position: { x: 200, y: i * 100 }, algorithm: `acme/stage-${i}`, version: '1.0.0' },
      { id: `out${i}`, kind: 'topic', position: { x: 400, y: i * 100 }, connection: 'local', topic: `scale.${i}.out` },
    );
    edges.push(
      { id: `s${i}`, kind: 'subscribe', source: `in${i}`, target: `a${i}` },
      { id: `p${i}`, kind: 'publish', source: `a${i}`, target: `out${i}` },
      { id: `d${i}`, kind: 'dlq', source: `a${i}`, target: 'dead' },
    );
  }
  return { graph: { nodes, edges }, catalog };
}

async function deployAndCount(algorithms: number) {
  const { graph, catalog } = stages(algorithms);
  const config = demoConfig();
  const bed = await startTestBed({ platform: { ...config, algorithms: [...config.algorithms, ...catalog] }, grants: false });
  try {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Scale', description: '', graph, actor: 'ada' });
    const before = bed.broker.requestCounts();
    const started = performance.now();
    const result = await deployFlow(bed.services, { flowId: flow.id, revision: 1, actor: users.admin });
    const ms = performance.now() - started;
    const after = bed.broker.requestCounts();
    const sent = (api: string) => (after[api] ?? 0) - (before[api] ?? 0);
    const topics = (await bed.admin.listTopics()).filter((t) => t.startsWith('scale.')).length;
    const acls = result.status === 'deployed' ? result.deployment.plan?.actions.filter((a) => a.kind === 'create-acl').length : 0;
    return { status: result.status, ms, topics, acls, requests: { CreateTopics: sent('CreateTopics'), CreateAcls: sent('CreateAcls'), DeleteAcls: sent('DeleteAcls'), DescribeAcls: sent('DescribeAcls') } };
  } finally {
    await bed.close();
  }
}

describe('apply at scale', () => {
  it('1,000 topics and 2,000 ACLs take the same admin requests as 10 topics and 20 ACLs', async () => {
    const small = await deployAndCount(5);
    const large = await deployAndCount(500);
    expect(small).toMatchObject({ status: 'deployed', topics: 11, acls: 20 });
    expect(large).toMatchObject({ status: 'deployed', topics: 1_001, acls: 2_000 });
    expect(large.requests).toEqual(small.requests);
    expect(large.requests).toEqual({ CreateTopics: 1, CreateAcls: 1, DeleteAcls: 0, DescribeAcls: 1 });
    // Reported, not asserted: timing depends on the machine.
    console.log(`apply: 11 topics + 20 ACLs in ${small.ms.toFixed(0)} ms; 1,001 topics + 2,000 ACLs in ${large.ms.toFixed(0)} ms`);
  }, 120_000);
});
