import { driftFields, type Drift, type FlowGraph } from '@event-flows/model';

/** The drift of one edge: its findings' fields in words, and the short word its mark shows. */
export interface EdgeDrift {
  text: string;
  /** `ACL missing` when every finding is a missing ACL, else `drift`. */
  label: string;
}

/**
 * Drift laid onto the graph (live Kafka differing from the deployed flow): each marked node's and
 * edge's findings, one line per field, naming the field, the deployed value and the live value.
 */
export interface DriftMarks {
  nodes: ReadonlyMap<string, string>;
  edges: ReadonlyMap<string, EdgeDrift>;
}

/** One finding as the mark's tooltip reads it: `retention.ms: deployed 604800000, live 86400000`. */
export function driftText(drift: Drift): string {
  return driftFields(drift)
    .map((f) => `${f.field}: deployed ${f.deployed}, live ${f.live}`)
    .join('\n');
}

function add(marks: Map<string, string>, id: string, text: string): void {
  const had = marks.get(id);
  marks.set(id, had ? `${had}\n${text}` : text);
}

/**
 * Marks the topic nodes whose live partitions or config differ from the flow, and the edges of the
 * bindings whose ACL has gone missing in Kafka or whose consumer group differs (foreign members,
 * offsets on other topics), each with the findings' fields. Findings that name nothing in `graph`
 * mark nothing.
 */
export function layOutDrift(graph: FlowGraph, drift: readonly Drift[]): DriftMarks {
  const nodes = new Map<string, string>();
  const edgeTexts = new Map<string, string>();
  const onlyAcls = new Map<string, boolean>();
  if (drift.length === 0) return { nodes, edges: new Map() };
  const topicIds = new Map<string, string[]>();
  const algorithmIds = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, id: string) => map.set(key, [...(map.get(key) ?? []), id]);
  for (const node of graph.nodes) {
    if (node.kind === 'topic') push(topicIds, JSON.stringify([node.connection, node.topic]), node.id);
    else push(algorithmIds, node.algorithm, node.id);
  }
  for (const d of drift) {
    const text = driftText(d);
    if (d.kind === 'topic-partitions' || d.kind === 'topic-config') {
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
      if (!matches) continue;
      add(edgeTexts, edge.id, text);
      onlyAcls.set(edge.id, (onlyAcls.get(edge.id) ?? true) && d.kind === 'acl-missing');
    }
  }
  const edges = new Map([...edgeTexts].map(([id, text]) => [id, { text, label: onlyAcls.get(id) ? 'ACL missing' : 'drift' }]));
  return { nodes, edges };
}
