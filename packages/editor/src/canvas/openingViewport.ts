import type { FlowNode } from '@event-flows/model';
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { boundsOf } from '../store/placement.ts';
import { miniMapSize } from './miniMapLayout.ts';

/** The smallest zoom a flow opens at: below it, node names are hard to read. */
export const readableZoom = 0.75;
/** The largest zoom a flow opens at. */
export const openingMaxZoom = 1;
/** Room left around a flow opened at its start, in screen pixels. */
const startMargin = 24;

/**
 * The band at the bottom of the canvas that the minimap (15 px from the edges) and the zoom controls
 * cover: a flow opens above it, so that they cover none of its nodes.
 */
export const overlayBand = miniMapSize.height + 2 * 15;

/** Where a flow opens, and whether that shows all of it (else it shows its start). */
export interface Opening {
  viewport: Viewport;
  whole: boolean;
}

/**
 * Where a flow opens in a canvas of `size` pixels: the whole flow, centred, when it fits at a
 * readable zoom (as React Flow's `fitView` with padding 0.1 would place it); otherwise its start
 * (its left end, and its top unless it is low enough to centre) at the readable zoom, which mounts
 * only the nodes in view. Either way it lies above the {@link overlayBand} (unless the canvas is too
 * low to leave half of it). Computed from the declared node sizes, so it needs no measuring and the
 * first frame already shows the right place.
 */
export function openingViewport(nodes: readonly FlowNode[], canvas: { width: number; height: number }): Opening {
  const bounds = boundsOf(nodes);
  if (!bounds) return { viewport: { x: 0, y: 0, zoom: 1 }, whole: true };
  // The part of the canvas the minimap and the zoom controls leave clear.
  const size = { width: canvas.width, height: Math.max(canvas.height - overlayBand, canvas.height / 2) };
  if (size.width > 0 && size.height > 0) {
    const fit = getViewportForBounds(bounds, size.width, size.height, readableZoom, openingMaxZoom, 0.1);
    const unclamped = getViewportForBounds(bounds, size.width, size.height, 0, openingMaxZoom, 0.1);
    if (unclamped.zoom >= readableZoom) return { viewport: fit, whole: true };
  }
  // A flow wider than the canvas but no taller is centred from top to bottom, at its left end.
  const spareHeight = size.height - bounds.height * readableZoom;
  const y = spareHeight > 2 * startMargin ? spareHeight / 2 - bounds.y * readableZoom : startMargin - bounds.y * readableZoom;
  return { viewport: { x: startMargin - bounds.x * readableZoom, y, zoom: readableZoom }, whole: false };
}
