import { describe, expect, it } from 'vitest';
import { pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { diffGraphs, isEmptyDiff } from './graphDiff.ts';

describe('diffGraphs', () => {
  it('ignores moves and reports nothing for the same graph', () => {
    const moved: FlowGraph = { ...pipelineGraph(), nodes: pipelineGraph().nodes.map((n) => ({ ...n, position: { x: n.position.x + 10, y: 0 } })) };
    expect(isEmptyDiff(diffGraphs(pipelineGraph(), moved))).toBe(true);
  });

  it('names added, removed and changed nodes and edges', () => {
    const before = pipelineGraph();
    const after: FlowGraph = {
      nodes: [
        ...before.nodes.filter((n) => n.id !== 't-alerts').map((n) => (n.id === 'a-enrich' && n.kind === 'algorithm' ? { ...n, version: '0.9.0' } : n)),
        { id: 't-new', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'new' },
      ],
      edges: [...before.edges.filter((e) => e.id !== 'e8').map((e) => (e.id === 'e1' ? { ...e, dlq: 't-new' } : e))],
    };
    const diff = diffGraphs(before, after);
    expect(diff.addedNodes.map((n) => n.id)).toEqual(['t-new']);
    expect(diff.removedNodes.map((n) => n.id)).toEqual(['t-alerts']);
    expect(diff.changedNodes).toEqual([expect.objectContaining({ fields: ['version'] })]);
    expect(diff.removedEdges.map((e) => e.id)).toEqual(['e8']);
    expect(diff.changedEdges).toEqual([expect.objectContaining({ fields: ['dlq'] })]);
    expect(isEmptyDiff(diff)).toBe(false);
  });
});
