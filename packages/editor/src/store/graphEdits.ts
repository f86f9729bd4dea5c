import { canonicalJson, type AlgorithmNode, type FlowEdge, type FlowGraph, type FlowNode, type RetryPolicy, type TopicNode } from '@event-flows/model';

/**
 * Pure edits of a flow graph. Each returns a new graph and never mutates its input, so the store can
 * keep earlier graphs as undo history and the model can cache its index per graph object.
 */

/** The fields of an algorithm node a person may change in place. */
export type AlgorithmPatch = Partial<Omit<AlgorithmNode, 'id' | 'kind' | 'position'>>;

/** The fields of a topic node a person may change in place. */
export type TopicPatch = Partial<Omit<TopicNode, 'id' | 'kind' | 'position'>>;

/** A node's new position. */
export interface NodeMove {
  id: string;
  position: { x: number; y: number };
}

/** A piece of a graph copied out of it: some nodes and the edges among them. */
export interface GraphFragment {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

/**
 * An id not yet used by `taken`, of the form `<prefix><n>`. The id carries no meaning; the prefix
 * only makes ids easier to tell apart when reading a saved document.
 */
export function freshId(prefix: string, taken: ReadonlySet<string>, start = 1): string {
  let n = start;
  while (taken.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The graph with the given nodes moved; nodes not named keep their object identity. */
export function moveNodes(graph: FlowGraph, moves: readonly NodeMove[]): FlowGraph {
  if (moves.length === 0) return graph;
  const byId = new Map(moves.map((m) => [m.id, m.position]));
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    const position = byId.get(node.id);
    if (!position || (position.x === node.position.x && position.y === node.position.y)) return node;
    changed = true;
    return { ...node, position: { x: position.x, y: position.y } };
  });
  return changed ? { ...graph, nodes } : graph;
}

/**
 * The graph without the given nodes and edges. Edges touching a removed node go too, and a
 * subscription's own DLQ choice is dropped when its DLQ topic node goes.
 */
export function removeElements(graph: FlowGraph, nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): FlowGraph {
  if (nodeIds.size === 0 && edgeIds.size === 0) return graph;
  const nodes = graph.nodes.filter((n) => !nodeIds.has(n.id));
  const edges: FlowEdge[] = [];
  for (const edge of graph.edges) {
    if (edgeIds.has(edge.id) || nodeIds.has(edge.source) || nodeIds.has(edge.target)) continue;
    if (edge.dlq !== undefined && nodeIds.has(edge.dlq)) {
      const { dlq: _dropped, ...rest } = edge;
      edges.push(rest);
    } else {
      edges.push(edge);
    }
  }
  if (nodes.length === graph.nodes.length && edges.length === graph.edges.length) return graph;
  return { ...graph, nodes, edges };
}

/** Copies a patch onto a node; a field set to `undefined` is removed from the node. */
function patched<T extends FlowNode>(node: T, patch: object): T {
  const next: Record<string, unknown> = { ...node };
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'id' || key === 'kind' || key === 'position') continue;
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

/** The graph with the node `id` patched, when it is a node of kind `kind`; else the same graph. */
export function updateNode(graph: FlowGraph, id: string, kind: 'algorithm', patch: AlgorithmPatch): FlowGraph;
export function updateNode(graph: FlowGraph, id: string, kind: 'topic', patch: TopicPatch): FlowGraph;
export function updateNode(graph: FlowGraph, id: string, kind: FlowNode['kind'], patch: AlgorithmPatch | TopicPatch): FlowGraph {
  const at = graph.nodes.findIndex((n) => n.id === id);
  const node = graph.nodes[at];
  if (!node || node.kind !== kind) return graph;
  const nodes = graph.nodes.slice();
  nodes[at] = patched(node, patch);
  return { ...graph, nodes };
}

/**
 * The selected nodes and the edges whose two ends are both selected, ready to paste. Selected edges
 * with an end outside the selection are left behind: pasted alone they would dangle.
 */
export function copyFragment(graph: FlowGraph, nodeIds: ReadonlySet<string>): GraphFragment {
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id));
  const edges = graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  return { nodes, edges };
}

