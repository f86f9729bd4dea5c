import type { Grant, Role } from '../catalog.ts';
import { aclMapFor, aclsFor } from '../acls.ts';
import type { Acl, Actual, Binding, Desired, ListenerOrigin } from '../desired.ts';
import { aclKey, bindingKey, byString, canonicalJson, compareAcls, compareBindings, compareGrants, compareTopicRefs, grantKey, topicKey } from '../keys.ts';
import { summaryOf } from './describe.ts';
import { withChanges } from './compactPlan.ts';
import { absentValue, bindingFields, changed, defaultValue } from './fieldValues.ts';
import { actionOrder, type Drift, type FieldChange, type Plan, type PlanAction, type PlanActionKind } from './planSchema.ts';

/** Options for {@link plan}. */
export interface PlanOptions {
  /** Who deploys: only a cluster admin's plan may grant access. */
  role: Role;
  /** Each connection's name as people know it, for the plan's notes (default: the connection's id). */
  connectionNames?: ReadonlyMap<string, string>;
  /**
   * Whether the studio can delete listeners on the platform (it is configured with the platform's API).
   * When it cannot, stopping a binding adopted from a listener says so in the notes instead.
   */
  removesPlatformListeners?: boolean;
  /**
   * Why the platform cannot change its listeners now, when its API is configured but did not answer
   * while the plan was read (one sentence); hand-overs and removals then wait, and the notes say so.
   */
  platformProblem?: string;
}

type ActionsByKind = { [K in PlanActionKind]: Array<Extract<PlanAction, { kind: K }>> };

/**
 * Computes the ordered, idempotent actions that take Kafka and the bindings from `actual` to what one
 * flow's `desired` needs (DESIGN §3). Guarantees: it never deletes a topic; it deletes only ACLs that
 * Event Flows Studio created (`actual.managedAcls`), that no enabled binding of any flow needs, and that
 * are this flow's (its bindings need them now, or they are recorded as its in `actual.flowAcls`); it
 * starts, updates and stops only this flow's bindings; it creates and deletes ACLs only on the
 * connections whose ACLs were read (`actual.aclsReadOn`); it reports drift. Planning again after
 * applying the plan yields no actions. It reads nothing but its arguments.
 */
