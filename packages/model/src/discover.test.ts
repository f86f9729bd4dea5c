import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { classifyScan } from './classifyScan.ts';
import type { ClusterScan } from './discover.ts';
import { discoverPage, visibleTo } from './discoverView.ts';
import { pipelineGraph } from './fixtures.ts';
import { defaultNaming } from './naming.ts';
import type { Grant } from './catalog.ts';

const desired = compile(pipelineGraph(), { flowId: 'flow_1' });
const flows = [{ flowId: 'flow_1', flowName: 'Orders', desired }];

/** The cluster as the pipeline's deploy leaves it, plus what others made. */
function deployedScan(): ClusterScan {
  return {
    topics: [
      ...desired.topics.map((t) => ({ topic: t.topic, partitions: 1, replicationFactor: 1, configs: {} })),
      { topic: 'legacy', partitions: 3, replicationFactor: 1, configs: { 'cleanup.policy': 'compact' } },
    ],
    acls: [...desired.acls, { ...desired.acls[0]!, principal: 'User:ops' }],
    authorizer: true,
    groups: [{ groupId: 'eventflows.acme.classify.orders', state: 'Stable', protocolType: 'consumer', members: [], offsets: [{ topic: 'orders', partition: 0, committed: 4, end: 10 }] }],
  };
}

describe('classifyScan', () => {
  it('marks what an undeployed revision would take over as adopted, naming the flow, and not what it only designs', () => {
    // Nothing deployed; the pipeline saved and never deployed wants the same topics, ACLs and group.
    const designed = classifyScan('local', deployedScan(), [], [], flows);
    expect(designed.topics.map((t) => t.status)).toEqual(['unmanaged', 'unmanaged', 'unmanaged', 'unmanaged', 'unmanaged', 'unmanaged']);
    // Principals whose every ACL it needs are taken over whole; one with an ACL it does not need is not.
    expect(designed.principals.map((p) => [p.name, p.status, p.adoptedInto])).toEqual([
      ['User:eventflows.acme.alert', 'adopted', [{ flowId: 'flow_1', flowName: 'Orders' }]],
      ['User:eventflows.acme.classify', 'adopted', [{ flowId: 'flow_1', flowName: 'Orders' }]],
      ['User:eventflows.acme.enrich', 'adopted', [{ flowId: 'flow_1', flowName: 'Orders' }]],
      ['User:ops', 'unmanaged', undefined],
    ]);
    // A topic node marked adopted takes the topic over, and its subscriptions' groups.
    const graph = pipelineGraph();
    const adopting = compile({ ...graph, nodes: graph.nodes.map((n) => (n.kind === 'topic' && n.topic === 'orders' ? { ...n, adopted: true as const } : n)) }, { flowId: 'flow_1' });
    const adopted = classifyScan('local', deployedScan(), [], [], [{ flowId: 'flow_1', flowName: 'Orders', desired: adopting }]);
    expect(adopted.topics.filter((t) => t.status === 'adopted').map((t) => [t.name, t.adoptedInto])).toEqual([['orders', [{ flowId: 'flow_1', flowName: 'Orders' }]]]);
    expect(adopted.groups.map((g) => [g.name, g.status])).toEqual([['eventflows.acme.classify.orders', 'adopted']]);
    // What a deployed flow manages stays managed.
    expect(classifyScan('local', deployedScan(), flows, [], flows).topics.find((t) => t.name === 'orders')?.status).toBe('managed');
  });

  it('marks what a deployed flow wants as managed by it and the rest as unmanaged', () => {
    const discovery = classifyScan('local', deployedScan(), flows);
    expect(discovery.topics.map((t) => [t.name, t.status])).toEqual([
      ['alerts', 'managed'],
      ['legacy', 'unmanaged'],
      ['orders', 'managed'],
      ['orders.classified', 'managed'],
      ['orders.dlq', 'managed'],
      ['orders.enriched', 'managed'],
    ]);
    expect(discovery.principals.find((p) => p.name === 'User:ops')?.status).toBe('unmanaged');
    expect(discovery.groups[0]).toMatchObject({ status: 'managed', managedBy: [{ flowId: 'flow_1', flowName: 'Orders' }], totalLag: 6 });
  });

  it('names a topic a flow wants that is gone, and an ACL that is missing', () => {
    const scan = deployedScan();
    scan.topics = scan.topics.filter((t) => t.topic !== 'alerts');
    scan.acls = scan.acls.slice(1);
    const discovery = classifyScan('local', scan, flows);
    expect(discovery.topics.find((t) => t.name === 'alerts')).toMatchObject({ status: 'drifted', partitions: null, drift: [{ field: 'exists', wanted: 'yes', live: 'no' }] });
    const missing = desired.acls[0]!;
    expect(discovery.principals.find((p) => p.name === missing.principal)).toMatchObject({ status: 'drifted', drift: [{ field: 'acl', live: 'missing' }] });
  });

  it('marks unmanaged items left alone as such, with who marked them, and ignores a mark on what a flow manages', () => {
    const at = '2026-12-07T06:00:00.000Z';
    const marks = [
      { kind: 'topic' as const, name: 'legacy', by: 'ada', at },
      { kind: 'topic' as const, name: 'orders', by: 'ada', at },
      { kind: 'principal' as const, name: 'User:ops', by: 'ada', at },
      { kind: 'group' as const, name: 'legacy', by: 'ada', at },
    ];
    const discovery = classifyScan('local', deployedScan(), flows, marks);
    expect(discovery.topics.filter((t) => t.name === 'legacy' || t.name === 'orders').map((t) => [t.name, t.status, t.leftAlone])).toEqual([
      ['legacy', 'left-alone', { by: 'ada', at }],
      ['orders', 'managed', undefined],
    ]);
    expect(discovery.principals.find((p) => p.name === 'User:ops')).toMatchObject({ status: 'left-alone', leftAlone: { by: 'ada', at } });
    expect(discovery.groups.map((g) => g.status)).toEqual(['managed']);
  });

  it('looks only at the connection scanned', () => {
    expect(classifyScan('elsewhere', deployedScan(), flows).topics.every((t) => t.status === 'unmanaged')).toBe(true);
  });
});

