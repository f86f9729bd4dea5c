import type { FlowNode } from '@event-flows/model';
import { nodeSize } from './nodeGeometry.ts';

/** The mini map's size on screen, in pixels. */
export const miniMapSize = { width: 200, height: 150 } as const;

/** A rectangle in flow units. */
export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How the mini map maps flow units to its pixels: `flow = origin + pixel × unitsPerPixel`. */
export interface MiniMapScale {
  originX: number;
  originY: number;
  unitsPerPixel: number;
}

/** The part of the flow a canvas of `width`×`height` pixels shows at React Flow's `transform`. */
export function visibleFlowRect(transform: readonly [number, number, number], width: number, height: number): FlowRect {
  const [x, y, zoom] = transform;
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/**
 * The scale at which a mini map of `width`×`height` pixels shows every node and the visible part
 * of the flow, centred with a margin, as React Flow's own mini map frames them.
 */
export function miniMapScale(nodes: readonly FlowNode[], view: FlowRect, width: number, height: number): MiniMapScale {
  let left = view.x;
  let top = view.y;
  let right = view.x + view.width;
  let bottom = view.y + view.height;
  for (const node of nodes) {
    const size = nodeSize[node.kind];
    if (node.position.x < left) left = node.position.x;
    if (node.position.y < top) top = node.position.y;
    if (node.position.x + size.width > right) right = node.position.x + size.width;
    if (node.position.y + size.height > bottom) bottom = node.position.y + size.height;
  }
  const unitsPerPixel = Math.max((right - left) / width, (bottom - top) / height, Number.EPSILON) * 1.1;
  return {
    originX: (left + right) / 2 - (width / 2) * unitsPerPixel,
    originY: (top + bottom) / 2 - (height / 2) * unitsPerPixel,
    unitsPerPixel,
  };
}
