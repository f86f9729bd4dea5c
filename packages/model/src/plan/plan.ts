import type { Grant, Role } from '../catalog.ts';
import { aclMapFor, aclsFor } from '../acls.ts';
import { compiledNumbersOf, type CompiledNumbers } from '../compile.ts';
import type { Acl, Actual, Binding, Desired, DesiredTopic } from '../desired.ts';
import { topicIdsOn, topicKey, type GraphIndex } from '../graphIndex.ts';
import {
  aclKey,
  bindingKey,
  byString,
  canonicalJson,
  compareAcls,
  compareBindings,
  compareGrants,
  compareTopicRefs,
  grantKey,
} from '../keys.ts';
import { KeyNumbers, TupleNumbers, type NumberSeed } from '../numbers.ts';
import { summaryOf } from './describe.ts';
import { actionOrder, type Drift, type Plan, type PlanAction, type PlanActionKind } from './planSchema.ts';

/** Options for {@link plan}. */
export interface PlanOptions {
  /** Who deploys: only a cluster admin's plan may grant access. */
  role: Role;
  /** Each connection's name as people know it, for the plan's notes (default: the connection's id). */
  connectionNames?: ReadonlyMap<string, string>;
}

/**
 * Computes the ordered, idempotent actions that take Kafka and the bindings from `actual` to what one
 * flow's `desired` needs (DESIGN §3). Guarantees: it never deletes a topic; it deletes only ACLs that
 * Event Flows Studio created (`actual.managedAcls`), that no enabled binding of any flow needs, and that
 * are this flow's (its bindings need them now, or they are recorded as its in `actual.flowAcls`); it
 * starts, updates and stops only this flow's bindings; it creates and deletes ACLs only on the
 * connections whose ACLs were read (`actual.aclsReadOn`); it reports drift. Planning again after
 * applying the plan yields no actions.
 */
export function plan(desired: Desired, actual: Actual, options: PlanOptions): Plan {
  // Grants and bindings mostly name the same (topic, algorithm) pairs: the longest list sizes the table.
  const pairs = Math.max(desired.grants.length, actual.grants.length, desired.bindings.length, actual.bindings.length);
  const compiled = compiledNumbersOf(desired);
  const numbers = new TupleNumbers(pairs, compiled && graphSeed(compiled.index));
  // Compile lists what it outputs in identity order: actions made in that order need no sorting.
  const desiredInOrder = compiled !== undefined;
  const result = planWith(new NumberedKeys(numbers, compiled), desired, actual, options, desiredInOrder);
  // A name held the keys' separator: plan again with the full string keys, which define identity.
  return numbers.plain ? result : planWith(new StringKeys(), desired, actual, options, desiredInOrder);
}

