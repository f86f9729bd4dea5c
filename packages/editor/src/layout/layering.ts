/*
 * The first two phases of the layered layout (layeredLayout.ts): break the loops of a flow so that
 * every edge points forwards, then give every node a column ("layer") so that every edge goes from
 * a column to a later one. Nodes are numbered by their place in the request, which is the flow's
 * own order; both phases visit them in that order, so the result is deterministic.
 */

/** An edge between two nodes, by their place in the request's nodes. */
export interface IndexEdge {
  source: number;
  target: number;
}

/** The targets of each node's edges, in edge order. */
export function successorsOf(size: number, edges: readonly IndexEdge[]): number[][] {
  const successors: number[][] = Array.from({ length: size }, () => []);
  for (const edge of edges) successors[edge.source]?.push(edge.target);
  return successors;
}

/**
 * The edges with just enough of them turned round that none makes a loop. The nodes are put in a
 * row where few edges point backwards, by the greedy method of Eades, Lin and Smyth (1993): take
 * away the nodes nothing leaves (to the end of the row) and the nodes nothing reaches (to the
 * start), and when only loops are left, the node with most edges out over edges in (to the start,
 * the first in flow order on a tie); then every edge that points backwards in that row is turned.
 */
export function breakCycles(size: number, edges: readonly IndexEdge[]): IndexEdge[] {
  const place = new Array<number>(size).fill(0);
  greedyRow(size, edges).forEach((node, i) => (place[node] = i));
  return edges.map((e) => ((place[e.source] ?? 0) > (place[e.target] ?? 0) ? { source: e.target, target: e.source } : e));
}

/** The row of nodes of {@link breakCycles}. */
function greedyRow(size: number, edges: readonly IndexEdge[]): number[] {
  const successors = successorsOf(size, edges);
  const predecessors = successorsOf(size, edges.map((e) => ({ source: e.target, target: e.source })));
  const outs = successors.map((list) => list.length);
  const ins = predecessors.map((list) => list.length);
  const taken = new Array<boolean>(size).fill(false);
  const start: number[] = [];
  const end: number[] = [];
  // Nodes that became sinks or sources; they may have been taken since (so skipped when found taken).
  const sinks: number[] = [];
  const sources: number[] = [];
  const take = (node: number) => {
    taken[node] = true;
    for (const next of successors[node] ?? []) {
      ins[next] = (ins[next] ?? 0) - 1;
      if (!taken[next] && ins[next] === 0) sources.push(next);
    }
    for (const previous of predecessors[node] ?? []) {
      outs[previous] = (outs[previous] ?? 0) - 1;
      if (!taken[previous] && outs[previous] === 0) sinks.push(previous);
    }
  };
  for (let node = 0; node < size; node++) {
    if (outs[node] === 0) sinks.push(node);
    else if (ins[node] === 0) sources.push(node);
  }
  sources.reverse(); // taken from the back of the list: the first in flow order comes first
  while (start.length + end.length < size) {
    const sink = sinks.pop();
    const source = sink === undefined ? sources.pop() : undefined;
    const node = sink ?? source ?? mostOutgoing(size, taken, outs, ins);
    if (taken[node]) continue;
    if (sink !== undefined) end.push(node);
    else start.push(node);
    take(node);
  }
  return [...start, ...end.reverse()];
}

/** The node not yet taken with the most edges out over edges in; the first in flow order on a tie. */
function mostOutgoing(size: number, taken: readonly boolean[], outs: readonly number[], ins: readonly number[]): number {
  let best = -1;
  for (let node = 0; node < size; node++) {
    if (taken[node]) continue;
    if (best < 0 || (outs[node] ?? 0) - (ins[node] ?? 0) > (outs[best] ?? 0) - (ins[best] ?? 0)) best = node;
  }
  return best;
}

/** The nodes in an order where every edge goes from an earlier node to a later one (Kahn), ties in flow order. */
function topologicalOrder(size: number, edges: readonly IndexEdge[]): number[] {
  const successors = successorsOf(size, edges);
  const inputs = new Array<number>(size).fill(0);
  for (const edge of edges) inputs[edge.target] = (inputs[edge.target] ?? 0) + 1;
  const order: number[] = [];
  for (let node = 0; node < size; node++) if (inputs[node] === 0) order.push(node);
  // `order` doubles as the queue: everything before `head` has been taken.
  for (let head = 0; head < order.length; head++) {
    for (const next of successors[order[head] as number] ?? []) {
      inputs[next] = (inputs[next] ?? 0) - 1;
      if (inputs[next] === 0) order.push(next);
    }
  }
  return order;
}

/**
 * The column of each node of an acyclic graph, from 0: first the longest path from a node nothing
 * leads to (every edge then points to a later column); then, from the last node back, a node with
 * more edges out than in moves as far right as its nearest successor allows, which shortens its
 * edges (a source topic sits just before the algorithm that reads it, not in the first column).
 * Columns left empty are closed up.
 */
export function assignLayers(size: number, edges: readonly IndexEdge[]): number[] {
  const order = topologicalOrder(size, edges);
  const successors = successorsOf(size, edges);
  const inputs = new Array<number>(size).fill(0);
  for (const edge of edges) inputs[edge.target] = (inputs[edge.target] ?? 0) + 1;
  const layer = new Array<number>(size).fill(0);
  for (const node of order) {
    for (const next of successors[node] ?? []) layer[next] = Math.max(layer[next] ?? 0, (layer[node] ?? 0) + 1);
  }
  for (const node of [...order].reverse()) {
    const out = successors[node] ?? [];
    if (out.length === 0 || out.length <= (inputs[node] ?? 0)) continue;
    layer[node] = Math.min(...out.map((next) => layer[next] ?? 0)) - 1;
  }
  return closeUpLayers(layer);
}

/** The same columns, numbered 0, 1, 2… without gaps. */
function closeUpLayers(layer: readonly number[]): number[] {
  const used = [...new Set(layer)].sort((a, b) => a - b);
  const renumbered = new Map(used.map((value, i) => [value, i]));
  return layer.map((value) => renumbered.get(value) ?? 0);
}
