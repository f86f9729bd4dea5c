import { validateGraph } from '@event-flows/model';
import type { Actor, Catalog, Diagnostic, FlowGraph, FlowNode, Severity } from '@event-flows/model';

/** What the canvas shows about the document that is computed from it, never edited directly. */
export interface DerivedDocument {
  /** The model's diagnostics for the graph, errors first. */
  diagnostics: Diagnostic[];
  /** The worst severity of the diagnostics on each node and edge, for the marks on the canvas. */
  marks: { nodes: ReadonlyMap<string, Severity>; edges: ReadonlyMap<string, Severity> };
  /** Topic nodes used as a dead-letter queue (by a DLQ edge or a subscription's own DLQ). */
  dlqTopicIds: ReadonlySet<string>;
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function worst(map: Map<string, Severity>, id: string, severity: Severity): void {
  const current = map.get(id);
  if (current === undefined || rank[severity] < rank[current]) map.set(id, severity);
}

/**
 * Validates the graph with the model, as the server validates the flow `flowId` (its own bindings are
 * not another flow's), and derives the canvas marks from the result.
 */
export function deriveDocument(graph: FlowGraph, catalog: Catalog, actor: Actor, flowId: string | undefined): DerivedDocument {
  const diagnostics = validateGraph(graph, catalog, actor, flowId === undefined ? {} : { flowId });
  const nodes = new Map<string, Severity>();
  const edges = new Map<string, Severity>();
  for (const d of diagnostics) {
    for (const id of d.nodeIds) worst(nodes, id, d.severity);
    for (const id of d.edgeIds) worst(edges, id, d.severity);
  }
  const dlqTopicIds = new Set<string>();
  for (const edge of graph.edges) {
    if (edge.kind === 'dlq') dlqTopicIds.add(edge.target);
    if (edge.dlq !== undefined) dlqTopicIds.add(edge.dlq);
  }
  return { diagnostics, marks: { nodes, edges }, dlqTopicIds };
}

/** Each node by id (the first one, when ids repeat; validation reports the duplicate). */
export function indexNodes(graph: FlowGraph): ReadonlyMap<string, FlowNode> {
  const byId = new Map<string, FlowNode>();
  for (const node of graph.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  return byId;
}
