import { Graph, layout, type EdgeConfig, type GraphLabel, type NodeLabel } from '@dagrejs/dagre';
import type { FlowGraph } from '@event-flows/model';
import { nodeSize } from '../canvas/index.ts';
import type { NodeMove } from '../store/index.ts';

/** Spacing of an automatic layout, in flow units. */
export interface LayoutSpacing {
  /** Between nodes of one column. */
  nodes: number;
  /** Between columns. */
  columns: number;
}

const defaultSpacing: LayoutSpacing = { nodes: 48, columns: 96 };

/**
 * Arranges a flow left to right in the direction messages travel (topic → algorithm → topic), with
 * the declared node sizes, and returns each node's new top-left position. Edges whose ends are
 * missing are ignored; the graph itself is not changed.
 */
export function layoutGraph(graph: FlowGraph, spacing: LayoutSpacing = defaultSpacing): NodeMove[] {
  const g = new Graph<GraphLabel, NodeLabel, EdgeConfig>({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: spacing.nodes, ranksep: spacing.columns, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id)) continue;
    ids.add(node.id);
    g.setNode(node.id, { ...nodeSize[node.kind] });
  }
  for (const edge of graph.edges) {
    if (!ids.has(edge.source) || !ids.has(edge.target) || edge.source === edge.target) continue;
    // Dead letters are a side branch: let the main line decide the columns.
    g.setEdge(edge.source, edge.target, { weight: edge.kind === 'dlq' ? 0 : 1, minlen: 1 }, edge.id);
  }
  layout(g);
  const moves: NodeMove[] = [];
  for (const id of ids) {
    const placed = g.node(id);
    if (placed.x === undefined || placed.y === undefined) continue;
    moves.push({ id, position: { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) } });
  }
  return moves;
}