export function plan(desired: Desired, actual: Actual, options: PlanOptions): Plan {
  const actions: ActionsByKind = { grant: [], 'create-topic': [], 'adopt-topic': [], 'create-acl': [], 'adopt-acl': [], 'update-binding': [], 'start-binding': [], 'hand-over-platform-listener': [], 'stop-binding': [], 'remove-platform-listener': [], 'delete-acl': [] };
  const drift: Drift[] = [];
  const notes: string[] = [];
  let blocked = false;

  const granted = new Set(actual.grants.map(grantKey));
  for (const grant of desired.grants) {
    if (granted.has(grantKey(grant))) continue;
    const isBlocked = options.role !== 'admin';
    blocked ||= isBlocked;
    actions.grant.push({ kind: 'grant', grant, blocked: isBlocked });
  }

  const adoptedTopics = new Set((actual.adoptedTopics ?? []).map((t) => topicKey(t.connection, t.topic)));
  const actualTopics = new Map(actual.topics.map((t) => [topicKey(t.connection, t.topic), t]));
  for (const topic of desired.topics) {
    const existing = actualTopics.get(topicKey(topic.connection, topic.topic));
    if (!existing) actions['create-topic'].push({ kind: 'create-topic', topic });
    else if (topic.adopted && !adoptedTopics.has(topicKey(topic.connection, topic.topic))) actions['adopt-topic'].push({ kind: 'adopt-topic', topic });
    else {
      if (topic.partitions !== null && existing.partitions !== topic.partitions) {
        drift.push({ kind: 'topic-partitions', connection: topic.connection, topic: topic.topic, desired: topic.partitions, actual: existing.partitions });
      }
      // Only the entries the flow sets: a live setting the flow leaves alone is not the flow's to judge.
      if (existing.configs) {
        for (const key of Object.keys(topic.config).sort(byString)) {
          const desiredValue = topic.config[key] ?? defaultValue;
          const live = existing.configs[key] ?? defaultValue;
          if (live !== desiredValue) drift.push({ kind: 'topic-config', connection: topic.connection, topic: topic.topic, key, desired: desiredValue, actual: live });
        }
      }
    }
  }

  const actualBindings = new Map(actual.bindings.map((b) => [bindingKey(b), b]));
  const desiredKeys = new Set<string>();
  const otherFlows = actual.bindings.filter((b) => b.flowId !== desired.flowId);
  // This flow's bindings once the plan is applied: the desired ones no other flow owns.
  const started: Binding[] = [];
  for (const binding of desired.bindings) {
    const key = bindingKey(binding);
    desiredKeys.add(key);
    const current = actualBindings.get(key);
    if (current && current.flowId !== desired.flowId) {
      blocked = true;
      notes.push(`${binding.algorithm} already ${binding.direction}s "${binding.topic}" in flow "${current.flowId}"; that binding is left as it is.`);
      continue;
    }
    started.push(binding);
    if (!current) actions['start-binding'].push({ kind: 'start-binding', binding });
    else if (differs(current, binding)) {
      actions['update-binding'].push({ kind: 'update-binding', binding, previous: current, changes: changed(bindingFields(current), bindingFields(binding)) });
    }
  }
  for (const binding of actual.bindings) {
    if (binding.flowId === desired.flowId && !desiredKeys.has(bindingKey(binding))) {
      actions['stop-binding'].push({ kind: 'stop-binding', binding });
    }
  }
  planListenerOrigins(actions, notes, desired.flowId, actual.listenerOrigins ?? [], { started, desiredKeys }, options);

  const unenforced = new Set(actual.connectionsWithoutAuthorizer);
  for (const connection of [...unenforced].sort(byString)) {
    if (desired.topics.some((t) => t.connection === connection)) {
      const name = options.connectionNames?.get(connection) ?? connection;
      notes.push(`ACLs are not enforced on '${name}': no authorizer. Every client of that cluster may use every topic, so this plan sets no ACLs there.`);
    }
  }
  // ACLs exist for exactly the enabled bindings of every flow once this plan is applied. They are
  // required by the bindings of every connection, but compared only where Kafka's were read.
  const readOn = actual.aclsReadOn && new Set(actual.aclsReadOn);
  const untouched = (connection: string) => unenforced.has(connection) || (readOn !== undefined && !readOn.has(connection));
  if (actual.acls.length === 0 && actual.managedAcls.length === 0) {
    // Nothing in Kafka to compare with: each required ACL is created.
    // When this flow alone has bindings, the required ACLs are the desired ones compile derived.
    const requiredAcls =
      otherFlows.length === 0 && started.length === desired.bindings.length ? desired.acls : aclsFor([...otherFlows, ...started]);
    for (const acl of requiredAcls) {
      if (!untouched(acl.connection)) actions['create-acl'].push({ kind: 'create-acl', acl, drift: false });
    }
  } else {
    const required = aclMapFor(started, aclMapFor(otherFlows));
    const present = new Set(actual.acls.map(aclKey));
    const managed = new Map(actual.managedAcls.map((a) => [aclKey(a), a]));
    // Built only when an ACL has gone missing: which binding of this flow needs each ACL.
    let neededBy: Map<string, Binding> | undefined;
    for (const [key, acl] of required) {
      if (untouched(acl.connection)) continue;
      if (present.has(key)) {
        // In Kafka but not made by the studio (adopted from the cluster): from now on it is ours.
        if (!managed.has(key)) actions['adopt-acl'].push({ kind: 'adopt-acl', acl });
        continue;
      }
      const missing = managed.has(key);
      if (missing) drift.push(aclMissing(acl, (neededBy ??= bindingsByAcl(started))));
      actions['create-acl'].push({ kind: 'create-acl', acl, drift: missing });
    }
    // An ACL no binding needs any more is deleted by the plan of the flow that had it: the flow whose
    // bindings need it now, or whose record it is (left by a crash or a failed DeleteAcls). Never by an
    // unrelated flow's plan, which a person reviews for that flow's changes alone.
    const ofThisFlow = aclMapFor(actual.bindings.filter((b) => b.flowId === desired.flowId));
    const recorded = new Set((actual.flowAcls ?? []).map(aclKey));
    for (const [key, acl] of managed) {
      if (!required.has(key) && (ofThisFlow.has(key) || recorded.has(key)) && !untouched(acl.connection)) actions['delete-acl'].push({ kind: 'delete-acl', acl });
    }
    const kept = leftAclsKept(actual, required, present, recorded);
    if (kept > 0) {
      notes.push(
        `Kafka still holds ${kept} ACL${kept === 1 ? '' : 's'} this flow left while none of its bindings was enabled (a deploy or undeploy was cut short): deploying uses ${kept === 1 ? 'it' : 'them'} again; undeploying removes ${kept === 1 ? 'it' : 'them'}.`,
      );
    }
  }

  const counts = new Map<PlanActionKind, number>();
  const sorted = sortActions(actions, counts);
  const blockedGrants = actions.grant.filter((a) => a.blocked).length;
  return { flowId: desired.flowId, actions: sorted, drift, notes, blocked, summary: summaryOf(counts, blockedGrants, drift.length) };
}

