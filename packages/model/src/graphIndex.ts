import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';
import { hasSeparator } from './keys.ts';

/** The identity of a Kafka topic across nodes: two topic nodes may show the same topic. */
export function topicKey(connection: string, topic: string): string {
  return `${connection}\u0000${topic}`;
}

/** A flow graph with the look-ups every rule needs, built once in linear time. */
export interface GraphIndex {
  graph: FlowGraph;
  /** The position in `graph.nodes` of the first node with each id (duplicates are reported by validation). */
  nodeNos: Map<string, number>;
  /**
   * By position in `graph.nodes`: an algorithm node's place in `algorithms`, a topic node's identity
   * number, or -1 for a node whose id an earlier node has.
   */
  nodeNumbers: Int32Array;
  /** The nodes whose id an earlier node already has, in graph order. */
  repeatedIdNodes: FlowNode[];
  algorithms: AlgorithmNode[];
  topics: TopicNode[];
  /** The identity number of each node in `topics`, position by position. */
  topicIdsOfTopics: Int32Array;
  /** Edges whose two ends exist and whose kind matches them, by kind. */
  subscribe: FlowEdge[];
  publish: FlowEdge[];
  dlq: FlowEdge[];
  /** The edges that are not well formed or that name a DLQ, in graph order: the ones validation looks at. */
  edgesToCheck: FlowEdge[];
  /** The ends of the edges in `subscribe`, `publish` and `dlq`, position by position. */
  ends: { subscribe: EdgeEnds; publish: EdgeEnds; dlq: EdgeEnds };
  /**
   * The first topic node of each topic identity number (0 … `topicNodes.length - 1`). Two topic nodes
   * have the same identity number exactly when their {@link topicKey} is equal, so maps can be keyed by
   * small numbers.
   */
  topicNodes: TopicNode[];
  /** The graph's distinct algorithm references, numbered in order of first appearance. */
  refNos: Map<string, number>;
  /** The reference of each number in `refNos`. */
  refs: string[];
  /** The reference number of each algorithm node in `algorithms`, position by position. */
  algorithmRefNos: Int32Array;
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
  /** The topic end's identity number ({@link GraphIndex.topicNodes}). */
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
  const nodeNos = new Map<string, number>();
  const nodeNumbers = new Int32Array(graph.nodes.length);
  const algorithms: AlgorithmNode[] = [];
  const topics: TopicNode[] = [];
  const topicIdsOfTopics = new Int32Array(graph.nodes.length);
  const topicNodes: TopicNode[] = [];
  const byName = new Map<string, Map<string, number>>();
  const refNos = new Map<string, number>();
  const refs: string[] = [];
  const algorithmRefNos = new Int32Array(graph.nodes.length);
  const repeatedIdNodes: FlowNode[] = [];
  let plainNames = true;
  // Set from the last node to the first, every id keeps its first node's position: one look-up per node.
  for (let position = graph.nodes.length - 1; position >= 0; position--) nodeNos.set((graph.nodes[position] as FlowNode).id, position);
  const repeatedIds = nodeNos.size < graph.nodes.length;
  // The last connection's topics: topic nodes mostly come several to a connection.
  let lastConnection: string | undefined;
  let lastTopics: Map<string, number> | undefined;
  graph.nodes.forEach((node, position) => {
    if (repeatedIds && nodeNos.get(node.id) !== position) {
      nodeNumbers[position] = -1;
      repeatedIdNodes.push(node);
      return;
    }
    if (hasSeparator(node.id)) plainNames = false;
    if (node.kind === 'algorithm') {
      let refNo = refNos.get(node.algorithm);
      if (refNo === undefined) {
        refNos.set(node.algorithm, (refNo = refs.length));
        refs.push(node.algorithm);
        if (hasSeparator(node.algorithm)) plainNames = false;
      }
      nodeNumbers[position] = algorithms.length;
      algorithmRefNos[algorithms.length] = refNo;
      algorithms.push(node);
      return;
    }
    // Numbered by connection, then name: the same as by topicKey while no connection holds U+0000.
    let byTopic = node.connection === lastConnection ? lastTopics : byName.get(node.connection);
    if (!byTopic) {
      byName.set(node.connection, (byTopic = new Map<string, number>()));
      if (hasSeparator(node.connection)) plainNames = false;
    }
    lastConnection = node.connection;
    lastTopics = byTopic;
    let id = byTopic.get(node.topic);
    if (id === undefined) {
      byTopic.set(node.topic, (id = topicNodes.length));
      topicNodes.push(node);
    }
    nodeNumbers[position] = id;
    topicIdsOfTopics[topics.length] = id;
    topics.push(node);
  });
  if (plainNames) topicIdsByName.set(graph, byName);
  else numberByTopicKey(graph, nodeNumbers, topics, topicIdsOfTopics, topicNodes);
  const index: GraphIndex = {
    graph,
    nodeNos,
    nodeNumbers,
    repeatedIdNodes,
    algorithms,
    topics,
    topicIdsOfTopics: topicIdsOfTopics.subarray(0, topics.length),
    subscribe: [],
    publish: [],
    dlq: [],
    edgesToCheck: [],
    ends: { subscribe: noEnds(), publish: noEnds(), dlq: noEnds() },
    topicNodes,
    refNos,
    refs,
    algorithmRefNos: algorithmRefNos.subarray(0, algorithms.length),
    plainNames,
  };
  const nodes = graph.nodes;
  for (const edge of graph.edges) {
    const sourceNo = nodeNos.get(edge.source);
    const targetNo = nodeNos.get(edge.target);
    const source = sourceNo === undefined ? undefined : (nodes[sourceNo] as FlowNode);
    const target = targetNo === undefined ? undefined : (nodes[targetNo] as FlowNode);
    if (!source || !target || !edgeFitsEnds(edge, source, target)) {
      index.edgesToCheck.push(edge);
      continue;
    }
    if (edge.dlq !== undefined) index.edgesToCheck.push(edge);
    index[edge.kind].push(edge);
    const fromAlgorithm = source.kind === 'algorithm';
    const ends = index.ends[edge.kind];
    ends.algorithmNos.push(nodeNumbers[(fromAlgorithm ? sourceNo : targetNo) as number] as number);
    ends.topics.push((fromAlgorithm ? target : source) as TopicNode);
    ends.topicIds.push(nodeNumbers[(fromAlgorithm ? targetNo : sourceNo) as number] as number);
  }
  return index;
}

