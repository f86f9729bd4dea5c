import type { FlowGraph, TopicNode } from '../graph.ts';
import { defaultValue } from './fieldValues.ts';
import type { Drift } from './planSchema.ts';

/**
 * The graph with a drift finding's live value taken into the flow, so that deploying it leaves Kafka
 * as it is: a topic node's partitions or config entry set to the live one (an entry the cluster leaves
 * at its default is dropped), or, for an ACL that has gone missing, the edges of the binding that
 * needed it removed. A finding that names nothing in the graph leaves it unchanged, as does a consumer
 * group's (the live members and offsets are not the flow's to hold). Never mutates `graph`.
 */
export function takeLiveValue(graph: FlowGraph, drift: Drift): FlowGraph {
  switch (drift.kind) {
    case 'topic-partitions':
      return withTopicCreate(graph, drift, (create) => ({ ...create, partitions: drift.actual }));
    case 'topic-config':
      return withTopicCreate(graph, drift, (create) => {
        const { [drift.key]: _dropped, ...rest } = create.config;
        return { ...create, config: drift.actual === defaultValue ? rest : { ...rest, [drift.key]: drift.actual } };
      });
    case 'acl-missing': {
      const binding = drift.binding;
      if (!binding) return graph;
      const algorithms = new Set(graph.nodes.filter((n) => n.kind === 'algorithm' && n.algorithm === binding.algorithm).map((n) => n.id));
      const topics = new Set(graph.nodes.filter((n) => isTopic(n, binding)).map((n) => n.id));
      const edges = graph.edges.filter((e) =>
        binding.direction === 'subscribe'
          ? !(e.kind === 'subscribe' && topics.has(e.source) && algorithms.has(e.target))
          : !(e.kind === 'publish' && algorithms.has(e.source) && topics.has(e.target)),
      );
      return edges.length === graph.edges.length ? graph : { ...graph, edges };
    }
    case 'group-foreign-members':
    case 'group-stale-offsets':
      return graph;
  }
}

function isTopic(node: FlowGraph['nodes'][number], ref: { connection: string; topic: string }): node is TopicNode {
  return node.kind === 'topic' && node.connection === ref.connection && node.topic === ref.topic;
}

type TopicCreate = NonNullable<TopicNode['create']>;

function withTopicCreate(graph: FlowGraph, ref: { connection: string; topic: string }, change: (create: TopicCreate) => TopicCreate): FlowGraph {
  let touched = false;
  const nodes = graph.nodes.map((node) => {
    if (!isTopic(node, ref) || !node.create) return node;
    touched = true;
    return { ...node, create: change(node.create) };
  });
  return touched ? { ...graph, nodes } : graph;
}
