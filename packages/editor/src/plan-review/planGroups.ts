import { describeAction, type ConnectionNameOf, type Grant, type Plan, type PlanAction, type PlanActionKind } from '@event-flows/model';

/** One group of a plan as the review shows it. */
export interface PlanGroup {
  /** Stable key of the group. */
  key: 'grants' | 'topics' | 'acls-add' | 'acls-remove' | 'bindings-start' | 'bindings-update' | 'bindings-stop';
  title: string;
  items: PlanItem[];
}

/** One step of a plan, in words. */
export interface PlanItem {
  text: string;
  /** A grant a member cannot give: it waits for a cluster admin. */
  blockedGrant: Grant | undefined;
}

const groups: readonly { key: PlanGroup['key']; title: string; kinds: readonly PlanActionKind[] }[] = [
  { key: 'grants', title: 'Grants needed', kinds: ['grant'] },
  { key: 'topics', title: 'Topics to create', kinds: ['create-topic'] },
  { key: 'acls-add', title: 'ACLs to add', kinds: ['create-acl'] },
  { key: 'acls-remove', title: 'ACLs to remove', kinds: ['delete-acl'] },
  { key: 'bindings-start', title: 'Bindings to start', kinds: ['start-binding'] },
  { key: 'bindings-update', title: 'Bindings to update', kinds: ['update-binding'] },
  { key: 'bindings-stop', title: 'Bindings to stop', kinds: ['stop-binding'] },
];

function item(action: PlanAction, nameOf?: ConnectionNameOf): PlanItem {
  return { text: describeAction(action, nameOf), blockedGrant: action.kind === 'grant' && action.blocked ? action.grant : undefined };
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
