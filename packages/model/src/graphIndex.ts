import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';
import { hasSeparator } from './keys.ts';
import { NameMap, type NameLookup } from './nameMap.ts';

/** The identity of a Kafka topic across nodes: two topic nodes may show the same topic. */
export function topicKey(connection: string, topic: string): string {
  return `${connection}\u0000${topic}`;
}

/** A flow graph with the look-ups every rule needs, built once in linear time. */
export interface GraphIndex {
  graph: FlowGraph;
  /** The position in `graph.nodes` of the first node with each id (duplicates are reported by validation). */
  nodeNos: NameLookup;
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
  refNos: NameLookup;
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
  algorithmNos: Int32Array;
  /** The topic end. */
  topics: TopicNode[];
  /** The topic end's identity number ({@link GraphIndex.topicNodes}). */
  topicIds: Int32Array;
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
  const nodes = graph.nodes;
  // Every list is made at its size, or at the most it can hold and cut to size (see RankedItems on
  // growing lists).
  let algorithmCount = 0;
  for (let position = 0; position < nodes.length; position++) if ((nodes[position] as FlowNode).kind === 'algorithm') algorithmCount++;
  const topicCount = nodes.length - algorithmCount;
  const nodeNos = new NameMap(nodes.length);
  const nodeNumbers = new Int32Array(nodes.length);
  const algorithms = new Array<AlgorithmNode>(algorithmCount);
  const topics = new Array<TopicNode>(topicCount);
  const topicIdsOfTopics = new Int32Array(topicCount);
  const topicNodes = new Array<TopicNode>(topicCount);
  const byName = new Map<string, NameMap>();
  const refNos = new NameMap(algorithmCount);
  const refs = new Array<string>(algorithmCount);
  const algorithmRefNos = new Int32Array(algorithmCount);
  const repeatedIdNodes: FlowNode[] = [];
  let plainNames = true;
  // Set from the last node to the first, every id keeps its first node's position: one look-up per node.
  for (let position = nodes.length - 1; position >= 0; position--) nodeNos.set((nodes[position] as FlowNode).id, position);
  const repeatedIds = nodeNos.size < nodes.length;
  let algorithmNo = 0;
  let topicNo = 0;
  let topicIdCount = 0;
  // The last connection's topics: topic nodes mostly come several to a connection.
  let lastConnection: string | undefined;
  let lastTopics: NameMap | undefined;
  for (let position = 0; position < nodes.length; position++) {
    const node = nodes[position] as FlowNode;
    if (repeatedIds && nodeNos.get(node.id) !== position) {
      nodeNumbers[position] = -1;
      repeatedIdNodes.push(node);
      continue;
    }
    if (hasSeparator(node.id)) plainNames = false;
    if (node.kind === 'algorithm') {
      let refNo = refNos.get(node.algorithm);
      if (refNo === undefined) {
        refNos.set(node.algorithm, (refNo = refNos.size));
        refs[refNo] = node.algorithm;
        if (hasSeparator(node.algorithm)) plainNames = false;
      }
      nodeNumbers[position] = algorithmNo;
      algorithmRefNos[algorithmNo] = refNo;
      algorithms[algorithmNo++] = node;
      continue;
    }
    // Numbered by connection, then name: the same as by topicKey while no connection holds U+0000.
    let byTopic = node.connection === lastConnection ? lastTopics : byName.get(node.connection);
    if (!byTopic) {
      // The first connection is sized for every topic node: most graphs have one or a few connections.
      byName.set(node.connection, (byTopic = new NameMap(byName.size === 0 ? topicCount : 0)));
      if (hasSeparator(node.connection)) plainNames = false;
    }
    lastConnection = node.connection;
    lastTopics = byTopic;
    let id = byTopic.get(node.topic);
    if (id === undefined) {
      byTopic.set(node.topic, (id = topicIdCount));
      topicNodes[topicIdCount++] = node;
    }
    nodeNumbers[position] = id;
    topicIdsOfTopics[topicNo] = id;
    topics[topicNo++] = node;
  }
  // Cut to size in place: nodes whose id an earlier node has are left out.
  algorithms.length = algorithmNo;
  topics.length = topicNo;
  topicNodes.length = topicIdCount;
  refs.length = refNos.size;
  if (plainNames) topicIdsByName.set(graph, byName);
  else numberByTopicKey(graph, nodeNumbers, topics, topicIdsOfTopics, topicNodes);
  const edges = edgesByKind(graph, nodeNos, nodeNumbers);
  return {
    graph,
    nodeNos,
    nodeNumbers,
    repeatedIdNodes,
    algorithms,
    topics,
    topicIdsOfTopics: topicIdsOfTopics.subarray(0, topicNo),
    ...edges,
    topicNodes,
    refNos,
    refs,
    algorithmRefNos: algorithmRefNos.subarray(0, algorithmNo),
    plainNames,
  };
}

