import type { FlowEdge, FlowGraph, FlowNode } from './graph.ts';
import { canonicalJson } from './keys.ts';

/** What changed between two revisions of a flow graph, by node and edge id. Positions do not count. */
export interface GraphDiff {
  addedNodes: FlowNode[];
  removedNodes: FlowNode[];
  /** Nodes whose meaning changed (version, topic, settings…), with the fields that differ. */
  changedNodes: Array<{ before: FlowNode; after: FlowNode; fields: string[] }>;
  addedEdges: FlowEdge[];
  removedEdges: FlowEdge[];
  changedEdges: Array<{ before: FlowEdge; after: FlowEdge; fields: string[] }>;
}

function changedFields(before: object, after: object, ignore: ReadonlySet<string>): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((f) => !ignore.has(f))
    .filter((f) => canonicalJson((before as Record<string, unknown>)[f]) !== canonicalJson((after as Record<string, unknown>)[f]))
    .sort();
}

function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[], ignore: ReadonlySet<string>) {
  const old = new Map(before.map((x) => [x.id, x]));
  const next = new Map(after.map((x) => [x.id, x]));
  const added = after.filter((x) => !old.has(x.id));
  const removed = before.filter((x) => !next.has(x.id));
  const changed: Array<{ before: T; after: T; fields: string[] }> = [];
  for (const x of after) {
    const was = old.get(x.id);
    if (!was) continue;
    const fields = changedFields(was, x, ignore);
    if (fields.length > 0) changed.push({ before: was, after: x, fields });
  }
  return { added, removed, changed };
}

const nodeLayout = new Set(['position']);
const none = new Set<string>();

/** Compares two graphs: what a person reviewing a revision, or a rollback, needs to see. */
export function diffGraphs(before: FlowGraph, after: FlowGraph): GraphDiff {
  const nodes = diffById(before.nodes, after.nodes, nodeLayout);
  const edges = diffById(before.edges, after.edges, none);
  return {
    addedNodes: nodes.added,
    removedNodes: nodes.removed,
    changedNodes: nodes.changed,
    addedEdges: edges.added,
    removedEdges: edges.removed,
    changedEdges: edges.changed,
  };
}

/** Tells whether a diff changes anything a deploy would act on. */
export function isEmptyDiff(diff: GraphDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}
