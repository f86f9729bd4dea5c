import type { Grant, TopicRef } from './catalog.ts';
import { aclsFor } from './acls.ts';
import type { Binding, Desired, DesiredTopic, SubscribeBinding } from './desired.ts';
import type { FlowGraph, TopicNode } from './graph.ts';
import { indexGraph, subscriptionDlq, type GraphIndex } from './graphIndex.ts';
import { bindingKey, byString, compareBindings, compareGrants, compareTopicRefs, grantKey } from './keys.ts';
import { consumerGroupFor, defaultNaming, principalFor, type NamingOptions } from './naming.ts';
import { accessNeeds } from './needs.ts';

/** Settings a subscription gets when its edge and its algorithm node leave them out. */
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
 * bindings and their Kafka ACLs (DESIGN §3–§4), from the graph alone: what the catalog knows (which
 * algorithms, topics and grants exist) is validation's concern and the plan's, not compile's. Deterministic: the same graph gives the same output,
 * whatever the order of its nodes and edges, sorted by identity. Only well-formed edges count; a graph
 * with validation errors compiles to what its well-formed part means. The result is plain data: it
 * plans the same as a copy of it read back from JSON.
 */
export function compile(graph: FlowGraph, options: CompileOptions): Desired {
  const index = indexGraph(graph);
  const bindings = desiredBindings(index, options.flowId, options.naming ?? defaultNaming);
  return {
    flowId: options.flowId,
    topics: desiredTopics(index),
    grants: desiredGrants(index),
    bindings,
    acls: aclsFor(bindings),
  };
}

/**
 * One entry per topic, in (connection, topic) order. Where several nodes show one topic, the settings
 * come from the first node by id that says how to create it, else the first by id.
 */
function desiredTopics(index: GraphIndex): DesiredTopic[] {
  const nodesOfTopic = new Map<string, TopicNode[]>();
  for (const [node, key] of index.topicKeys) {
    const nodes = nodesOfTopic.get(key);
    if (nodes) nodes.push(node);
    else nodesOfTopic.set(key, [node]);
  }
  const chosen = [...nodesOfTopic.values()].map((nodes) => {
    const byId = nodes.sort((a, b) => byString(a.id, b.id));
    // A topic adopted from the cluster on any of its nodes is adopted: the plan takes it over.
    return { node: byId.find((node) => node.create) ?? (byId[0] as TopicNode), adopted: nodes.some((node) => node.adopted) };
  });
  return chosen
    .sort((a, b) => compareTopicRefs(a.node, b.node))
    .map(({ node, adopted }) => ({
      connection: node.connection,
      topic: node.topic,
      partitions: node.create?.partitions ?? null,
      replicationFactor: node.create?.replicationFactor ?? null,
      config: node.create ? sortedRecord(node.create.config) : {},
      ...(adopted ? { adopted: true as const } : {}),
    }));
}

/** The grants the graph's access needs call for, one per identity, sorted by identity. */
function desiredGrants(index: GraphIndex): Grant[] {
  const grants = new Map<string, Grant>();
  for (const { algorithm, topic, access } of accessNeeds(index)) {
    const grant: Grant = { connection: topic.connection, topic: topic.topic, algorithm: algorithm.algorithm, access };
    grants.set(grantKey(grant), grant);
  }
  return [...grants.values()].sort(compareGrants);
}

/** The grants a graph's access calls for, one per identity, sorted by identity (whatever the catalog holds). */
export function grantsNeeded(graph: FlowGraph): Grant[] {
  return desiredGrants(indexGraph(graph));
}

/** The enabled bindings: one per (algorithm, topic, direction), sorted by identity. */
function desiredBindings(index: GraphIndex, flowId: string, naming: NamingOptions): Binding[] {
  const principals = new Map<string, string>();
  const principalOf = (algorithm: string) => {
    let principal = principals.get(algorithm);
    if (principal === undefined) principals.set(algorithm, (principal = principalFor(algorithm, naming)));
    return principal;
  };
  const outputs = outputsByAlgorithm(index);
  const bindings = new Map<string, Binding>();
  // Of two bindings with one identity (duplicated algorithm nodes, a validation error), the one whose
  // JSON sorts first, so that compile stays deterministic.
  const keep = (binding: Binding) => {
    const key = bindingKey(binding);
    const kept = bindings.get(key);
    if (!kept || byString(JSON.stringify(binding), JSON.stringify(kept)) < 0) bindings.set(key, binding);
  };
  for (const subscription of index.subscribe) {
    const { edge, algorithm, topic } = subscription;
    const dlq = subscriptionDlq(index, subscription);
    keep({
      flowId,
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      direction: 'subscribe',
      version: edge.version ?? algorithm.version,
      principal: principalOf(algorithm.algorithm),
      consumerGroup: consumerGroupFor(algorithm.algorithm, topic.connection, topic.topic, naming),
      dlq: dlq ? topicRef(dlq.node) : null,
      outputs: outputs.get(algorithm.id) ?? [],
      retry: edge.retry ?? algorithm.retry ?? bindingDefaults.retry,
      concurrency: algorithm.concurrency ?? bindingDefaults.concurrency,
      ordering: algorithm.ordering ?? bindingDefaults.ordering,
      timeoutMs: algorithm.timeoutMs ?? bindingDefaults.timeoutMs,
    });
  }
  for (const { edge, algorithm, topic } of index.publish) {
    keep({
      flowId,
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      direction: 'publish',
      version: edge.version ?? algorithm.version,
      principal: principalOf(algorithm.algorithm),
    });
  }
  return [...bindings.values()].sort(compareBindings);
}

/** Each algorithm's distinct output topics in (connection, topic) order, by algorithm node id. */
function outputsByAlgorithm(index: GraphIndex): Map<string, TopicRef[]> {
  const outputs = new Map<string, Map<string, TopicRef>>();
  for (const { algorithm, topic, topicKey } of index.publish) {
    let topics = outputs.get(algorithm.id);
    if (!topics) outputs.set(algorithm.id, (topics = new Map()));
    if (!topics.has(topicKey)) topics.set(topicKey, topicRef(topic));
  }
  return new Map([...outputs].map(([algorithmId, topics]) => [algorithmId, [...topics.values()].sort(compareTopicRefs)]));
}

function topicRef(node: TopicNode): TopicRef {
  return { connection: node.connection, topic: node.topic };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(record).sort(byString)) out[key] = record[key] as string;
  return out;
}
