/**
 * How much the canvas draws: `full` nodes (text, handles, edge looks) where text can be read, `low`
 * detail (shapes in their kind's colour, edges as plain lines, see FarDrawing.tsx) where it cannot
 * in a flow large enough for that to matter.
 */
export type DetailLevel = 'full' | 'low';

/**
 * The zooms at which the canvas switches. A node's title is 13 px: below a zoom of 0.4 it is under
 * 5.2 px on screen and cannot be read. The way back to full detail is at a higher zoom than the way
 * down, so hovering around one zoom never switches back and forth (hysteresis).
 */
export const detailZooms = {
  /** Below this zoom, full detail turns to low. */
  lowBelow: 0.4,
  /** Above this zoom, low detail turns to full. */
  fullAbove: 0.5,
} as const;

/**
 * Flows of at most this many nodes are drawn in full at every zoom: React Flow draws them without
 * strain, and they keep the look they always had (and that their screenshots and tests show).
 */
export const lowDetailMinNodes = 200;

/** The detail level at `zoom`, coming from `current`, for a flow of any size (see lowDetailMinNodes). */
export function nextDetailLevel(current: DetailLevel, zoom: number): DetailLevel {
  if (current === 'full') return zoom < detailZooms.lowBelow ? 'low' : 'full';
  return zoom > detailZooms.fullAbove ? 'full' : 'low';
}
