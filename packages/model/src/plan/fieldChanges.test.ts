import { describe, expect, it } from 'vitest';
import type { Actual, Binding, Desired, SubscribeBinding } from '../desired.ts';
import { aclsFor } from '../acls.ts';
import { classifyOrdersBinding } from '../fixtures.ts';
import type { FlowGraph } from '../graph.ts';
import { emptyGraph } from '../handles.ts';
import { plan } from './plan.ts';
import { takeLiveValue } from './takeLiveValue.ts';
import { topicUses } from './topicUses.ts';
import type { Drift, PlanAction } from './planSchema.ts';

const subscribe = classifyOrdersBinding({ outputs: [{ connection: 'local', topic: 'orders.classified' }], concurrency: 4 });

function desiredOf(bindings: Binding[], topics: Desired['topics'] = []): Desired {
  return { flowId: 'f1', topics, grants: [], bindings, acls: aclsFor(bindings) };
}

function actualOf(parts: Partial<Actual>): Actual {
  return { topics: [], acls: [], managedAcls: [], bindings: [], grants: [], connectionsWithoutAuthorizer: [], ...parts };
}

function changesOf(actions: readonly PlanAction[], kind: PlanAction['kind']) {
  return actions.filter((a) => a.kind === kind).map((a) => a.changes);
}

describe('field-level changes', () => {
  it('an updated binding carries each changed field before and after, an unset DLQ as none', () => {
    const next: SubscribeBinding = { ...subscribe, version: '1.2.0', dlq: { connection: 'local', topic: 'orders.dlq' }, concurrency: 8 };
    const acls = aclsFor([subscribe]);
    const result = plan(desiredOf([next]), actualOf({ bindings: [subscribe], acls, managedAcls: acls }), { role: 'admin' });
    expect(changesOf(result.actions, 'update-binding')).toEqual([
      [
        { field: 'version', before: '1.1.0', after: '1.2.0' },
        { field: 'dlq', before: 'none', after: 'orders.dlq' },
        { field: 'concurrency', before: '4', after: '8' },
      ],
    ]);
  });

  it('a created topic lists every field, unset ones as (default)', () => {
    const topics = [{ connection: 'local', topic: 'orders', partitions: 6, replicationFactor: null, config: { 'retention.ms': '86400000' } }];
    const result = plan(desiredOf([], topics), actualOf({}), { role: 'admin' });
    expect(changesOf(result.actions, 'create-topic')).toEqual([
      [
        { field: 'partitions', before: '(none)', after: '6' },
        { field: 'replication factor', before: '(none)', after: '(default)' },
        { field: 'retention.ms', before: '(none)', after: '86400000' },
      ],
    ]);
  });

  it('ACLs added and removed name the principal, operation and resource', () => {
    const result = plan(desiredOf([]), actualOf({ bindings: [subscribe], acls: aclsFor([subscribe]), managedAcls: aclsFor([subscribe]) }), { role: 'admin' });
    const removed = changesOf(result.actions, 'delete-acl');
    expect(removed).toContainEqual([{ field: 'User:eventflows.acme.classify', before: 'allow READ topic "orders"', after: '(none)' }]);
    expect(changesOf(result.actions, 'stop-binding')[0]).toContainEqual({ field: 'version', before: '1.1.0', after: '(none)' });
  });

  it('reports a topic config that differs from the flow as drift, and a missing ACL with its binding', () => {
    const topics = [{ connection: 'local', topic: 'orders', partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' } }];
    const acls = aclsFor([subscribe]);
    const actual = actualOf({
      topics: [{ connection: 'local', topic: 'orders', partitions: 6, configs: { 'retention.ms': '86400000' } }],
      bindings: [subscribe],
      acls: acls.slice(1),
      managedAcls: acls,
    });
    const result = plan(desiredOf([subscribe], topics), actual, { role: 'admin' });
    expect(result.drift).toContainEqual({ kind: 'topic-partitions', connection: 'local', topic: 'orders', desired: 3, actual: 6 });
    expect(result.drift).toContainEqual({ kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms', desired: '604800000', actual: '86400000' });
    expect(result.drift).toContainEqual({ kind: 'topic-config', connection: 'local', topic: 'orders', key: 'cleanup.policy', desired: 'delete', actual: '(default)' });
    expect(result.drift).toContainEqual({ kind: 'acl-missing', acl: acls[0], binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders', direction: 'subscribe' } });
  });
});

describe('takeLiveValue', () => {
  const graph: FlowGraph = {
    ...emptyGraph(),
    nodes: [
      { id: 't', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders', create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000', 'cleanup.policy': 'delete' } } },
      { id: 'a', kind: 'algorithm', position: { x: 200, y: 0 }, algorithm: 'acme/classify', version: '1.1.0' },
    ],
    edges: [{ id: 'e', kind: 'subscribe', source: 't', target: 'a' }],
  };
  const topicCreate = (g: FlowGraph) => g.nodes.flatMap((n) => (n.kind === 'topic' ? [n.create] : []))[0];

  it('takes live partitions and config values into the topic node; a default live value drops the entry', () => {
    const partitions: Drift = { kind: 'topic-partitions', connection: 'local', topic: 'orders', desired: 3, actual: 6 };
    const retention: Drift = { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms', desired: '604800000', actual: '86400000' };
    const cleanup: Drift = { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'cleanup.policy', desired: 'delete', actual: '(default)' };
    const taken = takeLiveValue(takeLiveValue(takeLiveValue(graph, partitions), retention), cleanup);
    expect(topicCreate(taken)).toEqual({ partitions: 6, replicationFactor: 1, config: { 'retention.ms': '86400000' } });
    expect(topicCreate(graph)?.partitions).toBe(3);
  });

  it('takes a missing ACL into the flow by removing the binding that needs it', () => {
    const [acl] = aclsFor([subscribe]);
    if (!acl) throw new Error('no ACL');
    const missing: Drift = { kind: 'acl-missing', acl, binding: { algorithm: 'acme/classify', connection: 'local', topic: 'orders', direction: 'subscribe' } };
    expect(takeLiveValue(graph, missing).edges).toEqual([]);
  });
});

describe('topicUses', () => {
  it('names the other flows and consumer groups that use a topic the plan touches, not this flow or untouched topics', () => {
    const other: SubscribeBinding = { ...subscribe, flowId: 'f2', algorithm: 'acme/audit', consumerGroup: 'eventflows.acme.audit.orders', outputs: [] };
    const result = plan(desiredOf([subscribe]), actualOf({}), { role: 'admin' });
    const groups = [
      { connection: 'local', groupId: 'billing', topics: ['orders', 'invoices'] },
      { connection: 'local', groupId: subscribe.consumerGroup, topics: ['orders'] },
      { connection: 'other', groupId: 'elsewhere', topics: ['orders'] },
    ];
    expect(topicUses(result, [subscribe, other], new Map([['f2', 'Audit trail']]), groups)).toEqual([
      { connection: 'local', topic: 'orders', flows: ['Audit trail'], consumerGroups: ['billing'] },
    ]);
  });
});
