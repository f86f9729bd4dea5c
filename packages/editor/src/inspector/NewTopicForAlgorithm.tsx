import type { AlgorithmNode, FlowEdge } from '@event-flows/model';
import { useState } from 'react';
import { nodeSize } from '../canvas/index.ts';
import { NewTopicForm } from '../palette/index.ts';
import { firstFreeSpot, useEditorActions, useEditorStore } from '../store/index.ts';
import { Button } from '../ui/Button.tsx';

/** Room between an algorithm and a topic placed beside it, in flow units. */
const besideGap = 80;

const buttons: ReadonlyArray<{ kind: FlowEdge['kind']; label: string; purpose: (name: string) => string }> = [
  { kind: 'subscribe', label: 'New input topic', purpose: (name) => `A topic ${name} subscribes to: each message on it invokes ${name}.` },
  { kind: 'publish', label: 'New output topic', purpose: (name) => `A topic ${name} publishes its results to.` },
  { kind: 'dlq', label: 'New DLQ topic', purpose: (name) => `The dead-letter queue of ${name}: messages it cannot process go there.` },
];

/** Where a new topic for `algorithm` goes: inputs to its left, outputs to its right, its DLQ below it. */
function besideAlgorithm(algorithm: AlgorithmNode, kind: FlowEdge['kind']): { x: number; y: number } {
  const a = nodeSize.algorithm;
  const t = nodeSize.topic;
  const middle = algorithm.position.y + (a.height - t.height) / 2;
  if (kind === 'subscribe') return { x: algorithm.position.x - t.width - besideGap, y: middle };
  if (kind === 'publish') return { x: algorithm.position.x + a.width + besideGap, y: middle };
  return { x: algorithm.position.x + (a.width - t.width) / 2, y: algorithm.position.y + a.height + besideGap };
}

/**
 * Makes a topic for the selected algorithm, which may not exist yet: the topic node beside the
 * algorithm (or where a line drawn from one of its handles was let go) and the subscribe, publish or
 * DLQ edge to it, as one undo step.
 */
export function NewTopicForAlgorithm({ algorithm, name }: { algorithm: AlgorithmNode; name: string }) {
  const actions = useEditorActions();
  const nodes = useEditorStore((s) => s.graph.nodes);
  const requested = useEditorStore((s) => (s.topicRequest?.algorithmId === algorithm.id ? s.topicRequest : null));
  const [chosen, setChosen] = useState<FlowEdge['kind'] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const kind = requested?.kind ?? chosen;
  const open = buttons.find((b) => b.kind === kind);
  const setKind = (next: FlowEdge['kind'] | null) => {
    setChosen(next);
    if (requested) actions.requestTopic(null);
  };
  return (
    <fieldset className="efs-fieldset">
      <legend>Add a topic</legend>
      {open ? (
        <NewTopicForm
          purpose={open.purpose(name)}
          onCancel={() => setKind(null)}
          onSubmit={(topic) => {
            const position = firstFreeSpot(nodes, requested?.position ?? besideAlgorithm(algorithm, open.kind), 'topic');
            const check = actions.addConnectedTopic(algorithm.id, topic, open.kind, position);
            setRefusal(check.ok ? null : `Refused: ${check.reason}`);
            if (check.ok) setKind(null);
          }}
        />
      ) : (
        <div className="efs-buttons">
          {buttons.map((b) => (
            <Button key={b.kind} size="small" onClick={() => setKind(b.kind)}>
              {b.label}
            </Button>
          ))}
        </div>
      )}
      {refusal ? (
        <p className="efs-field__hint" role="status" data-refused="true">
          {refusal}
        </p>
      ) : null}
    </fieldset>
  );
}