describe('visibleTo', () => {
  const grants: Grant[] = [
    { connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' },
    { connection: 'local', topic: 'legacy', algorithm: 'globex/reader', access: 'subscribe' },
  ];
  const discovery = classifyScan('local', deployedScan(), flows);

  it("shows a member the org's granted topics, its principals and its groups only", () => {
    const seen = visibleTo({ role: 'member', orgId: 'acme' }, discovery, grants, defaultNaming);
    expect(seen.topics.map((t) => t.name)).toEqual(['orders']);
    expect(seen.principals.map((p) => p.name)).toEqual(['User:eventflows.acme.classify']);
    expect(seen.groups.map((g) => g.name)).toEqual(['eventflows.acme.classify.orders']);
  });

  it('shows a cluster admin everything', () => {
    expect(visibleTo({ role: 'admin', orgId: 'acme' }, discovery, [], defaultNaming)).toBe(discovery);
  });
});

describe('discoverPage', () => {
  const items = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, status: i % 2 === 0 ? ('managed' as const) : ('unmanaged' as const) }));

  it('pages after the cursor and says where the next page starts', () => {
    expect(discoverPage(items, { limit: 2 })).toMatchObject({ items: [{ name: 'a' }, { name: 'b' }], nextCursor: 'b' });
    expect(discoverPage(items, { limit: 2, cursor: 'd' })).toMatchObject({ items: [{ name: 'e' }], nextCursor: null });
  });

  it('filters by name in any case and by status, counting matches per status', () => {
    expect(discoverPage(items, { limit: 10, search: 'C' })).toEqual({ items: [items[2]], nextCursor: null, counts: { managed: 1, unmanaged: 0, drifted: 0, adopted: 0, 'left-alone': 0 } });
    expect(discoverPage(items, { limit: 10, status: 'unmanaged' }).items.map((i) => i.name)).toEqual(['b', 'd']);
  });
});
