import type { Catalog, Grant, TopicRef } from './catalog.ts';
import { aclsFor } from './acls.ts';
import type { Binding, Desired, DesiredTopic, PublishBinding, SubscribeBinding } from './desired.ts';
import type { AlgorithmNode, FlowEdge, FlowGraph, TopicNode } from './graph.ts';
import { indexGraph, subscriptionDlq, topicIdsOn, type GraphIndex } from './graphIndex.ts';
import type { NameMap } from './nameMap.ts';
import { bindingKey, byString, compareTopicRefs, grantKey, hasSeparator } from './keys.ts';
import { groupNumbers, KeyNumbers, RankedItems } from './numbers.ts';
import { AlgorithmNamer, consumerGroupIn, defaultNaming, type ConsumerGroupTemplate, type NamingOptions } from './naming.ts';
import { accessNeeds } from './needs.ts';

/** Settings a subscription gets when its algorithm node leaves them out. */
export const bindingDefaults = {
  retry: { maxAttempts: 3, backoffMs: 1_000 },
  concurrency: 1,
  ordering: 'partition',
  /** The platform's default time-out for event flows: 420 s. */
  timeoutMs: 420_000,
} as const satisfies Pick<SubscribeBinding, 'retry' | 'concurrency' | 'ordering' | 'timeoutMs'>;

/** Options for {@link compile}. */
export interface CompileOptions {
  flowId: string;
  naming?: NamingOptions;
}

/**
 * Compiles a flow graph into what must exist for it to run: topics, the grants it needs, the enabled
 * bindings and their Kafka ACLs (DESIGN §3–§4). Deterministic: the same graph gives the same output,
 * whatever the order of its nodes and edges, sorted by identity. Only well-formed edges count; a graph
 * with validation errors compiles to what its well-formed part means.
 */
export function compile(graph: FlowGraph, _catalog: Catalog, options: CompileOptions): Desired {
  const naming = options.naming ?? defaultNaming;
  const index = indexGraph(graph);
  const order = identityOrder(index);
  const bindings = desiredBindings(index, order, options.flowId, naming);
  const grants = desiredGrants(index, order);
  const desired: Desired = {
    flowId: options.flowId,
    topics: desiredTopics(index, order),
    grants: grants.items,
    bindings: bindings.items,
    acls: aclsFor(bindings.items),
  };
  if (index.plainNames && !index.topicNodes.some((node) => hasSeparator(node.topic))) {
    compiledNumbers.set(desired, numbersOf(desired, index, order, grants.ranks, bindings.ranks));
  }
  return desired;
}

/**
 * The identity numbers of what compile output, position by position: the topic's identity number
 * ({@link GraphIndex.topicNodes}) and the algorithm reference's number ({@link GraphIndex.refNos}). Plan
 * numbers the desired side with them instead of looking tens of thousands of names up.
 */
export interface CompiledNumbers {
  /** The index the numbers come from. No name in it holds U+0000, topic names included. */
  index: GraphIndex;
  topicIds: readonly number[];
  grantTopicIds: Int32Array;
  grantRefNos: Int32Array;
  bindingTopicIds: Int32Array;
  bindingRefNos: Int32Array;
  /** {@link shapeOf} the Desired when it was numbered. */
  shape: unknown[];
}

/**
 * Each numbered list with its length and its first and last items: a list replaced, resized or
 * reordered end to end since gives another shape.
 */
function shapeOf(desired: Desired): unknown[] {
  return [desired.topics, desired.grants, desired.bindings].flatMap((list: readonly unknown[]) => [list, list.length, list[0], list[list.length - 1]]);
}

// Kept per Desired, a value nobody changes once compile returns it (as graphs are, for the index).
const compiledNumbers = new WeakMap<Desired, CompiledNumbers>();

/**
 * The {@link CompiledNumbers} of a Desired that compile returned and whose lists are still the ones it
 * returned; `undefined` for any other Desired (read from a file, built by hand, or a copy). A Desired is
 * a value: a list replaced, resized or with other items at its ends is noticed, but a caller that edits
 * compile's output in place must copy it first.
 */
export function compiledNumbersOf(desired: Desired): CompiledNumbers | undefined {
  const numbers = compiledNumbers.get(desired);
  if (!numbers) return undefined;
  return shapeOf(desired).every((part, i) => part === numbers.shape[i]) ? numbers : undefined;
}

