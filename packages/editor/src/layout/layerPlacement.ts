import type { IndexEdge } from './layering.ts';
import type { LayoutSpacing } from './layoutSpacing.ts';

/*
 * The last phase of the layered layout (layeredLayout.ts): coordinates. Columns stand left to right,
 * each as wide as its widest node and `spacing.columns` apart, every node centred in its column.
 * Within a column the order of the nodes is fixed (layerOrder.ts); each node is moved as near as it
 * can get to the median height of its neighbours, keeping `spacing.nodes` between nodes. A few
 * passes, alternately to the right (looking at the neighbours on the left) and to the left, let the
 * heights settle; a last pass looks both ways.
 */

/** How many times the heights are settled to the right and back. */
const rounds = 4;

/** A node's size, by its place in the request's nodes. */
export interface Size {
  width: number;
  height: number;
}

/** Where the nodes stand: every node's top-left corner, by its place in the request's nodes. */
export type Corner = { x: number; y: number };

/**
 * The top-left corner of every node, given each column's nodes top to bottom (`layers`) and the
 * edges, each from a column to a later one. `onRound` is told what share of the rounds is done.
 */
export function placeNodes(
  sizes: readonly Size[],
  layers: readonly number[][],
  edges: readonly IndexEdge[],
  spacing: LayoutSpacing,
  onRound: (share: number) => void = () => {},
): Corner[] {
  const left: number[][] = sizes.map(() => []);
  const right: number[][] = sizes.map(() => []);
  for (const edge of edges) {
    left[edge.target]?.push(edge.source);
    right[edge.source]?.push(edge.target);
  }
  const top = stackedTops(sizes, layers, spacing.nodes);
  const settle = (column: number, neighbours: (node: number) => readonly number[]) => {
    const nodes = layers[column] ?? [];
    const wanted = nodes.map((node) => wantedTop(node, neighbours(node), sizes, top));
    const placed = nearestWithoutOverlap(wanted, nodes.map((node) => sizes[node]?.height ?? 0), spacing.nodes);
    nodes.forEach((node, i) => (top[node] = placed[i] ?? 0));
  };
  for (let round = 0; round < rounds; round++) {
    for (let column = 1; column < layers.length; column++) settle(column, (node) => left[node] ?? []);
    for (let column = layers.length - 2; column >= 0; column--) settle(column, (node) => right[node] ?? []);
    onRound((round + 1) / (rounds + 1));
  }
  for (let column = 0; column < layers.length; column++) settle(column, (node) => [...(left[node] ?? []), ...(right[node] ?? [])]);
  onRound(1);
  return cornersOf(sizes, layers, top, spacing.columns);
}

/** Each column's nodes stacked top to bottom, `gap` apart, the column centred on 0. */
function stackedTops(sizes: readonly Size[], layers: readonly number[][], gap: number): number[] {
  const top = sizes.map(() => 0);
  for (const nodes of layers) {
    const height = nodes.reduce((sum, node) => sum + (sizes[node]?.height ?? 0) + gap, -gap);
    let y = -height / 2;
    for (const node of nodes) {
      top[node] = y;
      y += (sizes[node]?.height ?? 0) + gap;
    }
  }
  return top;
}

/** Where `node`'s top would be with its middle at the median middle of `neighbours`; where it is, without neighbours. */
function wantedTop(node: number, neighbours: readonly number[], sizes: readonly Size[], top: readonly number[]): number {
  const height = sizes[node]?.height ?? 0;
  if (neighbours.length === 0) return top[node] ?? 0;
  const middles = neighbours.map((n) => (top[n] ?? 0) + (sizes[n]?.height ?? 0) / 2).sort((a, b) => a - b);
  const half = Math.floor(middles.length / 2);
  const median = middles.length % 2 === 1 ? (middles[half] ?? 0) : ((middles[half - 1] ?? 0) + (middles[half] ?? 0)) / 2;
  return median - height / 2;
}

/**
 * The tops, in the given order and at least `gap` apart, nearest to the `wanted` ones (least sum of
 * squared moves). Measured from each node's place in a tight stack, the tops must only go down the
 * column; the nearest such sequence is found by pooling neighbours that would pass each other into
 * blocks that share their mean (the pool-adjacent-violators algorithm), in one pass.
 */
function nearestWithoutOverlap(wanted: readonly number[], heights: readonly number[], gap: number): number[] {
  const stacked: number[] = [];
  let below = 0;
  for (const height of heights) {
    stacked.push(below);
    below += height + gap;
  }
  const blocks: { sum: number; count: number }[] = [];
  wanted.forEach((top, i) => {
    blocks.push({ sum: top - (stacked[i] ?? 0), count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as { sum: number; count: number };
      const before = blocks[blocks.length - 2] as { sum: number; count: number };
      if (before.sum / before.count <= last.sum / last.count) break;
      blocks.pop();
      before.sum += last.sum;
      before.count += last.count;
    }
  });
  const shifts = blocks.flatMap((block) => new Array<number>(block.count).fill(block.sum / block.count));
  return shifts.map((shift, i) => shift + (stacked[i] ?? 0));
}

/** Top-left corners: columns left to right from x = 0, each node centred in its column, the top node at y = 0. */
function cornersOf(sizes: readonly Size[], layers: readonly number[][], top: readonly number[], gap: number): Corner[] {
  const corners: Corner[] = sizes.map(() => ({ x: 0, y: 0 }));
  const highest = Math.min(...top);
  let x = 0;
  for (const nodes of layers) {
    const width = Math.max(0, ...nodes.map((node) => sizes[node]?.width ?? 0));
    for (const node of nodes) corners[node] = { x: x + (width - (sizes[node]?.width ?? 0)) / 2, y: (top[node] ?? 0) - highest };
    x += width + gap;
  }
  return corners;
}