function planWith(keys: IdentityKeys, desired: Desired, actual: Actual, options: PlanOptions, desiredInOrder: boolean): Plan {
  const actions = emptyBuckets(desired, actual);
  const drift: Drift[] = [];
  const notes: string[] = [];
  let blocked = false;
  // Identity numbers are small and dense, so sets and maps of them are arrays indexed by number.
  const bound = keyBound(desired, actual);

  const granted = new Uint8Array(bound);
  for (let i = 0; i < actual.grants.length; i++) granted[keys.grant(actual.grants[i] as Grant)] = 1;
  for (let i = 0; i < desired.grants.length; i++) {
    const grant = desired.grants[i] as Grant;
    if (granted[keys.desiredGrant(i, grant)]) continue;
    const isBlocked = options.role !== 'admin';
    blocked ||= isBlocked;
    actions.grant.add({ kind: 'grant', grant, blocked: isBlocked });
  }

  // Where each topic is in actual.topics, plus one (0: not there). Typed arrays of positions rather than
  // arrays of objects: half the memory, nothing for the garbage collector to trace, no filling pass.
  const actualTopicAt = new Int32Array(bound);
  actual.topics.forEach((topic, i) => (actualTopicAt[keys.topic(topic.connection, topic.topic)] = i + 1));
  for (let i = 0; i < desired.topics.length; i++) {
    const topic = desired.topics[i] as DesiredTopic;
    const existing = actual.topics[(actualTopicAt[keys.desiredTopic(i, topic)] as number) - 1];
    if (!existing) actions['create-topic'].add({ kind: 'create-topic', topic });
    else if (topic.partitions !== null && existing.partitions !== topic.partitions) {
      drift.push({ kind: 'topic-partitions', connection: topic.connection, topic: topic.topic, desired: topic.partitions, actual: existing.partitions });
    }
  }

  // Where each binding is in actual.bindings, plus one; not needed before a first deploy.
  const actualBindingAt = actual.bindings.length > 0 ? new Int32Array(bound) : undefined;
  if (actualBindingAt) actual.bindings.forEach((binding, i) => (actualBindingAt[keys.binding(binding)] = i + 1));
  const desiredKeys = new Uint8Array(bound);
  const otherFlows = actual.bindings.filter((b) => b.flowId !== desired.flowId);
  // Sized once for the most there can be (see ActionList).
  const started = new Array<Binding>(desired.bindings.length);
  let startedCount = 0;
  for (let i = 0; i < desired.bindings.length; i++) {
    const binding = desired.bindings[i] as Binding;
    const key = keys.desiredBinding(i, binding);
    desiredKeys[key] = 1;
    const current = actualBindingAt && actual.bindings[(actualBindingAt[key] as number) - 1];
    if (current && current.flowId !== desired.flowId) {
      blocked = true;
      notes.push(`${binding.algorithm} already ${binding.direction}s "${binding.topic}" in flow "${current.flowId}"; that binding is left as it is.`);
      continue;
    }
    started[startedCount++] = binding;
    if (!current) actions['start-binding'].add({ kind: 'start-binding', binding });
    else {
      const changes = changedFields(current, binding);
      if (changes.length > 0) actions['update-binding'].add({ kind: 'update-binding', binding, previous: current, changes });
    }
  }
  started.length = startedCount;
  for (const binding of actual.bindings) {
    if (binding.flowId === desired.flowId && !desiredKeys[keys.binding(binding)]) actions['stop-binding'].add({ kind: 'stop-binding', binding });
  }

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
  const sortedAcls = actual.acls.length === 0 && actual.managedAcls.length === 0;
  if (sortedAcls) {
    // Nothing in Kafka to compare with: each required ACL is created, already in order.
    // When this flow alone has bindings, the required ACLs are the desired ones compile derived.
    const requiredAcls =
      otherFlows.length === 0 && started.length === desired.bindings.length ? desired.acls : aclsFor([...otherFlows, ...started]);
    actions['create-acl'].expect(requiredAcls.length);
    for (let i = 0; i < requiredAcls.length; i++) {
      const acl = requiredAcls[i] as Acl;
      if (!untouched(acl.connection)) actions['create-acl'].add({ kind: 'create-acl', acl, drift: false });
    }
  } else {
    const required = aclMapFor(started, aclMapFor(otherFlows));
    const present = new Set(actual.acls.map(aclKey));
    const managed = new Map(actual.managedAcls.map((a) => [aclKey(a), a]));
    actions['create-acl'].expect(required.size);
    actions['delete-acl'].expect(managed.size);
    for (const [key, acl] of required) {
      if (present.has(key) || untouched(acl.connection)) continue;
      const missing = managed.has(key);
      if (missing) drift.push({ kind: 'acl-missing', acl });
      actions['create-acl'].add({ kind: 'create-acl', acl, drift: missing });
    }
    // An ACL no binding needs any more is deleted by the plan of the flow that had it: the flow whose
    // bindings need it now, or whose record it is (left by a crash or a failed DeleteAcls). Never by an
    // unrelated flow's plan, which a person reviews for that flow's changes alone.
    const ofThisFlow = aclMapFor(actual.bindings.filter((b) => b.flowId === desired.flowId));
    const recorded = new Set((actual.flowAcls ?? []).map(aclKey));
    for (const [key, acl] of managed) {
      if (!required.has(key) && (ofThisFlow.has(key) || recorded.has(key)) && !untouched(acl.connection)) actions['delete-acl'].add({ kind: 'delete-acl', acl });
    }
    const kept = leftAclsKept(actual, required, present, recorded);
    if (kept > 0) {
      notes.push(
        `Kafka still holds ${kept} ACL${kept === 1 ? '' : 's'} this flow left while none of its bindings was enabled (a deploy or undeploy was cut short): deploying uses ${kept === 1 ? 'it' : 'them'} again; undeploying removes ${kept === 1 ? 'it' : 'them'}.`,
      );
    }
  }

  const counts = new Map<PlanActionKind, number>();
  // The kinds whose actions came in identity order: made from desired lists in that order, or ACLs
  // created from a sorted list.
  const inOrder = new Set<PlanActionKind>(desiredInOrder ? ['grant', 'create-topic', 'update-binding', 'start-binding'] : []);
  if (sortedAcls) inOrder.add('create-acl');
  const sorted = sortActions(actions, inOrder, counts);
  const blockedGrants = actions.grant.list().reduce((n, a) => (a.blocked ? n + 1 : n), 0);
  return { flowId: desired.flowId, actions: sorted, drift, notes, blocked, summary: summaryOf(counts, blockedGrants, drift.length) };
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

/**
 * An upper bound of the identity numbers {@link IdentityKeys} give for one plan: each item of the lists
 * numbers at most one new identity, and grant and binding numbers are doubled for the access bit.
 */
function keyBound(desired: Desired, actual: Actual): number {
  const items = desired.grants.length + actual.grants.length + desired.topics.length + actual.topics.length + desired.bindings.length + actual.bindings.length;
  return 2 * items + 2;
}

/**
 * Numbers for the identities plan compares: equal exactly when grantKey, topicKey or bindingKey is; small
 * and dense (below {@link keyBound}).
 */
interface IdentityKeys {
  grant(grant: Grant): number;
  topic(connection: string, topic: string): number;
  binding(binding: Binding): number;
  /** The number of `desired.grants[position]`, which is `grant`. */
  desiredGrant(position: number, grant: Grant): number;
  /** The number of `desired.topics[position]`, which is `topic`. */
  desiredTopic(position: number, topic: DesiredTopic): number;
  /** The number of `desired.bindings[position]`, which is `binding`. */
  desiredBinding(position: number, binding: Binding): number;
}

/** Numbers for the topics and algorithm references of a graph's index, as the index numbers them. */
function graphSeed(index: GraphIndex): NumberSeed {
  return {
    topicsOn: (connection) => topicIdsOn(index, connection),
    topicCount: index.topicNodes.length,
    strings: index.refNos,
    stringCount: index.refs.length,
  };
}

/**
 * Identity numbers built from numbered names, without joining strings. Classes rather than objects of
 * closures: every plan calls the same methods, so the optimised planner stays valid from one call to the next.
 */
class NumberedKeys implements IdentityKeys {
  /**
   * @param compiled The numbers compile gave the desired side; the TupleNumbers must be seeded with
   *   the same index, so that what the actual side names gets the same numbers.
   */
  constructor(
    private readonly numbers: TupleNumbers,
    private readonly compiled: CompiledNumbers | undefined,
  ) {}

  grant(g: Grant): number {
    return this.onTopic(g.connection, g.topic, g.algorithm, g.access);
  }

  topic(connection: string, topic: string): number {
    return this.numbers.topic(connection, topic);
  }

  binding(b: Binding): number {
    return this.onTopic(b.connection, b.topic, b.algorithm, b.direction);
  }

  desiredGrant(position: number, g: Grant): number {
    const compiled = this.compiled;
    if (!compiled) return this.grant(g);
    return this.pairKey(compiled.grantTopicIds[position] as number, compiled.grantRefNos[position] as number, g.access);
  }

  desiredTopic(position: number, topic: DesiredTopic): number {
    return this.compiled ? (this.compiled.topicIds[position] as number) : this.topic(topic.connection, topic.topic);
  }

  desiredBinding(position: number, b: Binding): number {
    const compiled = this.compiled;
    if (!compiled) return this.binding(b);
    return this.pairKey(compiled.bindingTopicIds[position] as number, compiled.bindingRefNos[position] as number, b.direction);
  }

  private onTopic(connection: string, topic: string, algorithm: string, way: 'publish' | 'subscribe'): number {
    return this.pairKey(this.numbers.topic(connection, topic), this.numbers.string(algorithm), way);
  }

  // A (topic, algorithm) pair's number, doubled to make room for the access (or direction) bit.
  private pairKey(topicNo: number, algorithmNo: number, way: 'publish' | 'subscribe'): number {
    return this.numbers.pair(topicNo, algorithmNo) * 2 + (way === 'publish' ? 0 : 1);
  }
}

/** Identity numbers of the full string keys: exact whatever the names hold. */
class StringKeys implements IdentityKeys {
  private readonly full = new KeyNumbers();

  grant(g: Grant): number {
    return this.full.of(grantKey(g));
  }

  topic(connection: string, topic: string): number {
    return this.full.of(topicKey(connection, topic));
  }

  binding(b: Binding): number {
    return this.full.of(bindingKey(b));
  }

  desiredGrant(_position: number, g: Grant): number {
    return this.grant(g);
  }

  desiredTopic(_position: number, topic: DesiredTopic): number {
    return this.topic(topic.connection, topic.topic);
  }

  desiredBinding(_position: number, b: Binding): number {
    return this.binding(b);
  }
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

/** The actions of one kind. The list is made on the first action at the most there can be (see RankedItems on growing lists). */
class ActionList<A> {
  private items: A[] = [];
  private count = 0;

  constructor(private most: number) {}

  /** Sets the most actions there can be, before the first one is added. */
  expect(most: number): void {
    this.most = most;
  }

  add(action: A): void {
    if (this.count === 0) this.items = new Array<A>(Math.max(this.most, 1));
    this.items[this.count++] = action;
  }

  /** The actions added, in the order they came. */
  list(): A[] {
    this.items.length = this.count;
    return this.items;
  }
}

type ActionBuckets = { [K in PlanActionKind]: ActionList<Extract<PlanAction, { kind: K }>> };

function emptyBuckets(desired: Desired, actual: Actual): ActionBuckets {
  return {
    grant: new ActionList(desired.grants.length),
    'create-topic': new ActionList(desired.topics.length),
    'create-acl': new ActionList(0),
    'update-binding': new ActionList(desired.bindings.length),
    'start-binding': new ActionList(desired.bindings.length),
    'stop-binding': new ActionList(actual.bindings.length),
    'delete-acl': new ActionList(0),
  };
}

/** Each kind's order: by the identity of what its actions change. */
const compareWithin: { [K in PlanActionKind]: (a: Extract<PlanAction, { kind: K }>, b: Extract<PlanAction, { kind: K }>) => number } = {
  grant: (a, b) => compareGrants(a.grant, b.grant),
  'create-topic': (a, b) => compareTopicRefs(a.topic, b.topic),
  'create-acl': (a, b) => compareAcls(a.acl, b.acl),
  'update-binding': (a, b) => compareBindings(a.binding, b.binding),
  'start-binding': (a, b) => compareBindings(a.binding, b.binding),
  'stop-binding': (a, b) => compareBindings(a.binding, b.binding),
  'delete-acl': (a, b) => compareAcls(a.acl, b.acl),
};

/**
 * The actions in {@link actionOrder}, each kind sorted by identity (the kinds `inOrder` names already
 * are); counts the actions of each kind present into `counts`, in that order.
 */
function sortActions(actions: ActionBuckets, inOrder: ReadonlySet<PlanActionKind>, counts: Map<PlanActionKind, number>): PlanAction[] {
  let total = 0;
  for (const kind of actionOrder) total += actions[kind].list().length;
  // Sized up front: tens of thousands of actions would otherwise be copied at every growth step.
  const sorted = new Array<PlanAction>(total);
  let at = 0;
  for (const kind of actionOrder) {
    const bucket: PlanAction[] = actions[kind].list();
    if (bucket.length === 0) continue;
    counts.set(kind, bucket.length);
    if (!inOrder.has(kind)) bucket.sort(compareWithin[kind] as (a: PlanAction, b: PlanAction) => number);
    for (let i = 0; i < bucket.length; i++) sorted[at++] = bucket[i] as PlanAction;
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


