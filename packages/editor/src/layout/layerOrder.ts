import type { IndexEdge } from './layering.ts';

/*
 * The third phase of the layered layout (layeredLayout.ts): the order of the nodes within each
 * column, top to bottom, chosen so that few edges cross. An edge that spans several columns gets a
 * stand-in ("dummy") in each column it passes, so that the columns between its ends know where it
 * runs; the stand-ins are dropped at the end (the canvas draws each edge from end to end).
 *
 * The order starts as the flow's own order and is improved by median sweeps: column by column, each
 * node moves to the median place of its neighbours in the column before (a sweep to the right) or
 * after (a sweep to the left). Sorting is stable, so nodes that tie keep the flow's order
 * (message order). The best order seen, by crossings between adjacent columns, is kept. Sweeping
 * stops when several sweeps in a row bring little improvement: on large flows the first sweeps do
 * most of the work, and each sweep of generateCyclicFlow(5000) costs about 0.1 s.
 */

/**
 * At most how many sweeps (alternately to the right and to the left) are tried. Measured on
 * generateFlow(120): 8 sweeps left 477 crossings, 16 left 380; more rarely help.
 */
const sweeps = 24;

/** Sweeping stops once `patience` sweeps in a row each removed less than `worthwhile` of the crossings. */
const patience = 6;
const worthwhile = 0.01;

/** Nodes and stand-ins: each item's column and its neighbours in the columns before and after. */
interface Sweepable {
  /** The items of each column, top to bottom; items below `nodes` are nodes, the rest stand-ins. */
  layers: number[][];
  /** Each item's place in its column (kept up to date with `layers`). */
  place: number[];
  /** Each item's sort key in the sweep under way. */
  key: number[];
  before: number[][];
  after: number[][];
  nodes: number;
}

/**
 * The nodes of each column, top to bottom. `layer` is each node's column and every edge goes from a
 * column to a later one. `onSweep` is told after each sweep how many of all the sweeps are done.
 */
export function orderLayers(layer: readonly number[], edges: readonly IndexEdge[], onSweep: (share: number) => void = () => {}): number[][] {
  const graph = withStandIns(layer, edges);
  let best = graph.layers.map((items) => [...items]);
  let fewest = crossingsOf(graph);
  let lastWorthwhile = 0;
  for (let sweep = 1; sweep <= sweeps && fewest > 0 && sweep - lastWorthwhile <= patience; sweep++) {
    if (sweep % 2 === 1) sweepRight(graph);
    else sweepLeft(graph);
    const crossings = crossingsOf(graph);
    if (crossings <= fewest * (1 - worthwhile)) lastWorthwhile = sweep;
    if (crossings < fewest) {
      fewest = crossings;
      best = graph.layers.map((items) => [...items]);
    }
    onSweep(sweep / sweeps);
  }
  return best.map((items) => items.filter((item) => item < graph.nodes));
}

/** The columns in flow order, with a chain of stand-ins along each edge that spans more than one column. */
function withStandIns(layer: readonly number[], edges: readonly IndexEdge[]): Sweepable {
  const itemLayer = [...layer];
  const before: number[][] = layer.map(() => []);
  const after: number[][] = layer.map(() => []);
  const link = (from: number, to: number) => {
    after[from]?.push(to);
    before[to]?.push(from);
  };
  for (const edge of edges) {
    let from = edge.source;
    for (let column = (layer[edge.source] ?? 0) + 1; column < (layer[edge.target] ?? 0); column++) {
      const standIn = itemLayer.length;
      itemLayer.push(column);
      before.push([]);
      after.push([]);
      link(from, standIn);
      from = standIn;
    }
    link(from, edge.target);
  }
  const layers: number[][] = Array.from({ length: Math.max(0, ...layer) + 1 }, () => []);
  const place = itemLayer.map((column, item) => (layers[column] as number[]).push(item) - 1);
  return { layers, place, key: place.map(() => 0), before, after, nodes: layer.length };
}

/** Orders each column after the first by its items' neighbours in the column before. */
function sweepRight(graph: Sweepable): void {
  for (let column = 1; column < graph.layers.length; column++) reorder(graph, column, graph.before);
}

/** Orders each column before the last by its items' neighbours in the column after. */
function sweepLeft(graph: Sweepable): void {
  for (let column = graph.layers.length - 2; column >= 0; column--) reorder(graph, column, graph.after);
}

/**
 * Sorts one column by the median place of each item's `neighbours` (stable: ties keep their order).
 * An item without neighbours on that side keeps its place, and the others fill the remaining places.
 */
function reorder(graph: Sweepable, column: number, neighbours: readonly number[][]): void {
  const items = graph.layers[column] ?? [];
  const movable = items.filter((item) => (neighbours[item]?.length ?? 0) > 0);
  for (const item of movable) graph.key[item] = medianPlace(neighbours[item] ?? [], graph.place);
  const sorted = movable.sort((a, b) => (graph.key[a] ?? 0) - (graph.key[b] ?? 0));
  let next = 0;
  const reordered = items.map((item) => ((neighbours[item]?.length ?? 0) > 0 ? (sorted[next++] as number) : item));
  reordered.forEach((item, i) => (graph.place[item] = i));
  graph.layers[column] = reordered;
}

function medianPlace(items: readonly number[], place: readonly number[]): number {
  if (items.length === 1) return place[items[0] as number] ?? 0;
  const places = items.map((item) => place[item] ?? 0).sort((a, b) => a - b);
  const half = Math.floor(places.length / 2);
  return places.length % 2 === 1 ? (places[half] ?? 0) : ((places[half - 1] ?? 0) + (places[half] ?? 0)) / 2;
}

/** Edge crossings between every pair of adjacent columns. */
function crossingsOf(graph: Pick<Sweepable, 'layers' | 'place' | 'after'>): number {
  let total = 0;
  for (let column = 0; column + 1 < graph.layers.length; column++) {
    total += crossingsBetween(graph.layers[column] ?? [], (graph.layers[column + 1] ?? []).length, graph);
  }
  return total;
}

/**
 * Crossings between a column and the next (of `size` items): with the edges listed by their left
 * end's place (then their right end's), two edges cross when a later one ends higher on the right.
 * Counted with an accumulator tree over the right column's places (Barth, Jünger and Mutzel, 2002),
 * in O(edges · log size).
 */
function crossingsBetween(left: readonly number[], size: number, graph: Pick<Sweepable, 'place' | 'after'>): number {
  let leaves = 1;
  while (leaves < size) leaves *= 2;
  // A complete binary tree in an array: node i has children 2i+1 and 2i+2; the leaves are the places.
  const tree = new Array<number>(2 * leaves - 1).fill(0);
  let crossings = 0;
  for (const item of left) {
    const ends = (graph.after[item] ?? []).map((next) => graph.place[next] ?? 0);
    if (ends.length > 1) ends.sort((a, b) => a - b);
    for (const end of ends) {
      let node = end + leaves - 1;
      tree[node] = (tree[node] ?? 0) + 1;
      while (node > 0) {
        // A left child: the edges counted under its right sibling end lower, so they cross this one.
        if (node % 2 === 1) crossings += tree[node + 1] ?? 0;
        node = (node - 1) >> 1;
        tree[node] = (tree[node] ?? 0) + 1;
      }
    }
  }
  return crossings;
}
