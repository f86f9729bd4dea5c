import { describe, expect, it } from 'vitest';
import { drawingStillShows, farDrawingArea, farDrawingMargin, neededFlowRect } from './farDrawing.ts';
import { visibleFlowRect } from './miniMapLayout.ts';

/** A flow 20,000 × 10,000 units large, as a few thousand nodes laid out make one. */
const flow = { x: 0, y: 0, width: 20_000, height: 10_000 };
const view = { width: 1280, height: 800 };

describe('the far drawing while panning', () => {
  it('draws the whole flow once at fit view: no pan step needs a new drawing', () => {
    const zoom = 0.05;
    const visible = (x: number, y: number) => visibleFlowRect([x, y, zoom], view.width, view.height);
    const drawn = { area: farDrawingArea(flow, visible(140, 150), zoom), zoom };
    expect(drawn.area.width).toBeGreaterThanOrEqual(flow.width);
    expect(drawn.area.height).toBeGreaterThanOrEqual(flow.height);
    for (let step = 0; step < 120; step++) {
      const pan = visible(140 + step * 2, 150 - step * 3);
      expect(drawingStillShows(drawn, neededFlowRect(flow, pan, zoom), zoom)).toBe(true);
    }
  });

  it('draws at most its margin around the view closer up, and again once a pan leaves that, or the zoom changes', () => {
    const zoom = 0.3;
    const visible = (x: number) => visibleFlowRect([x, -500, zoom], view.width, view.height);
    const drawn = { area: farDrawingArea(flow, visible(-2000), zoom), zoom };
    expect(drawn.area.width).toBeLessThanOrEqual((view.width + 2 * farDrawingMargin) / zoom);
    expect(drawingStillShows(drawn, neededFlowRect(flow, visible(-2000 - farDrawingMargin + 20), zoom), zoom)).toBe(true);
    expect(drawingStillShows(drawn, neededFlowRect(flow, visible(-2000 - farDrawingMargin - 20), zoom), zoom)).toBe(false);
    expect(drawingStillShows(drawn, neededFlowRect(flow, visible(-2000), 0.31), 0.31)).toBe(false);
  });

  it('needs nothing drawn where the view shows no part of the flow', () => {
    const needed = neededFlowRect(flow, visibleFlowRect([100_000, 0, 0.3], view.width, view.height), 0.3);
    expect(needed.width * needed.height).toBe(0);
    expect(neededFlowRect(null, visibleFlowRect([0, 0, 1], view.width, view.height), 1).width).toBe(0);
  });
});
