import { generateFlow, pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { boundsOf } from '../store/placement.ts';
import { miniMapScale, visibleFlowRect } from './miniMapLayout.ts';
import { nodeSize } from './nodeGeometry.ts';
import { openingViewport, overlayBand, readableZoom } from './openingViewport.ts';

describe('openingViewport', () => {
  it('shows a flow that fits at a readable zoom whole, centred', () => {
    const { viewport, whole } = openingViewport(pipelineGraph().nodes, { width: 2000, height: 700 });
    expect(whole).toBe(true);
    expect(viewport.zoom).toBeGreaterThanOrEqual(readableZoom);
    expect(viewport.zoom).toBeLessThanOrEqual(1);
    // Centred: the middle of the flow's nodes is the middle of the canvas.
    const nodes = pipelineGraph().nodes;
    const left = Math.min(...nodes.map((n) => n.position.x));
    const right = Math.max(...nodes.map((n) => n.position.x + nodeSize[n.kind].width));
    expect(viewport.x + ((left + right) / 2) * viewport.zoom).toBeCloseTo(1000, 0);
  });

  it('opens a flow too large to read whole at its start, at the readable zoom', () => {
    for (const nodes of [generateFlow(2000, 42).graph.nodes, pipelineGraph().nodes]) {
      const { viewport, whole } = openingViewport(nodes, { width: 1000, height: 700 });
      expect(whole).toBe(false);
      expect(viewport.zoom).toBe(readableZoom);
      const left = Math.min(...nodes.map((n) => n.position.x)) * viewport.zoom;
      const top = Math.min(...nodes.map((n) => n.position.y)) * viewport.zoom;
      expect(viewport.x + left).toBeGreaterThan(0);
      expect(viewport.y + top).toBeGreaterThan(0);
      expect(viewport.x + left).toBeLessThan(100);
    }
  });

  it('centres a flow that is too wide but low enough from top to bottom', () => {
    const nodes = pipelineGraph().nodes;
    const { viewport } = openingViewport(nodes, { width: 1000, height: 700 });
    const top = Math.min(...nodes.map((n) => n.position.y));
    const bottom = Math.max(...nodes.map((n) => n.position.y + nodeSize[n.kind].height));
    expect(viewport.y + ((top + bottom) / 2) * viewport.zoom).toBeCloseTo((700 - overlayBand) / 2, 0);
  });

  it('opens every flow above the band of the minimap and the zoom controls, whole or at its start', () => {
    for (const size of [
      { width: 2000, height: 700 },
      { width: 793, height: 608 },
      { width: 1354, height: 968 },
    ]) {
      const nodes = pipelineGraph().nodes;
      const { viewport } = openingViewport(nodes, size);
      const bottom = Math.max(...nodes.map((n) => n.position.y + nodeSize[n.kind].height));
      expect(viewport.y + bottom * viewport.zoom).toBeLessThanOrEqual(size.height - overlayBand);
    }
  });

  it('opens an empty flow at the origin', () => {
    expect(openingViewport([], { width: 800, height: 600 })).toEqual({ viewport: { x: 0, y: 0, zoom: 1 }, whole: true });
  });
});

describe('miniMapScale', () => {
  it('frames every node and the visible part of the flow', () => {
    const { graph } = generateFlow(200, 1);
    const view = visibleFlowRect([100, 50, 0.5], 1000, 600);
    const scale = miniMapScale(boundsOf(graph.nodes), view, 200, 150);
    const inside = (x: number, y: number) => {
      const px = (x - scale.originX) / scale.unitsPerPixel;
      const py = (y - scale.originY) / scale.unitsPerPixel;
      return px >= 0 && px <= 200 && py >= 0 && py <= 150;
    };
    for (const node of graph.nodes) expect(inside(node.position.x, node.position.y)).toBe(true);
    expect(inside(view.x, view.y) && inside(view.x + view.width, view.y + view.height)).toBe(true);
  });
});
