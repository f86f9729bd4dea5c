import type { DiagnosticCode } from './diagnostics.ts';
import type { EdgeKind, FlowEdge, FlowGraph } from './graph.ts';
import { edgeKindFor } from './graphIndex.ts';
import { checkStructure } from './validate/structure.ts';

/** A connection being drawn: from a node's output handle to another node. */
export interface ProposedConnection {
  source: string;
  target: string;
  /** `dlq` when the edge leaves an algorithm's DLQ handle. */
  sourceHandle?: string | null;
}

/** Whether a connection may be made, and as what kind of edge; or why not. */
export type ConnectCheck =
  | { ok: true; kind: EdgeKind }
  | { ok: false; code: DiagnosticCode | 'same-node' | 'unknown-node'; reason: string };

/**
 * Decides whether the editor may create the edge being dragged. It applies exactly the structural
 * rules of {@link validate} to the graph with the new edge added, and refuses when any of them
 * reports an error about that edge — one source of truth for drawing and for validation.
 */
export function canConnect(graph: FlowGraph, proposed: ProposedConnection): ConnectCheck {
  const source = graph.nodes.find((n) => n.id === proposed.source);
  const target = graph.nodes.find((n) => n.id === proposed.target);
  if (!source || !target) return { ok: false, code: 'unknown-node', reason: 'Both ends must be nodes on the canvas.' };
  if (source.id === target.id) return { ok: false, code: 'same-node', reason: 'A node cannot connect to itself.' };
  const kind = edgeKindFor(source, target, proposed.sourceHandle);
  if (!kind) {
    return source.kind === 'topic'
      ? { ok: false, code: 'edge-between-topics', reason: 'A topic connects only to an algorithm.' }
      : { ok: false, code: 'edge-between-algorithms', reason: 'Connect two algorithms through a topic.' };
  }
  const ids = new Set(graph.edges.map((e) => e.id));
  let id = 'proposed';
  while (ids.has(id)) id += '_';
  const edge: FlowEdge = { id, kind, source: source.id, target: target.id };
  const withEdge: FlowGraph = { ...graph, edges: [...graph.edges, edge] };
  const refusal = checkStructure(withEdge).find(
    (d) => d.severity === 'error' && d.edgeIds.includes(id),
  );
  return refusal ? { ok: false, code: refusal.code, reason: refusal.message } : { ok: true, kind };
}