/**
 * The graph with a copy of `fragment` added: fresh ids, positions shifted by `offset`, edges
 * re-pointed at the copies. A subscription's own DLQ follows the copy of its topic when that was
 * copied too, else it keeps pointing at the original topic (when that still exists).
 */
export function pasteFragment(
  graph: FlowGraph,
  fragment: GraphFragment,
  offset: { x: number; y: number },
): { graph: FlowGraph; nodeIds: string[]; edgeIds: string[] } {
  const nodeIdsTaken = new Set(graph.nodes.map((n) => n.id));
  const edgeIdsTaken = new Set(graph.edges.map((e) => e.id));
  const renamed = new Map<string, string>();
  const nodes: FlowNode[] = [];
  for (const node of fragment.nodes) {
    const id = freshId('n', nodeIdsTaken);
    nodeIdsTaken.add(id);
    renamed.set(node.id, id);
    nodes.push({ ...node, id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } });
  }
  const edges: FlowEdge[] = [];
  for (const edge of fragment.edges) {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) continue;
    const id = freshId('e', edgeIdsTaken);
    edgeIdsTaken.add(id);
    const copy: FlowEdge = { ...edge, id, source, target };
    if (edge.dlq !== undefined) {
      const dlq = renamed.get(edge.dlq) ?? (nodeIdsTaken.has(edge.dlq) ? edge.dlq : undefined);
      if (dlq === undefined) delete copy.dlq;
      else copy.dlq = dlq;
    }
    edges.push(copy);
  }
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}

/** The graph without the DLQ edges leaving the algorithm node `algorithmId`. */
export function withoutDlqEdges(graph: FlowGraph, algorithmId: string): FlowGraph {
  const edges = graph.edges.filter((e) => !(e.kind === 'dlq' && e.source === algorithmId));
  return edges.length === graph.edges.length ? graph : { ...graph, edges };
}

/**
 * The graph with the subscribe edge `edgeId` given its own DLQ topic node, or none (`undefined`:
 * the algorithm's DLQ applies). Other edges, or a non-subscribe edge, leave the graph as it is.
 */
export function setSubscriptionDlq(graph: FlowGraph, edgeId: string, topicId: string | undefined): FlowGraph {
  const at = graph.edges.findIndex((e) => e.id === edgeId);
  const edge = graph.edges[at];
  if (!edge || edge.kind !== 'subscribe' || edge.dlq === topicId) return graph;
  const edges = graph.edges.slice();
  if (topicId === undefined) {
    const { dlq: _dropped, ...rest } = edge;
    edges[at] = rest;
  } else {
    edges[at] = { ...edge, dlq: topicId };
  }
  return { ...graph, edges };
}

/**
 * The graph with the subscribe or publish edge `edgeId` given its own algorithm version, or none
 * (`undefined`: the algorithm node's version applies). Other edges leave the graph as it is.
 */
export function setBindingVersion(graph: FlowGraph, edgeId: string, version: string | undefined): FlowGraph {
  const at = graph.edges.findIndex((e) => e.id === edgeId);
  const edge = graph.edges[at];
  if (!edge || edge.kind === 'dlq' || edge.version === version) return graph;
  const edges = graph.edges.slice();
  if (version === undefined) {
    const { version: _dropped, ...rest } = edge;
    edges[at] = rest;
  } else {
    edges[at] = { ...edge, version };
  }
  return { ...graph, edges };
}

/**
 * The graph with the subscribe edge `edgeId` given its own retry policy, or none (`undefined`: the
 * algorithm node's policy applies). Other edges, or a non-subscribe edge, leave the graph as it is.
 */
export function setSubscriptionRetry(graph: FlowGraph, edgeId: string, retry: RetryPolicy | undefined): FlowGraph {
  const at = graph.edges.findIndex((e) => e.id === edgeId);
  const edge = graph.edges[at];
  if (!edge || edge.kind !== 'subscribe' || canonicalJson(edge.retry) === canonicalJson(retry)) return graph;
  const edges = graph.edges.slice();
  if (retry === undefined) {
    const { retry: _dropped, ...rest } = edge;
    edges[at] = rest;
  } else {
    edges[at] = { ...edge, retry };
  }
  return { ...graph, edges };
}
