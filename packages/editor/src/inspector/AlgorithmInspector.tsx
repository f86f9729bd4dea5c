import { bindingDefaults, compareSemver, limits, versionForm, type AlgorithmNode } from '@event-flows/model';
import { useMemo } from 'react';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { AlgorithmLive } from './AlgorithmLive.tsx';
import { ConnectByKeyboard } from './ConnectByKeyboard.tsx';
import { NumberField, SelectField } from './fields.tsx';
import { NewTopicForAlgorithm } from './NewTopicForAlgorithm.tsx';
import { topicOptions } from './topicOptions.ts';

/** The settings of one algorithm node: version, retry policy, concurrency, DLQ, and connecting. */
export function AlgorithmInspector({ node }: { node: AlgorithmNode }) {
  const actions = useEditorActions();
  const catalog = useEditorStore((s) => s.catalog);
  const graph = useEditorStore((s) => s.graph);
  const entry = catalog.algorithms.find((a) => a.ref === node.algorithm);
  const versions = useMemo(() => {
    const listed = [...(entry?.versions ?? [])].sort((a, b) => compareSemver(b.version, a.version));
    const options = listed.map((v) => ({ value: v.version, label: v.published ? v.version : `${v.version} (private)` }));
    options.push({ value: 'latest', label: 'latest (floating)' });
    if (!options.some((o) => o.value === node.version)) options.unshift({ value: node.version, label: node.version || '(none)' });
    return options;
  }, [entry, node.version]);
  const dlqEdge = graph.edges.find((e) => e.kind === 'dlq' && e.source === node.id);
  const dlqOptions = useMemo(() => [{ value: '', label: 'None' }, ...topicOptions(graph)], [graph]);
  const update = (patch: Parameters<typeof actions.updateAlgorithm>[1]) => actions.updateAlgorithm(node.id, patch);

  return (
    <>
      <h3 className="efs-inspector__title">{entry?.name ?? node.algorithm}</h3>
      <p className="efs-inspector__subtitle">{node.algorithm}</p>
      <AlgorithmLive node={node} />
      <SelectField label="Version" value={node.version} options={versions} onChange={(version) => update({ version })}>
        {versionForm(node.version) === 'latest' ? (
          <p className="efs-field__warning" role="note">
            “{node.version}” follows every new release without a deploy. Pick an exact version to know what runs.
          </p>
        ) : null}
      </SelectField>
      <fieldset className="efs-fieldset">
        <legend>Retry policy</legend>
        <label className="efs-check">
          <input
            type="checkbox"
            checked={node.retry !== undefined}
            onChange={(e) => update({ retry: e.target.checked ? { ...bindingDefaults.retry } : undefined })}
          />
          Retry messages that fail for a transient reason
        </label>
        {node.retry ? (
          <>
            <NumberField
              label="Attempts in all"
              value={node.retry.maxAttempts}
              min={1}
              max={limits.maxAttempts}
              onCommit={(maxAttempts) => maxAttempts !== undefined && node.retry && update({ retry: { ...node.retry, maxAttempts } })}
            />
            <NumberField
              label="First backoff (ms)"
              value={node.retry.backoffMs}
              min={0}
              max={limits.backoffMs}
              hint="Doubles before each further attempt. A subscription can have a policy of its own."
              onCommit={(backoffMs) => backoffMs !== undefined && node.retry && update({ retry: { ...node.retry, backoffMs } })}
            />
          </>
        ) : null}
      </fieldset>
      <NumberField
        label="Concurrency"
        value={node.concurrency}
        min={1}
        max={limits.concurrency}
        optional
        hint="Invocations in flight per worker; empty or 1 keeps partition order."
        onCommit={(concurrency) => update({ concurrency })}
      />
      <SelectField
        label="Dead-letter queue"
        value={dlqEdge?.target ?? ''}
        options={dlqOptions}
        onChange={(topicId) => actions.setAlgorithmDlq(node.id, topicId === '' ? null : topicId)}
      />
      <ConnectByKeyboard algorithmId={node.id} />
      <NewTopicForAlgorithm algorithm={node} name={entry?.name ?? node.algorithm} />
    </>
  );
}
