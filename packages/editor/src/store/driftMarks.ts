import { describeDrift, type Drift, type FlowGraph } from '@event-flows/model';

/** Drift found by the last plan, laid onto the graph: each marked node's and edge's findings in words. */
export interface DriftMarks {
  nodes: ReadonlyMap<string, string>;
  edges: ReadonlyMap<string, string>;
}

function add(marks: Map<string, string>, id: string, text: string): void {
  const had = marks.get(id);
  marks.set(id, had ? `${had}\n${text}` : text);
}

/**
 * Marks the topic nodes whose live partitions or config differ from the flow, and the edges of the
 * bindings whose ACL has gone missing in Kafka, each with the findings' sentences. Findings that name
 * nothing in `graph` mark nothing.
 */
export function layOutDrift(graph: FlowGraph, drift: readonly Drift[]): DriftMarks {
  const nodes = new Map<string, string>();
  const edges = new Map<string, string>();
  if (drift.length === 0) return { nodes, edges };
  const topicIds = new Map<string, string[]>();
  const algorithmIds = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
  for (const node of graph.nodes) {
    if (node.kind === 'topic') push(topicIds, JSON.stringify([node.connection, node.topic]), node.id);
    else push(algorithmIds, node.algorithm, node.id);
  }
  for (const d of drift) {
    const text = describeDrift(d);
    if (d.kind !== 'acl-missing') {
      for (const id of topicIds.get(JSON.stringify([d.connection, d.topic])) ?? []) add(nodes, id, text);
      continue;
    }
    const binding = d.binding;
    if (!binding) continue;
    const topics = new Set(topicIds.get(JSON.stringify([binding.connection, binding.topic])) ?? []);
    const algorithms = new Set(algorithmIds.get(binding.algorithm) ?? []);
    for (const edge of graph.edges) {
      const matches =
        binding.direction === 'subscribe'
          ? edge.kind === 'subscribe' && topics.has(edge.source) && algorithms.has(edge.target)
          : edge.kind === 'publish' && algorithms.has(edge.source) && topics.has(edge.target);
      if (matches) add(edges, edge.id, text);
    }
  }
  return { nodes, edges };
}
