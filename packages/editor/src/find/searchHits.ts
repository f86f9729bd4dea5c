import type { Catalog, FlowGraph } from '@event-flows/model';

/**
 * The ids of the nodes with a name containing `query` (ignoring case and surrounding spaces), in
 * document order; none for a blank query. An algorithm is found by its reference (`org/name`), a
 * topic by its name and by its connection's id and name (so a connection's name finds its topics).
 * A plain loop: 5,000 nodes took about 2 ms on a busy 2-core machine, so it runs on every keystroke.
 */
export function searchHits(graph: Pick<FlowGraph, 'nodes'>, catalog: Pick<Catalog, 'connections'>, query: string): string[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [];
  const connectionFound = new Set(
    catalog.connections.filter((c) => c.id.toLowerCase().includes(needle) || c.name.toLowerCase().includes(needle)).map((c) => c.id),
  );
  const hits: string[] = [];
  for (const node of graph.nodes) {
    const found =
      node.kind === 'algorithm'
        ? node.algorithm.toLowerCase().includes(needle)
        : node.topic.toLowerCase().includes(needle) || connectionFound.has(node.connection) || node.connection.toLowerCase().includes(needle);
    if (found) hits.push(node.id);
  }
  return hits;
}
