import { pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { neighbourhood } from './neighbourhood.ts';

const sorted = (ids: ReadonlySet<string>) => [...ids].sort();

describe('neighbourhood', () => {
  const graph = pipelineGraph();

  it('holds the node and those one edge away, either way along it', () => {
    const near = neighbourhood(graph, 'a-enrich', 1);
    expect(sorted(near.nodeIds)).toEqual(['a-enrich', 't-classified', 't-dlq', 't-enriched']);
    expect(sorted(near.edgeIds)).toEqual(['e4', 'e5', 'e6']);
  });

  it('widens by one edge per hop, keeping every edge between the nodes it holds', () => {
    const near = neighbourhood(graph, 'a-enrich', 2);
    expect(sorted(near.nodeIds)).toEqual(['a-alert', 'a-classify', 'a-enrich', 't-classified', 't-dlq', 't-enriched']);
    expect(sorted(near.edgeIds)).toEqual(['e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(sorted(neighbourhood(graph, 'a-enrich', 3).nodeIds)).toHaveLength(8);
  });

  it('is the node alone at zero hops, and empty for a node not in the graph', () => {
    expect(sorted(neighbourhood(graph, 't-orders', 0).nodeIds)).toEqual(['t-orders']);
    expect(neighbourhood(graph, 'gone', 2).nodeIds.size).toBe(0);
  });

  it('ends on a cycle', () => {
    const cycle = [
      { id: 'x', kind: 'publish' as const, source: 'a', target: 't' },
      { id: 'y', kind: 'subscribe' as const, source: 't', target: 'a' },
    ];
    const nodes = [
      { id: 'a', kind: 'algorithm' as const, position: { x: 0, y: 0 }, algorithm: 'acme/loop', version: '1.0.0' },
      { id: 't', kind: 'topic' as const, position: { x: 0, y: 0 }, connection: 'local', topic: 'loop' },
    ];
    expect(sorted(neighbourhood({ nodes, edges: cycle }, 'a', 3).nodeIds)).toEqual(['a', 't']);
  });
});
