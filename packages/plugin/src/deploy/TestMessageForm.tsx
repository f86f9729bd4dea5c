import './flowPanels.css';
import { Button, EmptyState, Field } from '@event-flows/editor';
import { limits, sizeOf, utf8Bytes } from '@event-flows/model';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { FlowTopic } from './flowTopics.ts';

/**
 * Why `value` is too large to send from the studio, with its size and the limit; `null` when it fits.
 * Said before sending: the server would refuse it anyway, and a 12 MB paste would not even reach it.
 */
export function testMessageProblem(value: string): string | null {
  if (value.length <= limits.messageChars) return null;
  return `The message is ${sizeOf(utf8Bytes(value))}; at most ${sizeOf(limits.messageChars)} is sent from the studio.`;
}

/** A test message as the person wrote it: where to, its key (empty for none) and its value. */
export interface TestMessage extends FlowTopic {
  key: string;
  value: string;
}

/** Props of {@link TestMessageForm}. */
export interface TestMessageFormProps {
  /** The flow's topics, each with its connection's display name. */
  topics: readonly (FlowTopic & { connectionName: string })[];
  /** A message is on its way. */
  sending: boolean;
  /** What the last send came to (sent to a partition and offset, or why not); `null` once the form changes. */
  outcome: { text: ReactNode; tone: 'success' | 'error' } | null;
  onSend: (message: TestMessage) => void;
  /** The person changed the form: what was said about the last send no longer applies. */
  onEdit: () => void;
  /** The value the form starts with. */
  initialValue?: string;
  /** Follows the message just sent through the flow; offered whenever given (the container gives it while the form is as it was sent). */
  onFollow?: (() => void) | undefined;
}

/**
 * The test-message form as a person sees it: a topic of the flow, an optional key and a value, Send,
 * and what came of it. A value over the studio's limit is refused under the field before sending.
 * It holds only what is typed: {@link TestMessagePanel} sends it.
 */
export function TestMessageForm({ topics, sending, outcome, onSend, onEdit, onFollow, initialValue = '{"id": "order-1", "amount": 120}' }: TestMessageFormProps) {
  const [choice, setChoice] = useState(0);
  const [key, setKey] = useState('');
  const [value, setValue] = useState(initialValue);
  const [valueProblem, setValueProblem] = useState<string | null>(null);
  const target = topics[choice];
  const edited = <T,>(set: (next: T) => void) => (next: T) => {
    set(next);
    setValueProblem(null);
    onEdit();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    const tooLarge = testMessageProblem(value);
    setValueProblem(tooLarge);
    if (!tooLarge) onSend({ connection: target.connection, topic: target.topic, key, value });
  };
  return (
    <form className="efs-test-message" onSubmit={submit} aria-label="Send test message" noValidate>
      <h2>Send test message</h2>
      {topics.length === 0 ? (
        <EmptyState title="No topic to send to">Add a topic to the flow and save it; a test message goes to one of its topics.</EmptyState>
      ) : null}
      <Field label="Topic">
        <select value={choice} disabled={topics.length === 0} onChange={(e) => edited(setChoice)(Number(e.target.value))}>
          {topics.map((t, i) => (
            <option key={`${t.connection}/${t.topic}`} value={i}>
              {t.topic} ({t.connectionName})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Key (optional)" help="Messages with the same key go to the same partition.">
        <input value={key} maxLength={limits.messageKey} onChange={(e) => edited(setKey)(e.target.value)} />
      </Field>
      <Field label="Value" help="JSON, or any text." error={valueProblem} announce>
        <textarea rows={3} value={value} onChange={(e) => edited(setValue)(e.target.value)} />
      </Field>
      <div>
        <Button type="submit" variant="primary" disabled={!target} busy={sending}>
          Send
        </Button>
      </div>
      {outcome ? (
        <p role={outcome.tone === 'error' ? 'alert' : 'status'} className={outcome.tone === 'error' ? 'efs-app__alert' : 'efs-test-message__sent'}>
          {outcome.text}
        </p>
      ) : null}
      {onFollow ? (
        <div>
          <Button onClick={onFollow}>Follow this message</Button>
        </div>
      ) : null}
    </form>
  );
}
