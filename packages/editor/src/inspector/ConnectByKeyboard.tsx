import type { ConnectCheck } from '@event-flows/model';
import { useId, useMemo, useState } from 'react';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { topicOptions } from './topicOptions.ts';
import { Button } from '../ui/Button.tsx';

/**
 * The keyboard path to connecting: pick a topic and add a subscription to it or a publication to
 * it from the selected algorithm, through the same model check as drawing an edge.
 */
export function ConnectByKeyboard({ algorithmId }: { algorithmId: string }) {
  const graph = useEditorStore((s) => s.graph);
  const actions = useEditorActions();
  const options = useMemo(() => topicOptions(graph), [graph]);
  const [topicId, setTopicId] = useState('');
  const [result, setResult] = useState<ConnectCheck | null>(null);
  const selectId = useId();
  function connect(proposed: { source: string; target: string }) {
    const check = actions.connect(proposed);
    // Stay on this algorithm: the person may want to add the next connection from here.
    if (check.ok) actions.select({ nodeIds: [algorithmId] });
    setResult(check);
  }
  const chosen = options.some((o) => o.value === topicId) ? topicId : (options[0]?.value ?? '');
  if (options.length === 0) return <p className="efs-panel__empty">No topic on the canvas yet: make one under New topic, or add one from the palette.</p>;
  return (
    <fieldset className="efs-fieldset">
      <legend>Connect</legend>
      <div className="efs-field">
        <label htmlFor={selectId}>Topic</label>
        <select id={selectId} value={chosen} onChange={(e) => setTopicId(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="efs-buttons">
        <Button size="small" onClick={() => connect({ source: chosen, target: algorithmId })}>
          Subscribe to topic
        </Button>
        <Button size="small" onClick={() => connect({ source: algorithmId, target: chosen })}>
          Publish to topic
        </Button>
      </div>
      <p className="efs-field__hint" role="status" data-refused={result !== null && !result.ok}>
        {result === null ? '' : result.ok ? `Added a ${result.kind} edge.` : `Refused: ${result.reason}`}
      </p>
    </fieldset>
  );
}
