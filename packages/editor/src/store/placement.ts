import type { FlowNode, NodeKind } from '@event-flows/model';
import { nodeSize } from '../canvas/nodeGeometry.ts';

/**
 * Where new nodes go: beside the selection, at the first free place in view, or shifted clear of the
 * nodes already there, so that nothing added lands on top of another node.
 */

/** A point in flow coordinates. */
export interface FlowPoint {
  x: number;
  y: number;
}

/** A rectangle in flow coordinates, such as the part of the canvas in view. */
export interface FlowRect extends FlowPoint {
  width: number;
  height: number;
}

/** Room kept between a placed node and its neighbours, in flow units. */
const placementGap = 24;

/** Whether a node of `kind` at `at` comes within the gap of any of `nodes`. */
function covers(nodes: readonly FlowNode[], kind: NodeKind, at: FlowPoint): boolean {
  const size = nodeSize[kind];
  return nodes.some((n) => {
    const other = nodeSize[n.kind];
    return (
      at.x < n.position.x + other.width + placementGap &&
      n.position.x < at.x + size.width + placementGap &&
      at.y < n.position.y + other.height + placementGap &&
      n.position.y < at.y + size.height + placementGap
    );
  });
}

/**
 * The first place at `position` or straight below it where a new node of `kind` covers no node of
 * `nodes`, so nodes added one after another do not pile up on one spot.
 */
export function firstFreeSpot(nodes: readonly FlowNode[], position: FlowPoint, kind: NodeKind): FlowPoint {
  const size = nodeSize[kind];
  let at = { ...position };
  // Bounded: each node can push the spot down at most once.
  for (let step = 0; step <= nodes.length && covers(nodes, kind, at); step++) at = { x: at.x, y: at.y + size.height + placementGap };
  return at;
}

/**
 * The first free place for a node of `kind` inside `view`, reading it row by row from its top left;
 * when the view is full, the first free place below its top left corner.
 */
export function freeSpotInView(nodes: readonly FlowNode[], kind: NodeKind, view: FlowRect): FlowPoint {
  const size = nodeSize[kind];
  const stepX = size.width / 2;
  const stepY = size.height / 2;
  const start = { x: view.x + placementGap, y: view.y + placementGap };
  for (let y = start.y; y + size.height <= view.y + view.height; y += stepY) {
    for (let x = start.x; x + size.width <= view.x + view.width; x += stepX) {
      if (!covers(nodes, kind, { x, y })) return { x, y };
    }
  }
  return firstFreeSpot(nodes, start, kind);
}

/** The first free place right of `selected` (the selected nodes), level with the top of the selection. */
export function freeSpotBeside(nodes: readonly FlowNode[], kind: NodeKind, selected: readonly FlowNode[]): FlowPoint {
  const right = Math.max(...selected.map((n) => n.position.x + nodeSize[n.kind].width));
  const top = Math.min(...selected.map((n) => n.position.y));
  return firstFreeSpot(nodes, { x: right + placementGap * 2, y: top }, kind);
}

/** Whether a node of `kind` at `at` lies wholly inside `view`. */
function inside(view: FlowRect, kind: NodeKind, at: FlowPoint): boolean {
  const size = nodeSize[kind];
  return at.x >= view.x && at.y >= view.y && at.x + size.width <= view.x + view.width && at.y + size.height <= view.y + view.height;
}

/**
 * Where a node of `kind` added from the palette goes: beside the selected nodes when there are any
 * and that place is in `view`, else at the first free place in `view`.
 */
export function placeNewNode(nodes: readonly FlowNode[], kind: NodeKind, selectedIds: ReadonlySet<string>, view: FlowRect): FlowPoint {
  const selected = nodes.filter((n) => selectedIds.has(n.id));
  if (selected.length > 0) {
    const beside = freeSpotBeside(nodes, kind, selected);
    if (inside(view, kind, beside)) return beside;
  }
  return freeSpotInView(nodes, kind, view);
}

/**
 * The smallest whole multiple of `step` by which `copies` can be shifted so that none of them covers
 * a node of `nodes`: pasted copies sit near their originals, never on top of them.
 */
export function clearShift(nodes: readonly FlowNode[], copies: readonly FlowNode[], step: FlowPoint): FlowPoint {
  let shift = { ...step };
  // Bounded: each node can be cleared at most once by moving past it.
  for (let n = 1; n <= nodes.length + 1; n++) {
    shift = { x: step.x * n, y: step.y * n };
    const clear = copies.every((c) => !covers(nodes, c.kind, { x: c.position.x + shift.x, y: c.position.y + shift.y }));
    if (clear) break;
  }
  return shift;
}

/** The smallest rectangle around `nodes` at their declared sizes, or `null` when there are none. */
export function boundsOf(nodes: readonly FlowNode[]): FlowRect | null {
  if (nodes.length === 0) return null;
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    const { width, height } = nodeSize[node.kind];
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + width);
    bottom = Math.max(bottom, node.position.y + height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}
