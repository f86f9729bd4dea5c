/**
 * A subscribe or publish edge may carry its own version, overriding its algorithm node's: each binding,
 * like each row of the platform's Events tab, has its own version (DESIGN §3).
 */
import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { demoCatalog, demoMember, pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { exportFlow, flowDocumentFormat, importFlow, type FlowDocument } from './io.ts';
import { validate } from './validate/validate.ts';

const catalog = demoCatalog();

/** The pipeline with `version` on the edges named in `versions` (edge id → version). */
function withEdgeVersions(versions: Record<string, string>): FlowGraph {
  const graph = pipelineGraph();
  return { ...graph, edges: graph.edges.map((e) => (versions[e.id] === undefined ? e : { ...e, version: versions[e.id] as string })) };
}

const versionOf = (graph: FlowGraph, algorithm: string, topic: string, direction: 'subscribe' | 'publish') =>
  compile(graph, { flowId: 'f' }).bindings.find((b) => b.algorithm === algorithm && b.topic === topic && b.direction === direction)?.version;

describe('the version of an edge', () => {
  it("is the version of that binding alone; the algorithm's other bindings keep the node's", () => {
    // e1: orders → classify; e2: classify → orders.classified. The node says 1.2.0.
    const graph = withEdgeVersions({ e1: '1.0.0' });
    expect(versionOf(graph, 'acme/classify', 'orders', 'subscribe')).toBe('1.0.0');
    expect(versionOf(graph, 'acme/classify', 'orders.classified', 'publish')).toBe('1.2.0');
    const published = withEdgeVersions({ e2: '1.1.0' });
    expect(versionOf(published, 'acme/classify', 'orders.classified', 'publish')).toBe('1.1.0');
    expect(versionOf(published, 'acme/classify', 'orders', 'subscribe')).toBe('1.2.0');
  });

  it('is checked like the node’s version, with the diagnostic on the edge', () => {
    const diagnostics = validate(withEdgeVersions({ e1: '9.9.9', e2: 'not a version' }), catalog, demoMember, { flowId: 'f' });
    expect(diagnostics.map((d) => [d.code, d.nodeIds, d.edgeIds])).toEqual([
      ['unknown-version', [], ['e1']],
      ['invalid-version', [], ['e2']],
    ]);
    expect(diagnostics[0]?.message).toBe('acme/classify has no version matching "9.9.9" (the version of this subscription).');
    expect(validate(withEdgeVersions({ e1: 'latest' }), catalog, demoMember, { flowId: 'f' }).map((d) => [d.code, d.severity, d.edgeIds])).toEqual([
      ['floating-version', 'warning', ['e1']],
    ]);
  });

  it('is refused on a DLQ edge, which follows its subscriptions', () => {
    const diagnostics = validate(withEdgeVersions({ e3: '1.0.0' }), catalog, demoMember, { flowId: 'f' });
    expect(diagnostics.map((d) => [d.code, d.edgeIds])).toEqual([['dlq-edge-version', ['e3']]]);
  });

  it('survives export and import', () => {
    const document: FlowDocument = { format: flowDocumentFormat, name: 'Versions', description: '', graph: withEdgeVersions({ e1: '1.0.0', e5: '0.9.0' }) };
    for (const format of ['json', 'yaml'] as const) expect(importFlow(exportFlow(document, format))).toEqual({ ok: true, document });
  });
});