/**
 * The subscriptions of this flow adopted from listeners of the platform. One the flow runs (its binding
 * started now or before) is handed over: the listener is deleted once the studio's binding runs, or,
 * when the platform cannot be asked, the plan says plainly that both run. One the flow no longer has:
 * its listener goes too (after the binding stops), or the plan says why not. Decided from the flow and
 * the records alone, so a hand-over or removal that failed is planned again.
 */
function planListenerOrigins(
  actions: ActionsByKind,
  notes: string[],
  flowId: string,
  origins: readonly ListenerOrigin[],
  bindings: { started: readonly Binding[]; desiredKeys: ReadonlySet<string> },
  options: PlanOptions,
): void {
  const running = new Set(bindings.started.map(bindingKey));
  const unavailable = !options.removesPlatformListeners
    ? "the studio is not connected to the platform's API (ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY)"
    : options.platformProblem;
  for (const origin of origins) {
    if (origin.flowId !== flowId) continue;
    const key = bindingKey({ ...origin, direction: 'subscribe' });
    const listener = `the platform's event listener ${origin.listener.id} (${origin.algorithm} on "${origin.topic}")`;
    if (running.has(key)) {
      actions['hand-over-platform-listener'].push({ kind: 'hand-over-platform-listener', origin, ...(unavailable ? { unavailable } : {}), changes: handOverChanges(origin) });
      if (unavailable) {
        notes.push(
          `Both will run: ${listener} keeps running on the platform alongside the studio's subscription, so each message invokes the algorithm twice. This plan cannot remove the listener, because ${unavailable}; deploy again once it can, or remove the listener there.`,
        );
      }
    } else if (bindings.desiredKeys.has(key)) continue;
    else if (!unavailable) actions['remove-platform-listener'].push({ kind: 'remove-platform-listener', origin });
    else {
      notes.push(`This plan does not remove ${listener}, which the flow no longer subscribes: ${unavailable}, so the listener keeps running on the platform until someone removes it there.`);
    }
  }
}

/** What a hand-over changes: the listener goes from the platform, and the studio runs the subscription. */
function handOverChanges(origin: ListenerOrigin): FieldChange[] {
  return [
    { field: 'platform listener', before: `${origin.listener.userId}/${origin.listener.id}`, after: absentValue },
    { field: `runs ${origin.algorithm} on "${origin.topic}"`, before: 'the platform and the studio', after: 'the studio' },
  ];
}

/**
 * How many of the flow's recorded ACLs are in Kafka though no enabled binding needs them now, and
 * would be needed again after the plan (so it keeps them rather than deleting them).
 */