/** Reads the numbers back from the sort numbers compile gave grants and bindings (see their `rank`). */
function numbersOf(desired: Desired, index: GraphIndex, order: IdentityOrder, grantRanks: Float64Array, bindingRanks: Float64Array): CompiledNumbers {
  const refCount = order.refRanks.length;
  const topicCount = index.topicNodes.length;
  const refNoOfRank = new Int32Array(refCount);
  order.refRanks.forEach((rank, refNo) => (refNoOfRank[rank] = refNo));
  const grantTopicIds = new Int32Array(grantRanks.length);
  const grantRefNos = new Int32Array(grantRanks.length);
  // Plain loops: a callback would be handed each rank as a boxed number.
  for (let i = 0; i < grantRanks.length; i++) {
    const pair = Math.floor((grantRanks[i] as number) / 2);
    grantTopicIds[i] = order.topicIds[Math.floor(pair / refCount)] as number;
    grantRefNos[i] = refNoOfRank[pair % refCount] as number;
  }
  const bindingTopicIds = new Int32Array(bindingRanks.length);
  const bindingRefNos = new Int32Array(bindingRanks.length);
  for (let i = 0; i < bindingRanks.length; i++) {
    const pair = Math.floor((bindingRanks[i] as number) / 2);
    bindingRefNos[i] = refNoOfRank[Math.floor(pair / topicCount)] as number;
    bindingTopicIds[i] = order.topicIds[pair % topicCount] as number;
  }
  return {
    index,
    topicIds: order.topicIds,
    grantTopicIds,
    grantRefNos,
    bindingTopicIds,
    bindingRefNos,
    shape: shapeOf(desired),
  };
}

/**
 * Ranks of topic identities and algorithm references in output order, so that grants and bindings
 * sort by numbers: ordering by (topic rank, reference rank) is ordering by (connection, topic, algorithm).
 * The numbers built from them (rank × count × 2 at most) stay exact far beyond any graph in memory.
 */
interface IdentityOrder {
  /** Topic identity numbers sorted by connection, then topic. */
  topicIds: number[];
  /** The rank of each topic identity number in `topicIds`. */
  topicRanks: Int32Array;
  /** The rank of each algorithm reference number ({@link GraphIndex.refNos}) among the graph's references, by code unit. */
  refRanks: Int32Array;
}

function identityOrder(index: GraphIndex): IdentityOrder {
  const topicIds = sortedTopicIds(index);
  const topicRanks = new Int32Array(topicIds.length);
  topicIds.forEach((id, rank) => (topicRanks[id] = rank));
  const refRanks = new Int32Array(index.refs.length);
  // The built-in sort without a comparator orders strings by code unit, as byString does, and faster.
  [...index.refs].sort().forEach((ref, rank) => (refRanks[index.refNos.get(ref) as number] = rank));
  return { topicIds, topicRanks, refRanks };
}

/** The topic identity numbers, sorted by connection, then topic. */
function sortedTopicIds(index: GraphIndex): number[] {
  const nodes = index.topicNodes;
  if (!index.plainNames) return nodes.map((_, id) => id).sort((a, b) => compareTopicRefs(nodes[a] as TopicNode, nodes[b] as TopicNode));
  // With plain names, the names of each connection's topics sort as plain strings (by code unit, as
  // byString does), which the built-in sort does without calling a comparator.
  const ids: number[] = [];
  const connections = [...new Set(nodes.map((node) => node.connection))].sort();
  for (const connection of connections) {
    const topics = topicIdsOn(index, connection) as NameMap;
    for (const name of topics.names().sort()) ids.push(topics.get(name) as number);
  }
  return ids;
}

/**
 * One entry per topic identity, in (connection, topic) order. Where several nodes show one topic, the
 * settings come from the first node by id that says how to create it, else the first by id.
 */
function desiredTopics(index: GraphIndex, order: IdentityOrder): DesiredTopic[] {
  // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
  const chosen = new Array<TopicNode | undefined>(index.topicNodes.length);
  const copies = new Map<number, TopicNode[]>();
  index.topics.forEach((node, i) => {
    const id = index.topicIdsOfTopics[i] as number;
    const first = chosen[id];
    if (!first) chosen[id] = node;
    else {
      const list = copies.get(id);
      if (list) list.push(node);
      else copies.set(id, [first, node]);
    }
  });
  // Only topics shown by several nodes need the choice, made in id order.
  for (const [id, nodes] of copies) {
    let current: TopicNode | undefined;
    for (const node of nodes.sort((a, b) => byString(a.id, b.id))) {
      if (!current || ((current.create?.partitions ?? null) === null && node.create)) current = node;
    }
    chosen[id] = current as TopicNode;
  }
  return order.topicIds.map((id) => {
    const node = chosen[id] as TopicNode;
    return {
      connection: node.connection,
      topic: node.topic,
      partitions: node.create?.partitions ?? null,
      replicationFactor: node.create?.replicationFactor ?? null,
      config: node.create ? sortedRecord(node.create.config) : noConfig,
    };
  });
}

