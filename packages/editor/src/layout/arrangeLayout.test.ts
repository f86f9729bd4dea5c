import { emptyGraph, generateCyclicFlow, generateFlow, pipelineGraph, type FlowGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { nodeSize } from '../canvas/index.ts';
import { arrangeLayout } from './arrangeLayout.ts';
import { layoutRequestOf, type LayoutPlace } from './layoutRequest.ts';

const arrange = (graph: FlowGraph) => arrangeLayout(layoutRequestOf(graph));
const byId = (places: readonly LayoutPlace[]) => new Map(places.map((p) => [p.id, p]));

function overlaps(graph: FlowGraph, places: readonly LayoutPlace[]): string[] {
  const kind = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const boxes = places.map((p) => ({ id: p.id, x: p.x, y: p.y, ...nodeSize[kind.get(p.id) ?? 'topic'] })).sort((a, b) => a.x - b.x);
  const found: string[] = [];
  boxes.forEach((a, i) => {
    for (const b of boxes.slice(i + 1)) {
      if (b.x >= a.x + a.width) break;
      if (a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.id}/${b.id}`);
    }
  });
  return found;
}

describe('arrangeLayout', () => {
  it('places every node once, left to right along subscribe and publish edges', async () => {
    const graph = pipelineGraph();
    const places = await arrange(graph);
    expect(places.map((p) => p.id).sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    const at = byId(places);
    for (const edge of graph.edges.filter((e) => e.kind !== 'dlq')) {
      expect(at.get(edge.source)?.x as number).toBeLessThan(at.get(edge.target)?.x as number);
    }
  });

  it('puts a DLQ topic right below its algorithm', async () => {
    const at = byId(await arrange(pipelineGraph()));
    const algorithm = at.get('a-classify') as LayoutPlace;
    const dlq = at.get('t-dlq') as LayoutPlace;
    expect(dlq.y).toBeGreaterThanOrEqual(algorithm.y + nodeSize.algorithm.height);
    expect(Math.abs(dlq.x + nodeSize.topic.width / 2 - (algorithm.x + nodeSize.algorithm.width / 2))).toBeLessThanOrEqual(1);
  });

  it('never overlaps two nodes', async () => {
    const { graph } = generateFlow(120);
    expect(overlaps(graph, await arrange(graph))).toEqual([]);
  }, 60_000);

  it('arranges a flow with cycles, every node at a place of its own', async () => {
    const { graph } = generateCyclicFlow(120);
    const places = await arrange(graph);
    expect(places).toHaveLength(graph.nodes.length);
    expect(places.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    expect(overlaps(graph, places)).toEqual([]);
  }, 60_000);

  it('lays out an empty flow as nothing', async () => {
    expect(await arrange(emptyGraph())).toEqual([]);
  });
});