/** The well-formed edges by kind, with their ends, and the edges validation looks at (see {@link GraphIndex}). */
function edgesByKind(
  graph: FlowGraph,
  nodeNos: NameLookup,
  nodeNumbers: Int32Array,
): Pick<GraphIndex, 'subscribe' | 'publish' | 'dlq' | 'edgesToCheck' | 'ends'> {
  const nodes = graph.nodes;
  // Sized for the edges that say they are of each kind: the most that can be well formed.
  const most = { subscribe: 0, publish: 0, dlq: 0 };
  for (let i = 0; i < graph.edges.length; i++) most[(graph.edges[i] as FlowEdge).kind]++;
  const lists = { subscribe: new Array<FlowEdge>(most.subscribe), publish: new Array<FlowEdge>(most.publish), dlq: new Array<FlowEdge>(most.dlq) };
  const ends = { subscribe: edgeEnds(most.subscribe), publish: edgeEnds(most.publish), dlq: edgeEnds(most.dlq) };
  const counts = { subscribe: 0, publish: 0, dlq: 0 };
  const edgesToCheck: FlowEdge[] = [];
  for (let i = 0; i < graph.edges.length; i++) {
    const edge = graph.edges[i] as FlowEdge;
    const sourceNo = nodeNos.get(edge.source);
    const targetNo = nodeNos.get(edge.target);
    const source = sourceNo === undefined ? undefined : (nodes[sourceNo] as FlowNode);
    const target = targetNo === undefined ? undefined : (nodes[targetNo] as FlowNode);
    if (!source || !target || !edgeFitsEnds(edge, source, target)) {
      edgesToCheck.push(edge);
      continue;
    }
    if (edge.dlq !== undefined) edgesToCheck.push(edge);
    const at = counts[edge.kind]++;
    lists[edge.kind][at] = edge;
    const fromAlgorithm = source.kind === 'algorithm';
    const end = ends[edge.kind];
    end.algorithmNos[at] = nodeNumbers[(fromAlgorithm ? sourceNo : targetNo) as number] as number;
    end.topics[at] = (fromAlgorithm ? target : source) as TopicNode;
    end.topicIds[at] = nodeNumbers[(fromAlgorithm ? targetNo : sourceNo) as number] as number;
  }
  for (const kind of ['subscribe', 'publish', 'dlq'] as const) {
    lists[kind].length = counts[kind];
    ends[kind] = cutEnds(ends[kind], counts[kind]);
  }
  return { ...lists, edgesToCheck, ends };
}

function edgeEnds(size: number): EdgeEnds {
  return { algorithmNos: new Int32Array(size), topics: new Array<TopicNode>(size), topicIds: new Int32Array(size) };
}

function cutEnds(ends: EdgeEnds, count: number): EdgeEnds {
  ends.topics.length = count;
  return { algorithmNos: ends.algorithmNos.subarray(0, count), topics: ends.topics, topicIds: ends.topicIds.subarray(0, count) };
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

/**
 * The identity numbers of the topics the graph shows on `connection`, by name; `undefined` when it shows
 * none there. Looked up by name parts without building {@link topicKey}: only for an index with plain names.
 */
export function topicIdsOn(index: GraphIndex, connection: string): NameMap | undefined {
  let byName = topicIdsByName.get(index.graph);
  if (!byName) {
    byName = new Map<string, NameMap>();
    for (let id = 0; id < index.topicNodes.length; id++) {
      const node = index.topicNodes[id] as TopicNode;
      let topics = byName.get(node.connection);
      if (!topics) byName.set(node.connection, (topics = new NameMap()));
      topics.set(node.topic, id);
    }
    topicIdsByName.set(index.graph, byName);
  }
  return byName.get(connection);
}

// Per graph, as the index is (built with it).
const topicIdsByName = new WeakMap<FlowGraph, Map<string, NameMap>>();

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