/** The grants the graph's access needs call for, one per identity, sorted by identity, with their sort numbers. */
function desiredGrants(index: GraphIndex, order: IdentityOrder): { items: Grant[]; ranks: Float64Array } {
  // Like Map.set: a later grant of the same identity replaces the earlier one.
  const needs = accessNeeds(index);
  const grants = new RankedItems<Grant>((_kept, next) => next, index.plainNames, needs.count);
  const refCount = order.refRanks.length;
  const fullKeys = index.plainNames ? undefined : new KeyNumbers();
  for (let need = 0; need < needs.count; need++) {
    const topic = needs.topics[need] as TopicNode;
    const algorithmNo = needs.algorithmNos[need] as number;
    const grant: Grant = {
      connection: topic.connection,
      topic: topic.topic,
      algorithm: (index.algorithms[algorithmNo] as AlgorithmNode).algorithm,
      access: needs.accessOf(need),
    };
    // (topic, algorithm, access) as one number in compareGrants order ('publish' before 'subscribe').
    const topicRank = order.topicRanks[needs.topicIds[need] as number] as number;
    const refRank = order.refRanks[index.algorithmRefNos[algorithmNo] as number] as number;
    const rank = (topicRank * refCount + refRank) * 2 + (grant.access === 'publish' ? 0 : 1);
    grants.add(fullKeys ? fullKeys.of(grantKey(grant)) : rank, grant, rank);
  }
  return grants.sorted();
}

/** The enabled bindings: one per subscribe and publish identity, sorted by identity, with their sort numbers. */
function desiredBindings(index: GraphIndex, order: IdentityOrder, flowId: string, naming: NamingOptions): { items: Binding[]; ranks: Float64Array } {
  // Keeps the binding of the algorithm node that sorts first, so that duplicated algorithm nodes
  // (a validation error) still compile deterministically.
  const bindings = new RankedItems<Binding>(
    (kept, next) => (byString(JSON.stringify(next), JSON.stringify(kept)) < 0 ? next : kept),
    index.plainNames,
    index.subscribe.length + index.publish.length,
  );
  const topicCount = index.topicNodes.length;
  const fullKeys = index.plainNames ? undefined : new KeyNumbers();
  const namingOf = algorithmNamings(index, order, naming);
  const keep = (binding: Binding, refRank: number, topicId: number) => {
    // (algorithm, topic, direction) as one number in compareBindings order ('publish' before 'subscribe').
    const rank = (refRank * topicCount + (order.topicRanks[topicId] as number)) * 2 + (binding.direction === 'publish' ? 0 : 1);
    const id = fullKeys ? fullKeys.of(bindingKey(binding)) : rank;
    bindings.add(id, binding, rank);
  };
  const topicRefs = topicRefsOf(index);
  const outputs = outputsByAlgorithm(index, order, topicRefs);
  const subscribe = index.ends.subscribe;
  index.subscribe.forEach((edge, i) => {
    const algorithmNo = subscribe.algorithmNos[i] as number;
    const algorithm = index.algorithms[algorithmNo] as AlgorithmNode;
    const names = namingOf(algorithmNo);
    const topic = subscribe.topics[i] as TopicNode;
    const dlq = subscriptionDlq(index, edge, algorithmNo);
    const binding: SubscribeBinding = {
      flowId,
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      direction: 'subscribe',
      version: edge.version ?? algorithm.version,
      principal: names.principal,
      consumerGroup: consumerGroupIn(names.consumerGroups, topic.connection, topic.topic),
      dlq: dlq ? topicRefs(dlq.topicId) : null,
      outputs: outputs.of(algorithmNo),
      retry: algorithm.retry ?? bindingDefaults.retry,
      concurrency: algorithm.concurrency ?? bindingDefaults.concurrency,
      ordering: algorithm.ordering ?? bindingDefaults.ordering,
      timeoutMs: algorithm.timeoutMs ?? bindingDefaults.timeoutMs,
    };
    keep(binding, names.refRank, subscribe.topicIds[i] as number);
  });
  const publish = index.ends.publish;
  publish.algorithmNos.forEach((algorithmNo, i) => {
    const algorithm = index.algorithms[algorithmNo] as AlgorithmNode;
    const names = namingOf(algorithmNo);
    const topic = publish.topics[i] as TopicNode;
    const binding: PublishBinding = {
      flowId,
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      direction: 'publish',
      version: (index.publish[i] as FlowEdge).version ?? algorithm.version,
      principal: names.principal,
    };
    keep(binding, names.refRank, publish.topicIds[i] as number);
  });
  return bindings.sorted();
}