/** Numbers topic identities by {@link topicKey} itself: for graphs whose names hold its separator. */
function numberByTopicKey(
  graph: FlowGraph,
  nodeNumbers: Int32Array,
  topics: readonly TopicNode[],
  topicIdsOfTopics: Int32Array,
  topicNodes: TopicNode[],
): void {
  const idsByKey = new Map<string, number>();
  topicNodes.length = 0;
  topics.forEach((node, i) => {
    const key = topicKey(node.connection, node.topic);
    let id = idsByKey.get(key);
    if (id === undefined) {
      idsByKey.set(key, (id = topicNodes.length));
      topicNodes.push(node);
    }
    topicIdsOfTopics[i] = id;
  });
  graph.nodes.forEach((node, position) => {
    if (node.kind === 'topic' && nodeNumbers[position] !== -1) nodeNumbers[position] = idsByKey.get(topicKey(node.connection, node.topic)) as number;
  });
}

function noEnds(): EdgeEnds {
  return { algorithmNos: [], topics: [], topicIds: [] };
}

/**
 * The identity numbers of the topics the graph shows on `connection`, by name; `undefined` when it shows
 * none there. Looked up by name parts without building {@link topicKey}: only for an index with plain names.
 */
export function topicIdsOn(index: GraphIndex, connection: string): ReadonlyMap<string, number> | undefined {
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
  return byName.get(connection);
}

// Per graph, as the index is (built with it).
const topicIdsByName = new WeakMap<FlowGraph, Map<string, Map<string, number>>>();

/** The node with the given id (the first one, when several share it). */
export function nodeById(index: GraphIndex, id: string): FlowNode | undefined {
  const position = index.nodeNos.get(id);
  return position === undefined ? undefined : index.graph.nodes[position];
}

/** Where a subscription's failed messages go. */
export interface DlqTarget {
  node: TopicNode;
  /** The topic's identity number. */
  topicId: number;
  /** The edge that names this DLQ: the subscription itself for its own DLQ, else the algorithm's DLQ edge. */
  edgeId: string;
}

/**
 * The DLQ of a well-formed subscribe edge whose algorithm is `algorithmNo`: its own `dlq` when that
 * names a topic node, else the algorithm's DLQ edge target, else none.
 */
export function subscriptionDlq(index: GraphIndex, subscription: FlowEdge, algorithmNo: number): DlqTarget | undefined {
  if (!subscription.dlq) return algorithmDlqs(index)[algorithmNo];
  const position = index.nodeNos.get(subscription.dlq);
  const node = position === undefined ? undefined : index.graph.nodes[position];
  return node?.kind === 'topic' ? { node, topicId: index.nodeNumbers[position as number] as number, edgeId: subscription.id } : undefined;
}

/**
 * Each algorithm's DLQ, by its place in {@link GraphIndex.algorithms}. More than one DLQ edge is a
 * validation error; then the one with the smallest id counts, so that the result does not depend on
 * edge order. Kept per index; callers must not change it.
 */
export function algorithmDlqs(index: GraphIndex): ReadonlyArray<DlqTarget | undefined> {
  let byAlgorithm = dlqTargets.get(index);
  if (!byAlgorithm) {
    // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
    byAlgorithm = new Array<DlqTarget | undefined>(index.algorithms.length).fill(undefined);
    const ends = index.ends.dlq;
    index.dlq.forEach((edge, i) => {
      const algorithmNo = ends.algorithmNos[i] as number;
      const current = byAlgorithm?.[algorithmNo];
      if (!current || edge.id < current.edgeId) {
        (byAlgorithm as Array<DlqTarget | undefined>)[algorithmNo] = { node: ends.topics[i] as TopicNode, topicId: ends.topicIds[i] as number, edgeId: edge.id };
      }
    });
    dlqTargets.set(index, byAlgorithm);
  }
  return byAlgorithm;
}

// Kept per index, as the index is: validate and compile of one graph share it; callers must not change it.
const dlqTargets = new WeakMap<GraphIndex, Array<DlqTarget | undefined>>();
