import type { FlowEdge } from '@event-flows/model';
import { useMemo } from 'react';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { SelectField } from './fields.tsx';
import { topicOptions } from './topicOptions.ts';

const kindLabel: Record<FlowEdge['kind'], string> = {
  subscribe: 'Subscription',
  publish: 'Publication',
  dlq: 'Dead-letter queue',
};

/** One edge: what it joins, and for a subscription, its own DLQ choice. */
export function EdgeInspector({ edge }: { edge: FlowEdge }) {
  const actions = useEditorActions();
  const graph = useEditorStore((s) => s.graph);
  const nodesById = useEditorStore((s) => s.nodesById);
  const name = (id: string) => {
    const node = nodesById.get(id);
    return node?.kind === 'algorithm' ? node.algorithm : node?.kind === 'topic' ? node.topic : id;
  };
  const options = useMemo(() => [{ value: '', label: "The algorithm's DLQ" }, ...topicOptions(graph)], [graph]);
  return (
    <>
      <h3 className="efs-inspector__title">{kindLabel[edge.kind]}</h3>
      <p className="efs-inspector__subtitle">
        {name(edge.source)} → {name(edge.target)}
      </p>
      {edge.kind === 'subscribe' ? (
        <SelectField
          label="Dead-letter queue for this subscription"
          value={edge.dlq ?? ''}
          options={options}
          onChange={(topicId) => actions.setSubscriptionDlq(edge.id, topicId === '' ? null : topicId)}
        />
      ) : null}
    </>
  );
}
