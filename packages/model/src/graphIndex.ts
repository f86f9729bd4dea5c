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
  /** The nodes whose id an earlier node already has, in graph order. */
  repeatedIdNodes: FlowNode[];
  algorithms: AlgorithmNode[];
  topics: TopicNode[];
  /** Edges whose two ends exist and whose kind matches them, by kind. */
  subscribe: FlowEdge[];
  publish: FlowEdge[];
  dlq: FlowEdge[];
  /** The edges that are not well formed or that name a DLQ, in graph order: the ones validation looks at. */
  edgesToCheck: FlowEdge[];
  /** The ends of the edges in `subscribe`, `publish` and `dlq`, position by position. */
  ends: { subscribe: EdgeEnds; publish: EdgeEnds; dlq: EdgeEnds };
  /**
   * The topic identity number (0 … `topicNodes.length - 1`) of each topic node id in `nodes`:
   * equal exactly when {@link topicKey} is equal, so maps can be keyed by small numbers.
   */
  topicIds: Map<string, number>;
  /** The first topic node of each topic identity number. */
  topicNodes: TopicNode[];
  /** Each algorithm node id's position in `algorithms`. */
  algorithmNos: Map<string, number>;
  /** The graph's distinct algorithm references, numbered in order of first appearance. */
  refNos: Map<string, number>;
  /**
   * `true` when no node id, connection or algorithm reference contains U+0000, the separator of the
   * string keys ({@link topicKey}, `grantKey`, `bindingKey`): then a tuple of identity numbers is equal
   * exactly when the string key is, and rules may key maps by numbers instead of building strings.
   */
  plainNames: boolean;
}

/** The ends of a list of well-formed edges, by the edges' positions in the list. */
export interface EdgeEnds {
  /** The algorithm end's position in {@link GraphIndex.algorithms}. */
  algorithmNos: number[];
  /** The topic end. */
  topics: TopicNode[];
  /** The topic end's identity number ({@link GraphIndex.topicIds}). */
  topicIds: number[];
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
  const topicIds = new Map<string, number>();
  const topicNodes: TopicNode[] = [];
  const byName = new Map<string, Map<string, number>>();
  const algorithmNos = new Map<string, number>();
  const refNos = new Map<string, number>();
  const repeatedIdNodes: FlowNode[] = [];
  let plainNames = true;
  for (const node of graph.nodes) {
    if (nodes.has(node.id)) {
      repeatedIdNodes.push(node);
      continue;
    }
    nodes.set(node.id, node);
    if (node.kind === 'algorithm') {
      algorithmNos.set(node.id, algorithms.length);
      algorithms.push(node);
      if (!refNos.has(node.algorithm)) {
        refNos.set(node.algorithm, refNos.size);
        if (hasSeparator(node.algorithm)) plainNames = false;
      }
      if (hasSeparator(node.id)) plainNames = false;
    } else {
      topics.push(node);
      // Numbered by connection, then name: the same as by topicKey while no connection holds U+0000.
      let byTopic = byName.get(node.connection);
      if (!byTopic) {
        byName.set(node.connection, (byTopic = new Map<string, number>()));
        if (hasSeparator(node.connection)) plainNames = false;
      }
      let id = byTopic.get(node.topic);
      if (id === undefined) {
        byTopic.set(node.topic, (id = topicNodes.length));
        topicNodes.push(node);
      }
      topicIds.set(node.id, id);
      if (hasSeparator(node.id)) plainNames = false;
    }
  }
  if (plainNames) topicIdsByName.set(graph, byName);
  else numberByTopicKey(topics, topicIds, topicNodes);
  const index: GraphIndex = {
    graph,
    nodes,
    repeatedIdNodes,
    algorithms,
    topics,
    subscribe: [],
    publish: [],
    dlq: [],
    edgesToCheck: [],
    ends: { subscribe: noEnds(), publish: noEnds(), dlq: noEnds() },
    topicIds,
    topicNodes,
    algorithmNos,
    refNos,
    plainNames,
  };
  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target || !edgeFitsEnds(edge, source, target)) {
      index.edgesToCheck.push(edge);
      continue;
    }
    if (edge.dlq !== undefined) index.edgesToCheck.push(edge);
    index[edge.kind].push(edge);
    const algorithm = (source.kind === 'algorithm' ? source : target) as AlgorithmNode;
    const topic = (source.kind === 'algorithm' ? target : source) as TopicNode;
    const ends = index.ends[edge.kind];
    ends.algorithmNos.push(algorithmNos.get(algorithm.id) as number);
    ends.topics.push(topic);
    ends.topicIds.push(topicIds.get(topic.id) as number);
  }
  return index;
}

/** Numbers topic identities by {@link topicKey} itself: for graphs whose names hold its separator. */
function numberByTopicKey(topics: readonly TopicNode[], topicIds: Map<string, number>, topicNodes: TopicNode[]): void {
  const idsByKey = new Map<string, number>();
  topicNodes.length = 0;
  for (const node of topics) {
    const key = topicKey(node.connection, node.topic);
    let id = idsByKey.get(key);
    if (id === undefined) {
      idsByKey.set(key, (id = topicNodes.length));
      topicNodes.push(node);
    }
    topicIds.set(node.id, id);
  }
}

function noEnds(): EdgeEnds {
  return { algorithmNos: [], topics: [], topicIds: [] };
}

function hasSeparator(text: string): boolean {
  return text.includes('\u0000');
}

/**
 * The identity number of the topic `topic` on `connection` when a topic node of the graph shows it.
 * Looked up by name parts without building {@link topicKey}: only for an index with plain names.
 */
export function topicIdByName(index: GraphIndex, connection: string, topic: string): number | undefined {
  let byName = topicIdsByName.get(index.graph);
  if (!byName) {
    byName = new Map<string, Map<string, number>>();
    for (let id = 0; id < index.topicNodes.length; id++) {
      const node = index.topicNodes[id] as TopicNode;
      let topics = byName.get(node.connection);
      if (!topics) byName.set(node.connection, (topics = new Map<string, number>()));
      topics.set(node.topic, id);
    }
    topicIdsByName.set(index.graph, byName);
  }
  return byName.get(connection)?.get(topic);
}

// Per graph, as the index is (built with it).
const topicIdsByName = new WeakMap<FlowGraph, Map<string, Map<string, number>>>();

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
 * counts, so that the result does not depend on edge order. Kept per index; callers must not change it.
 */
export function dlqEdgesByAlgorithm(index: GraphIndex): Map<string, FlowEdge> {
  let byAlgorithm = dlqEdges.get(index);
  if (!byAlgorithm) {
    byAlgorithm = new Map<string, FlowEdge>();
    for (const edge of index.dlq) {
      const current = byAlgorithm.get(edge.source);
      if (!current || edge.id < current.id) byAlgorithm.set(edge.source, edge);
    }
    dlqEdges.set(index, byAlgorithm);
  }
  return byAlgorithm;
}

// Kept per index, as the index is: validate and compile of one graph share it; callers must not change it.
const dlqEdges = new WeakMap<GraphIndex, Map<string, FlowEdge>>();
