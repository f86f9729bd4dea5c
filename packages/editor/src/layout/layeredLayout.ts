import { assignLayers, breakCycles, type IndexEdge } from './layering.ts';
import { orderLayers } from './layerOrder.ts';
import { placeNodes } from './layerPlacement.ts';
import type { LayoutPlace, LayoutRequest } from './layoutRequest.ts';
import type { LayoutSpacing } from './layoutSpacing.ts';

/*
 * A layered ("Sugiyama") layout of our own, left to right, in four phases, each in its own file:
 *   1. break loops: turn round the few edges that go back against message order (layering.ts);
 *   2. columns: every edge goes from a column to a later one, edges kept short (layering.ts);
 *   3. order within each column, so that few edges cross, ties in flow order (layerOrder.ts);
 *   4. coordinates: each node near the median of its neighbours, without overlaps (layerPlacement.ts).
 * It replaced ELK's layered algorithm (elkjs), which took 7-12 s for 1,000 nodes and 20-25 s for
 * generateFlow(5000) in Node, where 3 s is wanted (issue 20; dagre took 3-4 s and over a minute).
 * This one takes 0.15-0.3 s of CPU for 5,000 nodes, and crosses fewer edges than ELK did on the
 * flows of arrangeLayout.test.ts.
 */

/** Told, now and then, what share of the layout is done (0 to 1). */
export type LayoutProgress = (share: number) => void;

/** The share of the whole taken once each phase is done: ordering and placing take most of the time. */
const doneAfter = { loops: 0.05, columns: 0.1, order: 0.8 } as const;

/**
 * Lays a request out in columns, left to right along its edges: loops broken where the fewest edges
 * must point backwards, few crossings, nodes that tie in the flow's own order, no two nodes
 * overlapping. Returns every node's top-left corner; the same request always gives the same places.
 */
export function layeredLayout(request: LayoutRequest, spacing: LayoutSpacing, onProgress: LayoutProgress = () => {}): LayoutPlace[] {
  const indexOf = new Map(request.nodes.map((node, i) => [node.id, i]));
  const edges: IndexEdge[] = request.edges.flatMap((e) => {
    const source = indexOf.get(e.source);
    const target = indexOf.get(e.target);
    return source === undefined || target === undefined || source === target ? [] : [{ source, target }];
  });
  const forward = breakCycles(request.nodes.length, edges);
  onProgress(doneAfter.loops);
  const layer = assignLayers(request.nodes.length, forward);
  onProgress(doneAfter.columns);
  const layers = orderLayers(layer, forward, (share) => onProgress(between(doneAfter.columns, doneAfter.order, share)));
  const corners = placeNodes(request.nodes, layers, forward, spacing, (share) => onProgress(between(doneAfter.order, 1, share)));
  return request.nodes.map((node, i) => ({ id: node.id, x: corners[i]?.x ?? 0, y: corners[i]?.y ?? 0 }));
}

function between(from: number, to: number, share: number): number {
  return from + (to - from) * share;
}
