import { emptyGraph, generateFlow, pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { nodeSize } from '../canvas/index.ts';
import { layoutGraph } from './layoutGraph.ts';

describe('layoutGraph', () => {
  it('places every node once, left to right along subscribe and publish edges', () => {
    const graph = pipelineGraph();
    const moves = layoutGraph(graph);
    expect(moves.map((m) => m.id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    const x = new Map(moves.map((m) => [m.id, m.position.x]));
    for (const edge of graph.edges.filter((e) => e.kind !== 'dlq')) {
      expect(x.get(edge.source) as number).toBeLessThan(x.get(edge.target) as number);
    }
  });

  it('never overlaps two nodes', () => {
    const { graph } = generateFlow(200);
    const moves = layoutGraph(graph);
    const kind = new Map(graph.nodes.map((n) => [n.id, n.kind]));
    const boxes = moves.map((m) => ({ ...m.position, ...nodeSize[kind.get(m.id) ?? 'topic'] }));
    boxes.sort((a, b) => a.x - b.x);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i] as (typeof boxes)[number];
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j] as (typeof boxes)[number];
        if (b.x >= a.x + a.width) break;
        expect(a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
      }
    }
  });

  it('lays out an empty flow as nothing', () => {
    expect(layoutGraph(emptyGraph())).toEqual([]);
  });
});
