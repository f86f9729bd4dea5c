import { identityKey, type AlgorithmNode, type BindingHistory } from '@event-flows/model';
import { useMemo } from 'react';
import { BindingCharts } from '../status/index.ts';
import { useEditorStore } from '../store/index.ts';

/**
 * The recent history of a deployed algorithm's subscriptions (lag in messages and seconds, throughput,
 * error and DLQ rates), one set of small charts per subscribed topic; nothing when none is deployed.
 */
export function AlgorithmLive({ node }: { node: AlgorithmNode }) {
  const graph = useEditorStore((s) => s.graph);
  const histories = useEditorStore((s) => s.bindingHistory);
  const shown = useMemo(() => {
    if (!histories || histories.length === 0) return [];
    const byKey = new Map(histories.map((h) => [identityKey(h.algorithm, h.connection, h.topic), h]));
    const topics = new Map(graph.nodes.map((n) => [n.id, n]));
    const found: BindingHistory[] = [];
    for (const edge of graph.edges) {
      const topic = edge.kind === 'subscribe' && edge.target === node.id ? topics.get(edge.source) : undefined;
      const history = topic?.kind === 'topic' ? byKey.get(identityKey(node.algorithm, topic.connection, topic.topic)) : undefined;
      if (history) found.push(history);
    }
    return found;
  }, [graph, histories, node.id, node.algorithm]);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((history) => (
        <section className="efs-inspector__live" key={history.key} aria-label={`Live history of ${history.topic}`}>
          <h4>Live · {history.topic}</h4>
          <BindingCharts history={history} width={150} />
        </section>
      ))}
    </>
  );
}
