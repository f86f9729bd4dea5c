import type { TopicRef } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { initialVersion, isLatest, sameTopic, versionChoices, type BindingChange, type EventsTabRow } from './eventsTabRows.ts';

/** Props of {@link BindingForm}. */
export interface BindingFormProps {
  algorithm: string;
  row: EventsTabRow;
  /** The algorithm's versions from the catalog. */
  versions: readonly string[];
  /** The topics a subscription may send failed messages to. */
  dlqTopics: readonly TopicRef[];
  /** "Enable" for a disabled row, "Save" for an enabled one. */
  submitLabel: string;
  onSubmit: (change: BindingChange) => Promise<unknown>;
  onCancel: () => void;
  /** Something else is running: submitting waits. */
  busy: boolean;
}

/**
 * Enabling or editing one access: the version picker (warning on `latest`) and, for a
 * subscription, the "Enable Dead Letter Queue" checkbox with its topic. A refused change keeps the
 * form open with the server's message.
 */
export function BindingForm({ algorithm, row, versions, dlqTopics, submitLabel, onSubmit, onCancel, busy }: BindingFormProps) {
  const ids = { version: useId(), warning: useId(), dlq: useId(), dlqTopic: useId() };
  const subscribe = row.access === 'subscribe';
  const [version, setVersion] = useState(() => initialVersion(row, versions));
  const [dlqOn, setDlqOn] = useState(row.dlq !== null);
  const [dlqIndex, setDlqIndex] = useState(() => {
    const at = row.dlq ? dlqTopics.findIndex((t) => row.dlq !== null && sameTopic(t, row.dlq)) : -1;
    return Math.max(at, 0);
  });
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const dlqTopic = dlqTopics[dlqIndex];
  const canSubmit = !busy && !pending && (!subscribe || !dlqOn || dlqTopic !== undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    const change: BindingChange = { algorithm, connection: row.connection, topic: row.topic, access: row.access, version };
    if (subscribe) change.dlq = dlqOn && dlqTopic ? { connection: dlqTopic.connection, topic: dlqTopic.topic } : null;
    setPending(true);
    setFailure(null);
    try {
      await onSubmit(change);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setPending(false);
    }
  }

  return (
    <form className="efs-events__form" onSubmit={submit} aria-label={`${submitLabel} ${row.access} access to ${row.topic}`}>
      <div className="efs-events__field">
        <label htmlFor={ids.version}>Version</label>
        <select id={ids.version} value={version} onChange={(e) => setVersion(e.target.value)} aria-describedby={isLatest(version) ? ids.warning : undefined}>
          {versionChoices(versions, row.version).map((v) => (
            <option key={v} value={v}>
              {isLatest(v) ? 'Latest (follows new versions)' : v}
            </option>
          ))}
        </select>
      </div>
      {isLatest(version) ? (
        <p id={ids.warning} className="efs-events__warning">
          Latest follows every new version: a new release processes these events without review. Pick a version to pin it.
        </p>
      ) : null}
      {subscribe ? (
        <div className="efs-events__field">
          <input id={ids.dlq} type="checkbox" checked={dlqOn} onChange={(e) => setDlqOn(e.target.checked)} />
          <label htmlFor={ids.dlq}>Enable Dead Letter Queue</label>
          {dlqOn ? (
            <>
              <label htmlFor={ids.dlqTopic} className="efs-events__dlq-label">
                Dead-letter topic
              </label>
              <select id={ids.dlqTopic} value={dlqTopic ? dlqIndex : ''} onChange={(e) => setDlqIndex(Number(e.target.value))}>
                {dlqTopics.length === 0 ? <option value="">No topic available</option> : null}
                {dlqTopics.map((t, i) => (
                  <option key={`${t.connection}\u0000${t.topic}`} value={i}>
                    {t.topic} ({t.connection})
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
      ) : null}
      {failure ? (
        <p className="efs-events__error" role="alert">
          {failure}
        </p>
      ) : null}
      <div className="efs-events__form-actions">
        <button type="submit" disabled={!canSubmit}>
          {pending ? 'Working…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
