import {
  actionChanges,
  actionTopic,
  aclKey,
  bindingKey,
  describeAction,
  grantKey,
  topicKey,
  describeDrift,
  type ConnectionNameOf,
  type Drift,
  type FieldChange,
  type Grant,
  type Plan,
  type PlanAction,
  type PlanActionKind,
  type TopicUse,
} from '@event-flows/model';

/** One group of a plan as the review shows it. */
export interface PlanGroup {
  /** Stable key of the group. */
  key: 'grants' | 'topics' | 'topics-adopt' | 'acls-add' | 'acls-adopt' | 'acls-remove' | 'bindings-start' | 'bindings-update' | 'bindings-stop' | 'platform-listeners-hand-over' | 'platform-listeners-remove' | 'drift';
  title: string;
  items: PlanItem[];
}

/** One step of a plan, in words. */
export interface PlanItem {
  /** Unique among the plan's items (the action's identity). */
  key: string;
  text: string;
  /** A grant a member cannot give: it waits for a cluster admin. */
  blockedGrant: Grant | undefined;
  /** Whose step it is, for grouping a long list: the algorithm, an ACL's principal, or `null` for a topic. */
  algorithm: string | null;
  /** The connection (id) it happens on. */
  connection: string;
  /** Each field the step changes, before and after (none for a drift finding). */
  changes: readonly FieldChange[];
  /** Who else reads or writes the topic the step touches, when anything does. */
  alsoAffects: TopicUse | undefined;
  /** The drift finding the item stands for (in the drift group only). */
  drift: Drift | undefined;
}

const groups: readonly { key: PlanGroup['key']; title: string; kinds: readonly PlanActionKind[] }[] = [
  { key: 'grants', title: 'Grants needed', kinds: ['grant'] },
  { key: 'topics', title: 'Topics to create', kinds: ['create-topic'] },
  { key: 'topics-adopt', title: 'Topics to adopt', kinds: ['adopt-topic'] },
  { key: 'acls-add', title: 'ACLs to add', kinds: ['create-acl'] },
  { key: 'acls-adopt', title: 'ACLs to adopt', kinds: ['adopt-acl'] },
  { key: 'acls-remove', title: 'ACLs to remove', kinds: ['delete-acl'] },
  { key: 'bindings-start', title: 'Bindings to start', kinds: ['start-binding'] },
  { key: 'bindings-update', title: 'Bindings to update', kinds: ['update-binding'] },
  { key: 'bindings-stop', title: 'Bindings to stop', kinds: ['stop-binding'] },
  { key: 'platform-listeners-hand-over', title: 'Platform listeners to hand over', kinds: ['hand-over-platform-listener'] },
  { key: 'platform-listeners-remove', title: 'Platform listeners to remove', kinds: ['remove-platform-listener'] },
];

/** The algorithm (or ACL principal) and connection an action concerns, and its identity. */
function owner(action: PlanAction): { key: string; algorithm: string | null; connection: string } {
  switch (action.kind) {
    case 'grant':
      return { key: grantKey(action.grant), algorithm: action.grant.algorithm, connection: action.grant.connection };
    case 'create-topic':
    case 'adopt-topic':
      return { key: topicKey(action.topic.connection, action.topic.topic), algorithm: null, connection: action.topic.connection };
    case 'create-acl':
    case 'adopt-acl':
    case 'delete-acl':
      return { key: aclKey(action.acl), algorithm: action.acl.principal, connection: action.acl.connection };
    case 'start-binding':
    case 'update-binding':
    case 'stop-binding':
      return { key: bindingKey(action.binding), algorithm: action.binding.algorithm, connection: action.binding.connection };
    case 'hand-over-platform-listener':
    case 'remove-platform-listener':
      return { key: bindingKey({ ...action.origin, direction: 'subscribe' }), algorithm: action.origin.algorithm, connection: action.origin.connection };
  }
}

/** Who else uses each topic, by {@link topicKey}. */
type UsesByTopic = ReadonlyMap<string, TopicUse>;

function usesOf(plan: Plan): UsesByTopic {
  return new Map((plan.alsoAffects ?? []).map((u) => [topicKey(u.connection, u.topic), u]));
}

function usesFor(uses: UsesByTopic, ref: { connection: string; topic: string } | undefined): TopicUse | undefined {
  return ref && uses.get(topicKey(ref.connection, ref.topic));
}

function item(action: PlanAction, uses: UsesByTopic, nameOf?: ConnectionNameOf): PlanItem {
  return {
    ...owner(action),
    text: describeAction(action, nameOf),
    blockedGrant: action.kind === 'grant' && action.blocked ? action.grant : undefined,
    changes: actionChanges(action),
    alsoAffects: usesFor(uses, actionTopic(action)),
    drift: undefined,
  };
}

/**
 * The plan's actions grouped for review, in the order deploy runs them; empty groups are left out.
 * Connections are named with `nameOf` (their display names), else by id.
 */
export function groupPlan(plan: Plan, nameOf?: ConnectionNameOf): PlanGroup[] {
  const uses = usesOf(plan);
  return groups
    .map((g) => ({ key: g.key, title: g.title, items: plan.actions.filter((a) => g.kinds.includes(a.kind)).map((a) => item(a, uses, nameOf)) }))
    .filter((g) => g.items.length > 0);
}

/** The drift found in Kafka as a group of the review (`undefined` when there is none). */
export function driftGroup(plan: Plan, nameOf?: ConnectionNameOf): PlanGroup | undefined {
  if (plan.drift.length === 0) return undefined;
  const uses = usesOf(plan);
  const items = plan.drift.map((d): PlanItem => {
    const common = { text: describeDrift(d, nameOf), blockedGrant: undefined, changes: [], drift: d };
    switch (d.kind) {
      case 'acl-missing':
        return { ...common, key: `acl:${aclKey(d.acl)}`, algorithm: d.acl.principal, connection: d.acl.connection, alsoAffects: usesFor(uses, d.binding) };
      case 'topic-partitions':
        return { ...common, key: `partitions:${topicKey(d.connection, d.topic)}`, algorithm: null, connection: d.connection, alsoAffects: usesFor(uses, d) };
      case 'topic-config':
        return { ...common, key: `config:${topicKey(d.connection, d.topic)}:${d.key}`, algorithm: null, connection: d.connection, alsoAffects: usesFor(uses, d) };
    }
  });
  return { key: 'drift', title: 'Drift', items };
}
