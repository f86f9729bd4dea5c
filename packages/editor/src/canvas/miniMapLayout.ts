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
 * The scale at which a mini map of `width`×`height` pixels shows the nodes, which lie in
 * `nodeBounds` (`null`: there are none), and the visible part of the flow, centred with a margin, as
 * React Flow's own mini map frames them.
 */
export function miniMapScale(nodeBounds: FlowRect | null, view: FlowRect, width: number, height: number): MiniMapScale {
  const left = Math.min(view.x, nodeBounds?.x ?? view.x);
  const top = Math.min(view.y, nodeBounds?.y ?? view.y);
  const right = Math.max(view.x + view.width, nodeBounds ? nodeBounds.x + nodeBounds.width : -Infinity);
  const bottom = Math.max(view.y + view.height, nodeBounds ? nodeBounds.y + nodeBounds.height : -Infinity);
  const unitsPerPixel = Math.max((right - left) / width, (bottom - top) / height, Number.EPSILON) * 1.1;
  return {
    originX: (left + right) / 2 - (width / 2) * unitsPerPixel,
    originY: (top + bottom) / 2 - (height / 2) * unitsPerPixel,
    unitsPerPixel,
  };
}
