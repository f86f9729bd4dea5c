import { describe, expect, it } from 'vitest';
import { adoptIntoGraph, algorithmForPrincipal } from './adopt.ts';
import { compile } from './compile.ts';
import { classifyScan } from './classifyScan.ts';
import type { ClusterScan } from './discover.ts';
import type { Acl, Actual } from './desired.ts';
import { applyPlan } from './plan/applyPlan.ts';
import { describeAction } from './plan/describe.ts';
import { plan } from './plan/plan.ts';
import { pipelineGraph } from './fixtures.ts';
import { FlowGraph } from './graph.ts';

const allow = (principal: string, resourceType: Acl['resourceType'], resourceName: string, operation: Acl['operation']): Acl => ({
  connection: 'local',
  principal,
  resourceType,
  resourceName,
  patternType: 'literal',
  operation,
  permission: 'allow',
  host: '*',
});

/** A cluster a platform team ran by hand: payments read by a scorer that writes scores, plus odd ACLs. */
function legacyScan(): ClusterScan {
  return {
    topics: [
      { topic: 'payments', partitions: 6, replicationFactor: 3, configs: { 'retention.ms': '86400000' } },
      { topic: 'payments.scored', partitions: 6, replicationFactor: 3, configs: {} },
      { topic: 'audit', partitions: 1, replicationFactor: 3, configs: {} },
    ],
    acls: [
      allow('User:eventflows.acme.score', 'topic', 'payments', 'read'),
      allow('User:eventflows.acme.score', 'group', 'eventflows.acme.score.payments', 'read'),
      allow('User:eventflows.acme.score', 'topic', 'payments.scored', 'write'),
      // Reads audit but has no READ on the audit subscription's group.
      allow('User:eventflows.acme.score', 'topic', 'audit', 'read'),
      { ...allow('User:eventflows.acme.score', 'topic', 'pay', 'write'), patternType: 'prefixed' },
      allow('User:legacy-billing', 'topic', 'payments', 'read'),
      allow('User:legacy-billing', 'group', 'billing', 'read'),
    ],
    authorizer: true,
    groups: [],
  };
}

describe('algorithmForPrincipal', () => {
  it('reads the algorithm out of a principal that follows the template, and nothing out of others', () => {
    expect(algorithmForPrincipal('User:eventflows.acme.score')).toBe('acme/score');
    expect(algorithmForPrincipal('User:legacy-billing')).toBeUndefined();
    expect(algorithmForPrincipal('User:other.acme.score')).toBeUndefined();
    expect(algorithmForPrincipal('User:svc-acme-score', { prefix: 'svc', principal: '{prefix}-{org}-{algorithm}', consumerGroup: '{prefix}-{org}-{algorithm}-{topic}' })).toBe('acme/score');
  });
});

