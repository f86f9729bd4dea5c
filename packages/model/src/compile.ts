import type { Catalog, Grant, TopicRef } from './catalog.ts';
import type { Acl, Binding, Desired, DesiredTopic, SubscribeBinding } from './desired.ts';
import type { AlgorithmNode, FlowGraph, TopicNode } from './graph.ts';
import { dlqEdgesByAlgorithm, dlqNodeFor, indexGraph, topicKey } from './graphIndex.ts';
import { aclKey, bindingKey, byString, compareAcls, compareBindings, compareGrants, compareTopicRefs, grantKey } from './keys.ts';
import { consumerGroupFor, defaultNaming, principalFor, type NamingOptions } from './naming.ts';
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
  const ref = (t: TopicNode): TopicRef => ({ connection: t.connection, topic: t.topic });

  const topics = new Map<string, DesiredTopic>();
  for (const node of [...index.topics].sort((a, b) => byString(a.id, b.id))) {
    const key = topicKey(node.connection, node.topic);
    const existing = topics.get(key);
    if (existing && (existing.partitions !== null || !node.create)) continue;
    topics.set(key, {
      connection: node.connection,
      topic: node.topic,
      partitions: node.create?.partitions ?? null,
      replicationFactor: node.create?.replicationFactor ?? null,
      config: sortedRecord(node.create?.config ?? {}),
    });
  }

  const outputsByAlgorithm = new Map<string, Map<string, TopicRef>>();
  for (const edge of index.publish) {
    const topic = index.nodes.get(edge.target) as TopicNode;
    let outputs = outputsByAlgorithm.get(edge.source);
    if (!outputs) outputsByAlgorithm.set(edge.source, (outputs = new Map<string, TopicRef>()));
    outputs.set(topicKey(topic.connection, topic.topic), ref(topic));
  }
  // One sorted outputs list per algorithm, shared by its subscriptions (outputs are values: never changed).
  const sortedOutputs = new Map<string, TopicRef[]>();
  const outputsOf = (algorithmId: string) => {
    let list = sortedOutputs.get(algorithmId);
    if (!list) sortedOutputs.set(algorithmId, (list = [...(outputsByAlgorithm.get(algorithmId)?.values() ?? [])].sort(compareTopicRefs)));
    return list;
  };

  const grants = new Map<string, Grant>();
  const bindings = new Map<string, Binding>();
  const dlqEdges = dlqEdgesByAlgorithm(index);
  const principals = new Map<string, string>();
  const principal = (algorithm: string) => {
    let p = principals.get(algorithm);
    if (p === undefined) principals.set(algorithm, (p = principalFor(algorithm, naming)));
    return p;
  };
  for (const need of accessNeeds(index)) {
    const grant: Grant = {
      connection: need.topic.connection,
      topic: need.topic.topic,
      algorithm: need.algorithm.algorithm,
      access: need.access,
    };
    grants.set(grantKey(grant), grant);
  }
  for (const edge of index.subscribe) {
    const algorithm = index.nodes.get(edge.target) as AlgorithmNode;
    const topic = index.nodes.get(edge.source) as TopicNode;
    const dlq = dlqNodeFor(index, edge, dlqEdges);
    const outputs = outputsOf(algorithm.id);
    const binding: SubscribeBinding = {
      flowId: options.flowId,
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      direction: 'subscribe',
      version: algorithm.version,
      principal: principal(algorithm.algorithm),
      consumerGroup: consumerGroupFor(algorithm.algorithm, topic.connection, topic.topic, naming),
      dlq: dlq ? ref(dlq) : null,
      outputs,
      retry: algorithm.retry ?? bindingDefaults.retry,
      concurrency: algorithm.concurrency ?? bindingDefaults.concurrency,
      ordering: algorithm.ordering ?? bindingDefaults.ordering,
      timeoutMs: algorithm.timeoutMs ?? bindingDefaults.timeoutMs,
    };
    keepFirst(bindings, binding);
  }
  for (const edge of index.publish) {
    const algorithm = index.nodes.get(edge.source) as AlgorithmNode;
    const topic = index.nodes.get(edge.target) as TopicNode;
    keepFirst(bindings, {
      flowId: options.flowId,
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      direction: 'publish',
      version: algorithm.version,
      principal: principal(algorithm.algorithm),
    });
  }

  const sortedBindings = [...bindings.values()].sort(compareBindings);
  return {
    flowId: options.flowId,
    topics: [...topics.values()].sort(compareTopicRefs),
    grants: [...grants.values()].sort(compareGrants),
    bindings: sortedBindings,
    acls: aclsFor(sortedBindings),
  };
}

/**
 * Keeps the binding of the algorithm node that sorts first by id, so that duplicated algorithm nodes
 * (a validation error) still compile deterministically.
 */
function keepFirst(bindings: Map<string, Binding>, binding: Binding): void {
  const key = bindingKey(binding);
  const existing = bindings.get(key);
  if (!existing || byString(JSON.stringify(binding), JSON.stringify(existing)) < 0) bindings.set(key, binding);
}

/**
 * The Kafka ACLs that exactly the given enabled bindings need (DESIGN §4): a subscription reads its
 * topic and its consumer group and writes its DLQ; a publication writes its topic. Sorted, no duplicates.
 */
export function aclsFor(bindings: readonly Binding[]): Acl[] {
  return [...aclMapFor(bindings).values()].sort(compareAcls);
}

/** The ACLs of {@link aclsFor} by {@link aclKey}, unsorted. */
export function aclMapFor(bindings: readonly Binding[], into = new Map<string, Acl>()): Map<string, Acl> {
  const acls = into;
  const add = (connection: string, principal: string, resourceType: 'topic' | 'group', resourceName: string, operation: 'read' | 'write') => {
    const acl: Acl = { connection, principal, resourceType, resourceName, patternType: 'literal', operation, permission: 'allow', host: '*' };
    acls.set(aclKey(acl), acl);
  };
  for (const b of bindings) {
    if (b.direction === 'subscribe') {
      add(b.connection, b.principal, 'topic', b.topic, 'read');
      add(b.connection, b.principal, 'group', b.consumerGroup, 'read');
      if (b.dlq) add(b.dlq.connection, b.principal, 'topic', b.dlq.topic, 'write');
    } else {
      add(b.connection, b.principal, 'topic', b.topic, 'write');
    }
  }
  return acls;
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(byString)) out[key] = record[key] as string;
  return out;
}
