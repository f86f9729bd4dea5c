import { describe, expect, it } from 'vitest';
import type { Actual, Desired } from '../desired.ts';
import { aclsFor } from '../acls.ts';
import { classifyOrdersBinding } from '../fixtures.ts';
import { runtimeClientId } from '../naming.ts';
import { applyPlan } from './applyPlan.ts';
import { driftFields, driftRemedy } from './driftFields.ts';
import { plan } from './plan.ts';
import type { PutBack } from './planSchema.ts';

const binding = classifyOrdersBinding();

const desired: Desired = {
  flowId: 'f1',
  topics: [{ connection: 'local', topic: 'orders', partitions: 4, replicationFactor: 1, config: { 'retention.ms': '604800000' } }],
  grants: [],
  bindings: [binding],
  acls: aclsFor([binding]),
};

function actualWith(partitions: number, configs: Record<string, string>, groups: Actual['groups'] = []): Actual {
  const acls = aclsFor([binding]);
  return { topics: [{ connection: 'local', topic: 'orders', partitions, configs }], acls, managedAcls: acls, bindings: [binding], grants: [], connectionsWithoutAuthorizer: [], groups };
}

const everything: PutBack[] = [
  { kind: 'topic-partitions', connection: 'local', topic: 'orders' },
  { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms' },
];

describe('putting drift back', () => {
  it('reports drift without acting on it until a person chooses to put it back', () => {
    const actual = actualWith(2, { 'retention.ms': '1000', 'segment.ms': '3600000' });
    expect(plan(desired, actual, { role: 'member' }).actions).toEqual([]);
    const chosen = plan(desired, actual, { role: 'member', putBack: everything });
    expect(chosen.actions.map((a) => a.kind)).toEqual(['alter-topic-config', 'add-partitions']);
    // AlterConfigs replaces the whole set: the live entry the flow does not set goes with it.
    expect(chosen.actions[0]).toMatchObject({ config: { 'retention.ms': '604800000', 'segment.ms': '3600000' }, changes: [{ field: 'retention.ms', before: '1000', after: '604800000' }] });
    const after = applyPlan(actual, chosen);
    const again = plan(desired, after, { role: 'member', putBack: everything });
    expect(again.actions).toEqual([]);
    expect(again.drift).toEqual([]);
  });

  it('cannot put back partitions Kafka would have to take away, and says so', () => {
    const actual = actualWith(6, { 'retention.ms': '604800000' });
    const result = plan(desired, actual, { role: 'member', putBack: everything });
    expect(result.actions).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/has 6 partitions and the flow asks for 4: Kafka cannot take partitions away/);
    const [finding] = result.drift;
    expect(finding && driftRemedy(finding).kind).toBe('cannot');
  });

  it("reports a group's foreign members and stale offsets, never the runtime's own member", () => {
    const actual = actualWith(4, { 'retention.ms': '604800000' }, [
      {
        connection: 'local',
        groupId: binding.consumerGroup,
        members: [{ clientId: runtimeClientId(binding.principal), clientHost: '/127.0.0.1' }, { clientId: 'spy', clientHost: '/10.0.0.9' }],
        offsetTopics: ['orders', 'orders.v1'],
      },
    ]);
    const result = plan(desired, actual, { role: 'member' });
    expect(result.actions).toEqual([]);
    expect(result.drift.map((d) => d.kind)).toEqual(['group-foreign-members', 'group-stale-offsets']);
    expect(result.drift.flatMap(driftFields)).toEqual([
      { field: `members of ${binding.consumerGroup}`, deployed: "the studio's runtime only", live: 'spy (/10.0.0.9)' },
      { field: `offsets of ${binding.consumerGroup}`, deployed: 'orders', live: 'orders, orders.v1' },
    ]);
    expect(result.drift.map((d) => driftRemedy(d).kind)).toEqual(['report', 'report']);
  });
});
