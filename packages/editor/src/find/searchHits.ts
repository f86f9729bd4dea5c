import type { Catalog, FlowGraph } from '@event-flows/model';

/** What a search on the canvas looks through: each node's id with the names it can be found by. */
export type SearchIndex = readonly {
  id: string;
  /** The node's names in lower case, joined by a line break (no name holds one). */
  text: string;
}[];

/**
 * The names each node can be found by, in document order: an algorithm by its reference
 * (`org/name`), a topic by its name and by its connection's id and name.
 */
export function searchIndex(graph: Pick<FlowGraph, 'nodes'>, catalog: Pick<Catalog, 'connections'>): SearchIndex {
  const connectionNames = new Map(catalog.connections.map((c) => [c.id, c.name]));
  return graph.nodes.map((node) => {
    const names = node.kind === 'algorithm' ? [node.algorithm] : [node.topic, node.connection, connectionNames.get(node.connection) ?? ''];
    return { id: node.id, text: names.join('\n').toLowerCase() };
  });
}

/**
 * The ids of the nodes with a name containing `query` (ignoring case and surrounding spaces), in
 * document order; none for a blank query. A plain loop: 5,000 nodes take well under a millisecond.
 */
export function searchHits(index: SearchIndex, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const hits: string[] = [];
  for (const { id, text } of index) if (text.includes(needle)) hits.push(id);
  return hits;
}