/** Each algorithm's distinct output topics in (connection, topic) order, one shared list per algorithm. */
function outputsByAlgorithm(index: GraphIndex, order: IdentityOrder, topicRefs: (topicId: number) => TopicRef): { of(algorithmNo: number): TopicRef[] } {
  const publish = index.ends.publish;
  const outputs = groupNumbers(index.algorithms.length, publish.algorithmNos, publish.topicIds);
  // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
  const lists = new Array<TopicRef[] | undefined>(index.algorithms.length);
  return {
    of(algorithmNo) {
      let list = lists[algorithmNo];
      if (!list) {
        const from = outputs.start[algorithmNo] as number;
        const to = outputs.start[algorithmNo + 1] as number;
        const ids = sortByRank(outputs.items, from, to, order.topicRanks);
        // Sorted, a topic published to by several edges comes up in a row: keep it once. Counted first,
        // so that the list is made at its size.
        let distinct = 0;
        for (let j = from; j < to; j++) if (j === from || ids[j] !== ids[j - 1]) distinct++;
        list = new Array<TopicRef>(distinct);
        let at = 0;
        for (let j = from; j < to; j++) if (j === from || ids[j] !== ids[j - 1]) list[at++] = topicRefs(ids[j] as number);
        lists[algorithmNo] = list;
      }
      return list;
    },
  };
}

/** Sorts `ids[from]` … `ids[to - 1]` in place by their `ranks` and returns `ids`. Short runs, the usual case, get an insertion sort. */
function sortByRank(ids: Int32Array, from: number, to: number, ranks: Int32Array): Int32Array {
  if (to - from > 16) {
    ids.subarray(from, to).sort((a, b) => (ranks[a] as number) - (ranks[b] as number));
    return ids;
  }
  for (let i = from + 1; i < to; i++) {
    const id = ids[i] as number;
    let at = i;
    while (at > from && (ranks[ids[at - 1] as number] as number) > (ranks[id] as number)) {
      ids[at] = ids[at - 1] as number;
      at--;
    }
    ids[at] = id;
  }
  return ids;
}

/**
 * The {@link TopicRef} of each topic identity number, made once and shared by every binding that names
 * the topic (as a DLQ or an output): bindings are data nobody changes, and thousands of them name a few
 * topics.
 */
function topicRefsOf(index: GraphIndex): (topicId: number) => TopicRef {
  // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
  const refs = new Array<TopicRef | undefined>(index.topicNodes.length).fill(undefined);
  return (topicId) => {
    let ref = refs[topicId];
    if (!ref) {
      const node = index.topicNodes[topicId] as TopicNode;
      refs[topicId] = ref = { connection: node.connection, topic: node.topic };
    }
    return ref;
  };
}

/** The names one algorithm reference acts under. */
interface AlgorithmNaming {
  principal: string;
  consumerGroups: ConsumerGroupTemplate;
  /** The reference's rank in {@link IdentityOrder.refRanks}. */
  refRank: number;
}

/** The {@link AlgorithmNaming} of each algorithm node, by its place in the index, worked out once per reference. */
function algorithmNamings(index: GraphIndex, order: IdentityOrder, naming: NamingOptions): (algorithmNo: number) => AlgorithmNaming {
  const namer = new AlgorithmNamer(naming);
  // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
  const byRef = new Array<AlgorithmNaming | undefined>(index.refs.length).fill(undefined);
  return (algorithmNo) => {
    const refNo = index.algorithmRefNos[algorithmNo] as number;
    let entry = byRef[refNo];
    if (!entry) {
      const names = namer.names(index.refs[refNo] as string);
      entry = { principal: names.principal, consumerGroups: names.consumerGroups, refRank: order.refRanks[refNo] as number };
      byRef[refNo] = entry;
    }
    return entry;
  };
}

// The config of every topic that names none: one object for thousands of topics, frozen because they share it.
const noConfig: Record<string, string> = Object.freeze({});

function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(byString)) out[key] = record[key] as string;
  return out;
}