function leftAclsKept(actual: Actual, required: ReadonlyMap<string, Acl>, present: ReadonlySet<string>, recorded: ReadonlySet<string>): number {
  if (recorded.size === 0) return 0;
  const neededNow = aclMapFor(actual.bindings);
  let kept = 0;
  for (const key of recorded) if (present.has(key) && required.has(key) && !neededNow.has(key)) kept++;
  return kept;
}

/** Tells whether any setting of a binding differs, whether or not the review shows it as a field. */
function differs(previous: Binding, next: Binding): boolean {
  return canonicalJson(previous) !== canonicalJson(next);
}

/** For each ACL the bindings need, the first binding (in the plan's order) that needs it. */
function bindingsByAcl(bindings: readonly Binding[]): Map<string, Binding> {
  const byAcl = new Map<string, Binding>();
  for (const binding of [...bindings].sort(compareBindings)) {
    for (const key of aclMapFor([binding]).keys()) if (!byAcl.has(key)) byAcl.set(key, binding);
  }
  return byAcl;
}

/** A missing ACL, with the binding of this flow that needs it when there is one. */
function aclMissing(acl: Acl, neededBy: ReadonlyMap<string, Binding>): Drift {
  const needing = neededBy.get(aclKey(acl));
  if (!needing) return { kind: 'acl-missing', acl };
  return { kind: 'acl-missing', acl, binding: { algorithm: needing.algorithm, connection: needing.connection, topic: needing.topic, direction: needing.direction } };
}

/** Each kind's order: by the identity of what its actions change. */
const compareWithin: { [K in PlanActionKind]: (a: Extract<PlanAction, { kind: K }>, b: Extract<PlanAction, { kind: K }>) => number } = {
  grant: (a, b) => compareGrants(a.grant, b.grant),
  'create-topic': (a, b) => compareTopicRefs(a.topic, b.topic),
  'adopt-topic': (a, b) => compareTopicRefs(a.topic, b.topic),
  'create-acl': (a, b) => compareAcls(a.acl, b.acl),
  'adopt-acl': (a, b) => compareAcls(a.acl, b.acl),
  'update-binding': (a, b) => compareBindings(a.binding, b.binding),
  'start-binding': (a, b) => compareBindings(a.binding, b.binding),
  'hand-over-platform-listener': (a, b) => byString(bindingKey({ ...a.origin, direction: 'subscribe' }), bindingKey({ ...b.origin, direction: 'subscribe' })),
  'stop-binding': (a, b) => compareBindings(a.binding, b.binding),
  'remove-platform-listener': (a, b) => byString(bindingKey({ ...a.origin, direction: 'subscribe' }), bindingKey({ ...b.origin, direction: 'subscribe' })),
  'delete-acl': (a, b) => compareAcls(a.acl, b.acl),
};

/**
 * The actions in {@link actionOrder}, each kind sorted by the identity of what it changes; counts the
 * actions of each kind present into `counts`, in that order.
 */
function sortActions(actions: ActionsByKind, counts: Map<PlanActionKind, number>): PlanAction[] {
  const sorted: PlanAction[] = [];
  for (const kind of actionOrder) {
    const ofKind: PlanAction[] = actions[kind];
    if (ofKind.length === 0) continue;
    counts.set(kind, ofKind.length);
    // Each action carries every field it changes (a compact plan leaves out those its object says, see compactPlan.ts).
    for (const action of ofKind.sort(compareWithin[kind] as (a: PlanAction, b: PlanAction) => number)) sorted.push(withChanges(action));
  }
  return sorted;
}

/** Tells whether a plan changes nothing. */
export function isEmptyPlan(p: Plan): boolean {
  return p.actions.length === 0;
}

/** The grants a plan needs that only a cluster admin can give. */
export function blockedGrants(p: Plan): Grant[] {
  return p.actions.flatMap((a) => (a.kind === 'grant' && a.blocked ? [a.grant] : []));
}
