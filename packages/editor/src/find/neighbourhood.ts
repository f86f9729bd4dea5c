import type { FlowGraph } from '@event-flows/model';

/** How far focus mode can reach from its node, in edges (hops). */
export const focusHops = { min: 1, max: 3, initial: 1 } as const;

/** The nodes within some hops of one node, and the edges between them. */
export interface Neighbourhood {
  nodeIds: ReadonlySet<string>;
  edgeIds: ReadonlySet<string>;
}

/**
 * The node `nodeId` and every node at most `hops` edges away from it, following edges either way
 * (what feeds a node matters as much as what it feeds), with the edges whose two ends are both among
 * them. Empty when the graph has no node `nodeId` (it was deleted).
 */
export function neighbourhood(graph: Pick<FlowGraph, 'nodes' | 'edges'>, nodeId: string, hops: number): Neighbourhood {
  if (!graph.nodes.some((n) => n.id === nodeId)) return { nodeIds: new Set(), edgeIds: new Set() };
  const { edges } = graph;
  const adjacent = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = adjacent.get(from);
    if (list) list.push(to);
    else adjacent.set(from, [to]);
  };
  for (const edge of edges) {
    link(edge.source, edge.target);
    link(edge.target, edge.source);
  }
  const nodeIds = new Set([nodeId]);
  let frontier = [nodeId];
  for (let hop = 0; hop < hops && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const other of adjacent.get(id) ?? []) {
        if (nodeIds.has(other)) continue;
        nodeIds.add(other);
        next.push(other);
      }
    }
    frontier = next;
  }
  const edgeIds = new Set<string>();
  for (const edge of edges) if (nodeIds.has(edge.source) && nodeIds.has(edge.target)) edgeIds.add(edge.id);
  return { nodeIds, edgeIds };
}
