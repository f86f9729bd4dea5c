import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';

/** The identity of a Kafka topic across nodes: two topic nodes may show the same topic. */
export function topicKey(connection: string, topic: string): string {
  return `${connection}\u0000${topic}`;
}

/** A flow graph with the look-ups every rule needs, built once in linear time. */
export interface GraphIndex {
  graph: FlowGraph;
  /** First node with each id (duplicates are reported by validation). */
  nodes: Map<string, FlowNode>;
  algorithms: AlgorithmNode[];
  topics: TopicNode[];
  /** Edges whose two ends exist and whose kind matches them, by kind. */
  subscribe: FlowEdge[];
  publish: FlowEdge[];
  dlq: FlowEdge[];
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

const indexes = new WeakMap<FlowGraph, GraphIndex>();

/**
 * Builds the {@link GraphIndex} of a graph. Graphs are treated as immutable values (the editor's store
 * replaces, never mutates, them), so the index is kept per graph object and validate and compile of
 * one graph share it.
 */
export function indexGraph(graph: FlowGraph): GraphIndex {
  let index = indexes.get(graph);
  if (!index) indexes.set(graph, (index = buildIndex(graph)));
  return index;
}

function buildIndex(graph: FlowGraph): GraphIndex {
  const nodes = new Map<string, FlowNode>();
  const algorithms: AlgorithmNode[] = [];
  const topics: TopicNode[] = [];
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    if (node.kind === 'algorithm') algorithms.push(node);
    else topics.push(node);
  }
  const index: GraphIndex = { graph, nodes, algorithms, topics, subscribe: [], publish: [], dlq: [] };
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target || !edgeFitsEnds(edge, source, target)) continue;
    index[edge.kind].push(edge);
  }
  return index;
}

/** The topic node at the topic end of a well-formed edge. */
export function topicEnd(index: GraphIndex, edge: FlowEdge): TopicNode {
  return index.nodes.get(edge.kind === 'subscribe' ? edge.source : edge.target) as TopicNode;
}

/** The algorithm node at the algorithm end of a well-formed edge. */
export function algorithmEnd(index: GraphIndex, edge: FlowEdge): AlgorithmNode {
  return index.nodes.get(edge.kind === 'subscribe' ? edge.target : edge.source) as AlgorithmNode;
}

/**
 * The DLQ topic node of a well-formed subscribe edge: its own `dlq` when that names a topic node,
 * else the algorithm's DLQ edge target, else none.
 */
export function dlqNodeFor(
  index: GraphIndex,
  subscription: FlowEdge,
  dlqEdgeByAlgorithm: Map<string, FlowEdge>,
): TopicNode | undefined {
  if (subscription.dlq) {
    const own = index.nodes.get(subscription.dlq);
    return own?.kind === 'topic' ? own : undefined;
  }
  const edge = dlqEdgeByAlgorithm.get(subscription.target);
  return edge ? (index.nodes.get(edge.target) as TopicNode) : undefined;
}

/**
 * Each algorithm's DLQ edge. More than one is a validation error; then the one with the smallest id
 * counts, so that the result does not depend on edge order.
 */
export function dlqEdgesByAlgorithm(index: GraphIndex): Map<string, FlowEdge> {
  const byAlgorithm = new Map<string, FlowEdge>();
  for (const edge of index.dlq) {
    const current = byAlgorithm.get(edge.source);
    if (!current || edge.id < current.id) byAlgorithm.set(edge.source, edge);
  }
  return byAlgorithm;
}
