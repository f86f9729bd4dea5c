import {
  aclKey,
  bindingKey,
  describeAction,
  grantKey,
  topicKey,
  describeDrift,
  type ConnectionNameOf,
  type Grant,
  type Plan,
  type PlanAction,
  type PlanActionKind,
} from '@event-flows/model';

/** One group of a plan as the review shows it. */
export interface PlanGroup {
  /** Stable key of the group. */
  key: 'grants' | 'topics' | 'topics-adopt' | 'acls-add' | 'acls-adopt' | 'acls-remove' | 'bindings-start' | 'bindings-update' | 'bindings-stop' | 'platform-listeners-remove' | 'drift';
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
    case 'remove-platform-listener':
      return { key: bindingKey({ ...action.origin, direction: 'subscribe' }), algorithm: action.origin.algorithm, connection: action.origin.connection };
  }
}

function item(action: PlanAction, nameOf?: ConnectionNameOf): PlanItem {
  return { ...owner(action), text: describeAction(action, nameOf), blockedGrant: action.kind === 'grant' && action.blocked ? action.grant : undefined };
}

/**
 * The plan's actions grouped for review, in the order deploy runs them; empty groups are left out.
 * Connections are named with `nameOf` (their display names), else by id.
 */
export function groupPlan(plan: Plan, nameOf?: ConnectionNameOf): PlanGroup[] {
  return groups
    .map((g) => ({ key: g.key, title: g.title, items: plan.actions.filter((a) => g.kinds.includes(a.kind)).map((a) => item(a, nameOf)) }))
    .filter((g) => g.items.length > 0);
}

/** The drift found in Kafka as a group of the review (`undefined` when there is none). */
export function driftGroup(plan: Plan, nameOf?: ConnectionNameOf): PlanGroup | undefined {
  if (plan.drift.length === 0) return undefined;
  const items = plan.drift.map((d): PlanItem => {
    const text = describeDrift(d, nameOf);
    return d.kind === 'acl-missing'
      ? { key: aclKey(d.acl), text, blockedGrant: undefined, algorithm: d.acl.principal, connection: d.acl.connection }
      : { key: topicKey(d.connection, d.topic), text, blockedGrant: undefined, algorithm: null, connection: d.connection };
  });
  return { key: 'drift', title: 'Drift', items };
}
