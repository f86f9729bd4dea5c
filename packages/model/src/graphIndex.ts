import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';
import { topicKey } from './keys.ts';

/** A well-formed edge (both ends exist and its kind fits them) with its two ends. */
export interface EdgeWithEnds {
  edge: FlowEdge;
  algorithm: AlgorithmNode;
  topic: TopicNode;
  /** The topic's identity, {@link topicKey}. */
  topicKey: string;
}

/** Where a subscription's failed messages go. */
export interface DlqTarget {
  node: TopicNode;
  /** The topic's identity, {@link topicKey}. */
  topicKey: string;
  /** The edge that names this DLQ: the subscription itself for its own DLQ, else the algorithm's DLQ edge. */
  edgeId: string;
}

/**
 * A flow graph with the look-ups every rule needs. Where several nodes share an id, the first one is
 * the node of that id (validation reports the others).
 */
export interface GraphIndex {
  graph: FlowGraph;
  /** The first node with each id. */
  nodesById: Map<string, FlowNode>;
  /** The nodes whose id an earlier node already has, in graph order. */
  repeatedIdNodes: FlowNode[];
  /** The algorithm and topic nodes of each id, in graph order. */
  algorithms: AlgorithmNode[];
  topics: TopicNode[];
  /** The identity ({@link topicKey}) of each topic node in `topics`, worked out once. */
  topicKeys: Map<TopicNode, string>;
  /** The well-formed edges by kind, in graph order. */
  subscribe: EdgeWithEnds[];
  publish: EdgeWithEnds[];
  dlq: EdgeWithEnds[];
  /** The edges that are not well formed or that name a DLQ of their own, in graph order: the ones validation looks at. */
  edgesToCheck: FlowEdge[];
  /**
   * Each algorithm's DLQ, by algorithm node id. More than one DLQ edge is a validation error; then the
   * one with the smallest edge id counts, so that the result does not depend on edge order.
   */
  algorithmDlqs: Map<string, DlqTarget>;
}

/** Tells which kind an edge from `source` to `target` has; `undefined` when no edge may join them. */
export function edgeKindFor(
  source: FlowNode,
  target: FlowNode,
  sourceHandle?: string | null,
): FlowEdge['kind'] | undefined {
  if (source.kind === 'topic' && target.kind === 'algorithm') return 'subscribe';
  if (source.kind === 'algorithm' && target.kind === 'topic') return sourceHandle === 'dlq' ? 'dlq' : 'publish';
  return undefined;
}

/** Tells whether an edge's stored kind agrees with its two ends. */
export function edgeFitsEnds(edge: FlowEdge, source: FlowNode, target: FlowNode): boolean {
  if (source.kind === 'topic' && target.kind === 'algorithm') return edge.kind === 'subscribe';
  if (source.kind === 'algorithm' && target.kind === 'topic') return edge.kind === 'publish' || edge.kind === 'dlq';
  return false;
}

/** Builds the {@link GraphIndex} of a graph, in one pass over its nodes and one over its edges. */
export function indexGraph(graph: FlowGraph): GraphIndex {
  const nodesById = new Map<string, FlowNode>();
  const repeatedIdNodes: FlowNode[] = [];
  const algorithms: AlgorithmNode[] = [];
  const topics: TopicNode[] = [];
  const topicKeys = new Map<TopicNode, string>();
  for (const node of graph.nodes) {
    if (nodesById.has(node.id)) {
      repeatedIdNodes.push(node);
      continue;
    }
    nodesById.set(node.id, node);
    if (node.kind === 'algorithm') algorithms.push(node);
    else {
      topics.push(node);
      topicKeys.set(node, topicKey(node.connection, node.topic));
    }
  }

  const byKind: Record<FlowEdge['kind'], EdgeWithEnds[]> = { subscribe: [], publish: [], dlq: [] };
  const edgesToCheck: FlowEdge[] = [];
  for (const edge of graph.edges) {
    const source = nodesById.get(edge.source);
    const target = nodesById.get(edge.target);
    if (!source || !target || !edgeFitsEnds(edge, source, target)) {
      edgesToCheck.push(edge);
      continue;
    }
    if (edge.dlq !== undefined) edgesToCheck.push(edge);
    const [algorithm, topic] = source.kind === 'algorithm' ? [source, target as TopicNode] : [target as AlgorithmNode, source];
    byKind[edge.kind].push({ edge, algorithm, topic, topicKey: topicKeys.get(topic) as string });
  }

  const algorithmDlqs = new Map<string, DlqTarget>();
  for (const { edge, algorithm, topic, topicKey } of byKind.dlq) {
    const current = algorithmDlqs.get(algorithm.id);
    if (!current || edge.id < current.edgeId) algorithmDlqs.set(algorithm.id, { node: topic, topicKey, edgeId: edge.id });
  }

  return { graph, nodesById, repeatedIdNodes, algorithms, topics, topicKeys, ...byKind, edgesToCheck, algorithmDlqs };
}

/**
 * The DLQ of a well-formed subscription: its own `dlq` when that names a topic node, else its
 * algorithm's DLQ edge target (also when its own is empty, as the editor may hold it), else none.
 */
export function subscriptionDlq(index: GraphIndex, subscription: EdgeWithEnds): DlqTarget | undefined {
  const own = subscription.edge.dlq;
  if (!own) return index.algorithmDlqs.get(subscription.algorithm.id);
  const node = index.nodesById.get(own);
  return node?.kind === 'topic' ? { node, topicKey: index.topicKeys.get(node) as string, edgeId: subscription.edge.id } : undefined;
}
