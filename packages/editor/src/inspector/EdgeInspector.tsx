import { compareSemver, type FlowEdge } from '@event-flows/model';
import { useMemo } from 'react';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { SelectField } from './fields.tsx';
import { RetryPolicyEditor } from './RetryPolicyEditor.tsx';
import { topicOptions } from './topicOptions.ts';

const kindLabel: Record<FlowEdge['kind'], string> = {
  subscribe: 'Subscription',
  publish: 'Publication',
  dlq: 'Dead-letter queue',
};

/**
 * One edge: what it joins; for a subscription or publication, its own version (empty: the algorithm's);
 * for a subscription, its own DLQ choice and retry policy.
 */
export function EdgeInspector({ edge }: { edge: FlowEdge }) {
  const actions = useEditorActions();
  const graph = useEditorStore((s) => s.graph);
  const nodesById = useEditorStore((s) => s.nodesById);
  const catalog = useEditorStore((s) => s.catalog);
  const name = (id: string) => {
    const node = nodesById.get(id);
    return node?.kind === 'algorithm' ? node.algorithm : node?.kind === 'topic' ? node.topic : id;
  };
  const options = useMemo(() => [{ value: '', label: "The algorithm's DLQ" }, ...topicOptions(graph)], [graph]);
  const algorithm = nodesById.get(edge.kind === 'subscribe' ? edge.target : edge.source);
  const versionOptions = useMemo(() => {
    if (algorithm?.kind !== 'algorithm') return [];
    const listed = [...(catalog.algorithms.find((a) => a.ref === algorithm.algorithm)?.versions ?? [])].sort((a, b) => compareSemver(b.version, a.version));
    const choices = [{ value: '', label: `The algorithm's (${algorithm.version || 'none'})` }, ...listed.map((v) => ({ value: v.version, label: v.published ? v.version : `${v.version} (private)` }))];
    choices.push({ value: 'latest', label: 'latest (floating)' });
    if (edge.version !== undefined && !choices.some((o) => o.value === edge.version)) choices.push({ value: edge.version, label: edge.version });
    return choices;
  }, [algorithm, catalog, edge.version]);
  return (
    <>
      <h3 className="efs-inspector__title">{kindLabel[edge.kind]}</h3>
      <p className="efs-inspector__subtitle">
        {name(edge.source)} → {name(edge.target)}
      </p>
      {edge.kind !== 'dlq' && algorithm?.kind === 'algorithm' ? (
        <SelectField
          label="Version for this binding"
          value={edge.version ?? ''}
          options={versionOptions}
          onChange={(version) => actions.setBindingVersion(edge.id, version === '' ? null : version)}
        />
      ) : null}
      {edge.kind === 'subscribe' ? (
        <SelectField
          label="Dead-letter queue for this subscription"
          value={edge.dlq ?? ''}
          options={options}
          onChange={(topicId) => actions.setSubscriptionDlq(edge.id, topicId === '' ? null : topicId)}
        />
      ) : null}
      {edge.kind === 'subscribe' && algorithm?.kind === 'algorithm' ? <RetryPolicyEditor edge={edge} algorithm={algorithm} /> : null}
    </>
  );
}
