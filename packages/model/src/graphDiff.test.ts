import { describe, expect, it } from 'vitest';
import { earlierPipelineGraph, pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { diffGraphs, diffMarks, isEmptyDiff } from './graphDiff.ts';

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

  it('says each change in domain words, with old → new values, never by internal id', () => {
    const before: FlowGraph = {
      ...pipelineGraph(),
      nodes: pipelineGraph().nodes.map((n) => (n.id === 'a-classify' && n.kind === 'algorithm' ? { ...n, version: '1.1.0' } : n)),
    };
    const after: FlowGraph = {
      nodes: [
        ...pipelineGraph().nodes.map((n) =>
          n.id === 't-classified' && n.kind === 'topic' ? { ...n, create: { partitions: 3, replicationFactor: 1, config: {} } } : n,
        ),
      ],
      edges: [
        ...pipelineGraph()
          .edges.filter((e) => e.id !== 'e8')
          .map((e) => (e.id === 'e1' ? { ...e, dlq: 't-dlq' } : e)),
        { id: 'e9', kind: 'subscribe', source: 't-orders', target: 'a-enrich' },
      ],
    };
    expect(diffGraphs(before, after).changes).toEqual([
      { change: 'added', text: 'subscribe acme/enrich ← orders' },
      { change: 'removed', text: 'publish acme/alert → alerts' },
      { change: 'changed', text: 'version of acme/classify: 1.1.0 → 1.2.0' },
      { change: 'changed', text: 'creation of orders.classified: none → 3 partitions, replication factor 1' },
      { change: 'changed', text: 'DLQ of classify ← orders: none → orders.dlq' },
    ]);
    expect(diffGraphs(after, before).changes).toContainEqual({ change: 'changed', text: 'DLQ of classify ← orders: orders.dlq → none' });
    expect(diffGraphs(pipelineGraph(), pipelineGraph()).changes).toEqual([]);
  });

  it('calls connections by the names the caller gives', () => {
    const before = pipelineGraph();
    const after: FlowGraph = {
      ...before,
      nodes: [
        ...before.nodes.map((n) => (n.id === 't-alerts' && n.kind === 'topic' ? { ...n, connection: 'eu' } : n)),
        { id: 't-new', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'new' },
      ],
    };
    const names: Record<string, string> = { local: 'Embedded Kafka', eu: 'Kafka Europe' };
    expect(diffGraphs(before, after, (id) => names[id] ?? id).changes).toEqual([
      { change: 'added', text: 'topic new on Embedded Kafka' },
      { change: 'changed', text: 'connection of alerts: Embedded Kafka → Kafka Europe' },
    ]);
    expect(diffGraphs(before, after).changes).toContainEqual({ change: 'added', text: 'topic new on local' });
  });
});

describe('diffMarks', () => {
  it('marks what an earlier revision lacks as added, what it had as removed (with its old place), and changed settings as changed', () => {
    const marks = diffMarks(earlierPipelineGraph(), pipelineGraph());
    expect(Object.fromEntries(marks.nodes)).toEqual({ 'a-alert': 'added', 't-alerts': 'added', 'a-classify': 'changed' });
    expect(Object.fromEntries(marks.edges)).toEqual({ e7: 'added', e8: 'added', e1: 'changed' });
    expect(marks.removedNodes).toEqual([{ id: 't-audit', kind: 'topic', position: { x: 1360, y: 300 }, connection: 'local', topic: 'orders.audit' }]);
    expect(marks.removedEdges.map((e) => e.id)).toEqual(['e-audit']);
    expect(marks.counts).toEqual({ added: 4, removed: 2, changed: 2 });
  });

  it('marks nothing when only positions differ', () => {
    const moved: FlowGraph = { ...pipelineGraph(), nodes: pipelineGraph().nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) };
    const marks = diffMarks(moved, pipelineGraph());
    expect([marks.nodes.size, marks.edges.size, marks.removedNodes.length, marks.removedEdges.length]).toEqual([0, 0, 0, 0]);
  });
});
