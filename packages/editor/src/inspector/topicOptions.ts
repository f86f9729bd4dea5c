import type { FlowGraph } from '@event-flows/model';

/** The graph's topic nodes as select options (label: topic name, with the node id when names repeat). */
export function topicOptions(graph: FlowGraph): { value: string; label: string }[] {
  const topics = graph.nodes.flatMap((n) => (n.kind === 'topic' ? [n] : []));
  const counts = new Map<string, number>();
  for (const t of topics) counts.set(t.topic, (counts.get(t.topic) ?? 0) + 1);
  return topics.map((t) => ({
    value: t.id,
    label: (counts.get(t.topic) ?? 0) > 1 ? `${t.topic || '(unnamed)'} (${t.id})` : t.topic || `(unnamed ${t.id})`,
  }));
}