describe('adoptIntoGraph', () => {
  const discovery = classifyScan('local', legacyScan(), []);
  const principal = (name: string) => discovery.principals.find((p) => p.name === name)!;

  it('turns READ on a topic and its group into a subscription, WRITE into a publication, topics into adopted nodes', () => {
    const result = adoptIntoGraph({ nodes: [], edges: [] }, { connection: 'local', topics: discovery.topics.filter((t) => t.name === 'audit'), principals: [principal('User:eventflows.acme.score')] });
    expect(result.addedNodes.map((n) => (n.kind === 'topic' ? ['topic', n.topic, n.adopted, n.position] : ['algorithm', n.algorithm, n.version, n.position]))).toEqual([
      ['algorithm', 'acme/score', 'latest', { x: 340, y: 0 }],
      ['topic', 'payments', true, { x: 0, y: 0 }],
      ['topic', 'payments.scored', true, { x: 680, y: 0 }],
      ['topic', 'audit', true, { x: 0, y: 140 }],
    ]);
    expect(result.addedEdges).toEqual([
      { id: 'adopted-edge-1', kind: 'subscribe', source: 'adopted-topic-1', target: 'adopted-algorithm-1' },
      { id: 'adopted-edge-2', kind: 'publish', source: 'adopted-algorithm-1', target: 'adopted-topic-2' },
    ]);
    expect(result.leftOut).toEqual([
      { kind: 'acl', name: 'User:eventflows.acme.score READ topic audit', reason: 'no READ on its consumer group eventflows.acme.score.audit' },
      { kind: 'acl', name: 'User:eventflows.acme.score WRITE topic pay', reason: 'a prefixed ACL names no single topic' },
    ]);
    // The result is a graph the schema accepts and compile turns into the very ACLs that exist.
    expect(FlowGraph.safeParse(result.graph).success).toBe(true);
    const desired = compile(result.graph, { flowId: 'flow_adopted' });
    expect(desired.acls.map((a) => `${a.resourceType} ${a.resourceName} ${a.operation}`)).toEqual([
      'group eventflows.acme.score.payments read',
      'topic payments read',
      'topic payments.scored write',
    ]);
    expect(desired.topics.map((t) => [t.topic, t.partitions])).toEqual([['audit', null], ['payments', null], ['payments.scored', null]]);
  });

  it('leaves out a principal that does not follow the naming template, saying why', () => {
    const result = adoptIntoGraph({ nodes: [], edges: [] }, { connection: 'local', topics: [], principals: [principal('User:legacy-billing')] });
    expect(result.addedNodes).toEqual([]);
    expect(result.leftOut).toEqual([{ kind: 'principal', name: 'User:legacy-billing', reason: 'does not follow the naming template User:{prefix}.{org}.{algorithm}' }]);
  });

  it('adds to an existing flow to the right of its nodes, reusing its nodes and ids left free', () => {
    const graph = pipelineGraph();
    // The pipeline already shows acme/classify and the orders topic; the scan has classify reading payments.
    const scan = legacyScan();
    scan.acls.push(allow('User:eventflows.acme.classify', 'topic', 'payments', 'read'), allow('User:eventflows.acme.classify', 'group', 'eventflows.acme.classify.payments', 'read'));
    const found = classifyScan('local', scan, []);
    const result = adoptIntoGraph(graph, { connection: 'local', topics: [], principals: [found.principals.find((p) => p.name === 'User:eventflows.acme.classify')!] });
    expect(result.addedNodes).toEqual([{ id: 'adopted-topic-1', kind: 'topic', connection: 'local', topic: 'payments', adopted: true, position: { x: 2040 + 340, y: 100 } }]);
    expect(result.addedEdges).toEqual([{ id: 'adopted-edge-1', kind: 'subscribe', source: 'adopted-topic-1', target: 'a-classify' }]);
    expect(FlowGraph.safeParse(result.graph).success).toBe(true);
  });

  it('does not take what a flow already manages', () => {
    const desired = compile(pipelineGraph(), { flowId: 'flow_1' });
    const scan: ClusterScan = { topics: desired.topics.map((t) => ({ topic: t.topic, partitions: 1, replicationFactor: 1, configs: {} })), acls: desired.acls, authorizer: true, groups: [] };
    const found = classifyScan('local', scan, [{ flowId: 'flow_1', flowName: 'Orders', desired }]);
    const result = adoptIntoGraph({ nodes: [], edges: [] }, { connection: 'local', topics: found.topics.slice(0, 1), principals: found.principals.slice(0, 1) });
    expect(result.addedNodes).toEqual([]);
    expect(result.leftOut.map((l) => l.reason)).toEqual(['no unmanaged READ (with its consumer group) or WRITE on a topic', 'already managed']);
  });
});

describe('planning an adopted flow', () => {
  const discovery = classifyScan('local', legacyScan(), []);
  const adoption = adoptIntoGraph({ nodes: [], edges: [] }, {
    connection: 'local',
    topics: [],
    principals: discovery.principals.filter((p) => p.name === 'User:eventflows.acme.score'),
    version: '1.0.0',
  });
  const desired = compile(adoption.graph, { flowId: 'flow_adopted' });
  const actual: Actual = {
    topics: legacyScan().topics.map((t) => ({ connection: 'local', topic: t.topic, partitions: t.partitions })),
    acls: legacyScan().acls,
    managedAcls: [],
    bindings: [],
    grants: desired.grants,
    connectionsWithoutAuthorizer: [],
  };

  it('takes over the topics and ACLs that exist rather than creating them, and then plans nothing', () => {
    const first = plan(desired, actual, { role: 'member' });
    expect(first.actions.map((a) => a.kind)).toEqual(['adopt-topic', 'adopt-topic', 'adopt-acl', 'adopt-acl', 'adopt-acl', 'start-binding', 'start-binding']);
    expect(first.summary).toBe('2 topics to adopt, 3 ACLs to adopt, 2 bindings to start.');
    expect(describeAction(first.actions[0]!)).toBe('Adopt existing topic "payments" on "local"');
    expect(plan(desired, applyPlan(actual, first), { role: 'member' }).actions).toEqual([]);
  });

  it('creates an adopted topic that is gone, and a needed ACL that is missing', () => {
    const gone: Actual = { ...actual, topics: actual.topics.filter((t) => t.topic !== 'payments.scored'), acls: actual.acls.filter((a) => a.operation !== 'write') };
    const result = plan(desired, gone, { role: 'member' });
    expect(result.summary).toBe('1 topic to create, 1 topic to adopt, 1 ACL to add, 2 ACLs to adopt, 2 bindings to start.');
  });

  it('leaves topic nodes that were not adopted as before: used as they are, with no action', () => {
    const plain = { ...adoption.graph, nodes: adoption.graph.nodes.map((n) => (n.kind === 'topic' ? { ...n, adopted: undefined } : n)) };
    const result = plan(compile(plain, { flowId: 'flow_adopted' }), actual, { role: 'member' });
    expect(result.actions.filter((a) => a.kind === 'adopt-topic' || a.kind === 'create-topic')).toEqual([]);
  });
});
