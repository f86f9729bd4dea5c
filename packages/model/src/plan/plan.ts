import type { Grant, Role } from '../catalog.ts';
import { aclMapFor } from '../compile.ts';
import type { Acl, Actual, Binding, Desired } from '../desired.ts';
import { topicKey } from '../graphIndex.ts';
import { aclKey, bindingKey, byString, canonicalJson, compareAcls, compareBindings, compareGrants, compareTopicRefs, grantKey } from '../keys.ts';
import { summarize } from './describe.ts';
import { actionOrder, type Drift, type Plan, type PlanAction } from './planSchema.ts';

/** Options for {@link plan}. */
export interface PlanOptions {
  /** Who deploys: only a cluster admin's plan may grant access. */
  role: Role;
}

/**
 * Computes the ordered, idempotent actions that take Kafka and the bindings from `actual` to what one
 * flow's `desired` needs (DESIGN §3). Guarantees: it never deletes a topic; it deletes only ACLs that
 * Event Flows Studio created (`actual.managedAcls`) and that no enabled binding of any flow needs; it
 * starts, updates and stops only this flow's bindings; it reports drift. Planning again after applying
 * the plan yields no actions.
 */
export function plan(desired: Desired, actual: Actual, options: PlanOptions): Plan {
  const actions: PlanAction[] = [];
  const drift: Drift[] = [];
  const notes: string[] = [];
  let blocked = false;

  const granted = new Set(actual.grants.map(grantKey));
  for (const grant of desired.grants) {
    if (granted.has(grantKey(grant))) continue;
    const isBlocked = options.role !== 'admin';
    blocked ||= isBlocked;
    actions.push({ kind: 'grant', grant, blocked: isBlocked });
  }

  const existingTopics = new Map(actual.topics.map((t) => [topicKey(t.connection, t.topic), t]));
  for (const topic of desired.topics) {
    const existing = existingTopics.get(topicKey(topic.connection, topic.topic));
    if (!existing) actions.push({ kind: 'create-topic', topic });
    else if (topic.partitions !== null && existing.partitions !== topic.partitions) {
      drift.push({ kind: 'topic-partitions', connection: topic.connection, topic: topic.topic, desired: topic.partitions, actual: existing.partitions });
    }
  }

  const actualByKey = new Map(actual.bindings.map((b) => [bindingKey(b), b]));
  const desiredKeys = new Set<string>();
  const otherFlows = actual.bindings.filter((b) => b.flowId !== desired.flowId);
  const started: Binding[] = [];
  for (const binding of desired.bindings) {
    const key = bindingKey(binding);
    desiredKeys.add(key);
    const current = actualByKey.get(key);
    if (current && current.flowId !== desired.flowId) {
      blocked = true;
      notes.push(`${binding.algorithm} already ${binding.direction}s "${binding.topic}" in flow "${current.flowId}"; that binding is left as it is.`);
      continue;
    }
    started.push(binding);
    if (!current) actions.push({ kind: 'start-binding', binding });
    else {
      const changes = changedFields(current, binding);
      if (changes.length > 0) actions.push({ kind: 'update-binding', binding, previous: current, changes });
    }
  }
  for (const binding of actual.bindings) {
    if (binding.flowId === desired.flowId && !desiredKeys.has(bindingKey(binding))) actions.push({ kind: 'stop-binding', binding });
  }

  const unenforced = new Set(actual.connectionsWithoutAuthorizer);
  for (const connection of [...unenforced].sort(byString)) {
    if (desired.topics.some((t) => t.connection === connection)) {
      notes.push(`Kafka on "${connection}" has no authorizer: ACLs cannot be set there, so the broker does not enforce which algorithm may use which topic.`);
    }
  }
  // ACLs exist for exactly the enabled bindings of every flow once this plan is applied.
  const required = aclMapFor(started, aclMapFor(otherFlows));
  const present = new Set(actual.acls.map(aclKey));
  const managed = new Map(actual.managedAcls.map((a) => [aclKey(a), a]));
  for (const [key, acl] of required) {
    if (present.has(key) || unenforced.has(acl.connection)) continue;
    const missing = managed.has(key);
    if (missing) drift.push({ kind: 'acl-missing', acl });
    actions.push({ kind: 'create-acl', acl, drift: missing });
  }
  for (const [key, acl] of managed) {
    if (!required.has(key) && !unenforced.has(acl.connection)) actions.push({ kind: 'delete-acl', acl });
  }

  const sorted = sortActions(actions);
  return { flowId: desired.flowId, actions: sorted, drift, notes, blocked, summary: summarize(sorted, drift) };
}

function changedFields(previous: Binding, next: Binding): string[] {
  const fields = new Set([...Object.keys(previous), ...Object.keys(next)]);
  const changed: string[] = [];
  for (const field of [...fields].sort(byString)) {
    const a = (previous as Record<string, unknown>)[field];
    const b = (next as Record<string, unknown>)[field];
    if (canonicalJson(a) !== canonicalJson(b)) changed.push(field);
  }
  return changed;
}

/** Orders two actions of the same kind by the identity of what they change. */
function compareSameKind(a: PlanAction, b: PlanAction): number {
  if (a.kind === 'grant' && b.kind === 'grant') return compareGrants(a.grant, b.grant);
  if (a.kind === 'create-topic' && b.kind === 'create-topic') return compareTopicRefs(a.topic, b.topic);
  if ('acl' in a && 'acl' in b) return compareAcls(a.acl, b.acl);
  if ('binding' in a && 'binding' in b) return compareBindings(a.binding, b.binding);
  return 0;
}

function sortActions(actions: PlanAction[]): PlanAction[] {
  const byKind = new Map<PlanAction['kind'], PlanAction[]>(actionOrder.map((kind) => [kind, []]));
  for (const action of actions) byKind.get(action.kind)?.push(action);
  return actionOrder.flatMap((kind) => (byKind.get(kind) ?? []).sort(compareSameKind));
}

/** Tells whether a plan changes nothing. */
export function isEmptyPlan(p: Plan): boolean {
  return p.actions.length === 0;
}

/** The grants a plan needs that only a cluster admin can give. */
export function blockedGrants(p: Plan): Grant[] {
  return p.actions.flatMap((a) => (a.kind === 'grant' && a.blocked ? [a.grant] : []));
}

/** The ACLs a plan adds and removes, per connection, for batched admin requests. */
export function aclChangesByConnection(p: Plan): Map<string, { create: Acl[]; delete: Acl[] }> {
  const byConnection = new Map<string, { create: Acl[]; delete: Acl[] }>();
  for (const action of p.actions) {
    if (action.kind !== 'create-acl' && action.kind !== 'delete-acl') continue;
    const entry = byConnection.get(action.acl.connection) ?? { create: [], delete: [] };
    (action.kind === 'create-acl' ? entry.create : entry.delete).push(action.acl);
    byConnection.set(action.acl.connection, entry);
  }
  return byConnection;
}


