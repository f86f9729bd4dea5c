import type { FlowGraph } from '@event-flows/model';
import { nodeSize } from '../canvas/nodeGeometry.ts';

/**
 * What an automatic layout is asked to arrange, as plain data that can be posted to a worker: the
 * nodes with their sizes, and the edges in the direction messages travel.
 */

/** A node to place, with its declared size in flow units. */
export interface LayoutBox {
  id: string;
  width: number;
  height: number;
}

/** An edge to follow: `dlq` edges go from an algorithm to the topic its failed messages go to. */
export interface LayoutLink {
  source: string;
  target: string;
  kind: 'subscribe' | 'publish' | 'dlq';
}

/** A flow (or part of one) to arrange, nodes and edges in the flow's own order. */
export interface LayoutRequest {
  nodes: LayoutBox[];
  edges: LayoutLink[];
}

/** A node's new top-left corner, in flow units. */
export interface LayoutPlace {
  id: string;
  x: number;
  y: number;
}

/**
 * The layout request for `graph`, or for only the nodes in `only` and the edges among them. A
 * subscription's own DLQ counts as a DLQ edge from its algorithm; edges whose ends are missing, and
 * edges from a node to itself, are left out.
 */
export function layoutRequestOf(graph: FlowGraph, only?: ReadonlySet<string>): LayoutRequest {
  const nodes: LayoutBox[] = [];
  const ids = new Set<string>();
  for (const node of graph.nodes) {
    if (ids.has(node.id) || (only && !only.has(node.id))) continue;
    ids.add(node.id);
    nodes.push({ id: node.id, ...nodeSize[node.kind] });
  }
  const edges: LayoutLink[] = [];
  const link = (source: string, target: string, kind: LayoutLink['kind']) => {
    if (ids.has(source) && ids.has(target) && source !== target) edges.push({ source, target, kind });
  };
  for (const edge of graph.edges) {
    link(edge.source, edge.target, edge.kind);
    if (edge.kind === 'subscribe' && edge.dlq !== undefined) link(edge.target, edge.dlq, 'dlq');
  }
  return { nodes, edges };
}
