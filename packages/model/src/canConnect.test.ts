import { describe, expect, it } from 'vitest';
import { canConnect } from './canConnect.ts';
import { pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';

const graph: FlowGraph = pipelineGraph();

describe('canConnect', () => {
  it('derives the edge kind from the two ends and the handle', () => {
    const g: FlowGraph = { nodes: graph.nodes, edges: [] };
    expect(canConnect(g, { source: 't-orders', target: 'a-classify' })).toEqual({ ok: true, kind: 'subscribe' });
    expect(canConnect(g, { source: 'a-classify', target: 't-classified' })).toEqual({ ok: true, kind: 'publish' });
    expect(canConnect(g, { source: 'a-classify', target: 't-dlq', sourceHandle: 'dlq' })).toEqual({ ok: true, kind: 'dlq' });
  });

  it('refuses two topics, two algorithms and a node to itself', () => {
    expect(canConnect(graph, { source: 't-orders', target: 't-alerts' })).toMatchObject({ ok: false, code: 'edge-between-topics' });
    expect(canConnect(graph, { source: 'a-classify', target: 'a-enrich' })).toMatchObject({ ok: false, code: 'edge-between-algorithms' });
    expect(canConnect(graph, { source: 'a-classify', target: 'a-classify' })).toMatchObject({ ok: false, code: 'same-node' });
    expect(canConnect(graph, { source: 'nope', target: 'a-classify' })).toMatchObject({ ok: false, code: 'unknown-node' });
  });

  it('refuses an edge that already exists', () => {
    expect(canConnect(graph, { source: 't-orders', target: 'a-classify' })).toMatchObject({ ok: false, code: 'duplicate-edge' });
  });

  it('refuses a connection that closes a loop, with the reason', () => {
    const result = canConnect(graph, { source: 'a-alert', target: 't-orders' });
    expect(result).toMatchObject({ ok: false, code: 'cycle' });
    if (!result.ok) expect(result.reason).toMatch(/loop/);
  });

  it('refuses a DLQ that is one of the algorithm’s inputs, and a second DLQ', () => {
    const noDlq: FlowGraph = { ...graph, edges: graph.edges.filter((e) => e.kind !== 'dlq') };
    expect(canConnect(noDlq, { source: 'a-classify', target: 't-orders', sourceHandle: 'dlq' })).toMatchObject({ ok: false, code: 'dlq-is-input' });
    expect(canConnect(graph, { source: 'a-classify', target: 't-alerts', sourceHandle: 'dlq' })).toMatchObject({ ok: false, code: 'multiple-dlq-edges' });
  });

  it('refuses subscribing to the algorithm’s own DLQ', () => {
    expect(canConnect(graph, { source: 't-dlq', target: 'a-classify' })).toMatchObject({ ok: false, code: 'dlq-is-input' });
  });

  it('ignores problems elsewhere in the graph', () => {
    const broken: FlowGraph = { ...graph, edges: [...graph.edges, { id: 'bad', kind: 'publish', source: 't-orders', target: 't-alerts' }] };
    expect(canConnect(broken, { source: 'a-alert', target: 't-dlq', sourceHandle: 'dlq' })).toEqual({ ok: true, kind: 'dlq' });
  });
});
