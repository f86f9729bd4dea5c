import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import { demoCatalog, demoMember, pipelineGraph } from './fixtures.ts';
import type { FlowGroup } from './flowGroups.ts';
import { FlowGraph } from './graph.ts';
import { diffGraphs, isEmptyDiff } from './graphDiff.ts';
import { exportFlow, flowDocumentFormat, importFlow } from './io.ts';
import { limits } from './limits.ts';
import { validate } from './validate/validate.ts';

const ingest: FlowGroup = { id: 'g-ingest', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: true };
const enrich: FlowGroup = { id: 'g-enrich', name: 'Enrich stage', nodeIds: ['a-enrich', 't-enriched'], collapsed: false };

const grouped = (groups: unknown[]) => ({ ...pipelineGraph(), groups });
const groupedGraph = (groups: FlowGroup[]): FlowGraph => ({ ...pipelineGraph(), groups });

/** The reasons the schema gives for refusing `graph`, one line each. */
function refusals(graph: unknown): string[] {
  const parsed = FlowGraph.safeParse(graph);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('groups in a flow graph', () => {
  it('are accepted as UI data beside the nodes and edges', () => {
    expect(FlowGraph.parse(grouped([ingest, enrich]))).toEqual(grouped([ingest, enrich]));
  });

  it('are optional, so a flow saved before groups existed still loads', () => {
    expect(FlowGraph.parse(pipelineGraph())).toEqual(pipelineGraph());
  });

  it('keep a group name within the limits of other names', () => {
    expect(refusals(grouped([{ ...ingest, name: 'a\u0007b' }])).join()).toMatch(/groups\.0\.name: .*control characters/);
    expect(refusals(grouped([{ ...ingest, name: 'x'.repeat(limits.name + 1) }])).join()).toMatch(/groups\.0\.name/);
    expect(refusals(grouped([{ ...ingest, name: '   ' }])).join()).toMatch(/groups\.0\.name/);
  });

  it(`allow at most ${limits.groups} groups`, () => {
    const nodes = Array.from({ length: limits.groups + 1 }, (_, i) => ({ id: `t${i}`, kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: `t${i}` }));
    const groups = nodes.map((n, i) => ({ id: `g${i}`, name: `Group ${i}`, nodeIds: [n.id], collapsed: false }));
    expect(refusals({ nodes, edges: [], groups: groups.slice(0, -1) })).toEqual([]);
    expect(refusals({ nodes, edges: [], groups }).join()).toMatch(/groups: .*<=500/);
  });

  it('refuse a group of no nodes, of a node the graph does not hold, or a node in two groups', () => {
    expect(refusals(grouped([{ ...ingest, nodeIds: [] }])).join()).toMatch(/groups\.0\.nodeIds/);
    expect(refusals(grouped([{ ...ingest, nodeIds: ['t-orders', 'gone'] }])).join()).toMatch(/groups\.0\.nodeIds\.1: .*"gone".*not a node of this flow/);
    expect(refusals(grouped([ingest, { ...enrich, nodeIds: ['a-classify'] }])).join()).toMatch(/groups\.1\.nodeIds\.0: .*"a-classify".*already in the group "Ingest"/);
  });

  it('refuse a group id used twice or by a node', () => {
    expect(refusals(grouped([ingest, { ...enrich, id: ingest.id }])).join()).toMatch(/groups\.1\.id: .*used twice/);
    expect(refusals(grouped([{ ...ingest, id: 't-alerts' }])).join()).toMatch(/groups\.0\.id: .*a node's id/);
  });

  it('survive export and import as JSON and YAML', () => {
    const document = { format: flowDocumentFormat, name: 'Orders', description: '', graph: groupedGraph([ingest, enrich]) } as const;
    for (const format of ['json', 'yaml'] as const) {
      expect(importFlow(exportFlow(document, format))).toEqual({ ok: true, document });
    }
  });
});

describe('compile, validate and the revision diff ignore groups', () => {
  const withGroups = FlowGraph.parse(grouped([ingest, enrich]));
  const without = pipelineGraph();

  it("compile's desired state is the same with and without groups", () => {
    expect(compile(withGroups, { flowId: 'f' })).toEqual(compile(without, { flowId: 'f' }));
  });

  it('validation says the same with and without groups', () => {
    expect(validate(withGroups, demoCatalog(), demoMember, { flowId: 'f' })).toEqual(validate(without, demoCatalog(), demoMember, { flowId: 'f' }));
  });

  it('grouping nodes is no change a deploy would act on', () => {
    expect(isEmptyDiff(diffGraphs(without, withGroups))).toBe(true);
  });
});
