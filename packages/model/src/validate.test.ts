import { describe, expect, it } from 'vitest';
import { demoAdmin, demoCatalog, demoMember, generateFlow, pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { limits } from './limits.ts';
import { validate } from './validate/validate.ts';

const catalog = demoCatalog();

describe('validate', () => {
  it('finds nothing wrong with the granted demo pipeline', () => {
    expect(validate(pipelineGraph(), catalog, demoMember, { flowId: 'f1' })).toEqual([]);
  });

  it('turns malformed input into schema diagnostics instead of throwing', () => {
    for (const input of [null, 42, 'graph', [], { nodes: 'x' }, { nodes: [{ id: 1 }], edges: [] }]) {
      const diagnostics = validate(input, catalog, demoMember);
      expect(diagnostics.length).toBeGreaterThan(0);
      expect(diagnostics.every((d) => d.code === 'schema-invalid' && d.severity === 'error')).toBe(true);
    }
  });

  it('points schema diagnostics at the node they concern', () => {
    const graph = pipelineGraph();
    const bad = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'a-enrich' ? { ...n, concurrency: 0 } : n)) };
    const [first] = validate(bad, catalog, demoMember);
    expect(first).toMatchObject({ code: 'schema-invalid', nodeIds: ['a-enrich'] });
    expect(first?.message).toMatch(/concurrency/);
  });

  it('refuses graphs over the size limits', () => {
    const { graph } = generateFlow(limits.nodes + 500, 3);
    expect(graph.nodes.length).toBeGreaterThan(limits.nodes);
    const diagnostics = validate(graph, catalog, demoMember);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(/nodes/);
  });

  it('refuses unknown keys such as __proto__ rather than dropping them', () => {
    const input = JSON.parse('{"nodes": [], "edges": [], "__proto__": {"polluted": true}}');
    const diagnostics = validate(input, catalog, demoMember);
    expect(diagnostics[0]).toMatchObject({ code: 'schema-invalid' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("leaves creating a topic no edge uses, or beyond the member limits, to a cluster admin", () => {
    const graph: FlowGraph = {
      ...pipelineGraph(),
      nodes: [
        ...pipelineGraph().nodes,
        { id: 't-new', kind: 'topic', position: { x: 0, y: 500 }, connection: 'local', topic: 'nobody.asked', create: { partitions: 500, replicationFactor: 1, config: {} } },
      ],
    };
    const codes = (actor: typeof demoMember) => validate(graph, catalog, actor, { flowId: 'f1' }).map((d) => [d.code, d.severity, d.nodeIds]);
    expect(codes(demoMember)).toEqual([
      ['topic-creation-not-granted', 'error', ['t-new']],
      ['guardrail-partitions', 'error', ['t-new']],
    ]);
    expect(codes(demoAdmin)).toEqual([['topic-will-be-created', 'info', ['t-new']]]);
  });

  it('bounds the number of schema diagnostics', () => {
    const nodes = Array.from({ length: 500 }, (_, i) => ({ id: `n${i}`, kind: 'topic' }));
    expect(validate({ nodes, edges: [] }, catalog, demoMember).length).toBe(50);
  });
});
