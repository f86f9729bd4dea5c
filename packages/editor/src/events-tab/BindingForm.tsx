import { topicKey, type Grant, type TopicRef } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../ui/Button.tsx';
import {
  initialVersion,
  isLatest,
  missingGrantsOf,
  requestState,
  sameTopic,
  versionChoices,
  type AccessRequestView,
  type BindingChange,
  type EventsTabRow,
} from './eventsTabRows.ts';

/** Props of {@link BindingForm}. */
export interface BindingFormProps {
  algorithm: string;
  row: EventsTabRow;
  /** Display names of the connections by id, so a topic reads "orders.dlq (Embedded Kafka)", not "(local)". */
  connectionNames?: ReadonlyMap<string, string> | undefined;
  /** The algorithm's versions from the catalog. */
  versions: readonly string[];
  /** The topics this subscription may send failed messages to (see `dlqChoices`). */
  dlqTopics: readonly TopicRef[];
  /** "Enable" for a disabled row, "Save" for an enabled one. */
  submitLabel: string;
  onSubmit: (change: BindingChange) => Promise<unknown>;
  onCancel: () => void;
  /** Files grant requests for the access a refused change lacks (resolving to the requests filed); without it, no "Request access" button. */
  onRequestAccess?: ((change: BindingChange) => Promise<unknown>) | undefined;
  /** The algorithm's grant requests, newest first: the state of what this form requested. */
  accessRequests?: readonly AccessRequestView[] | undefined;
  /** Something else is running: submitting waits. */
  busy: boolean;
}

/** A refused change: the change, the server's message, and the access it lacks when that is why. */
interface Failure {
  change: BindingChange;
  message: string;
  missing: Grant[];
}

// A DLQ choice's value in the picker: the topic's identity.
const topicValue = (t: TopicRef) => topicKey(t.connection, t.topic);

/**
 * Enabling or editing one access: the version picker (warning on `latest`) and, for a
 * subscription, the "Enable Dead Letter Queue" checkbox with its topic (none preselected). A refused
 * change keeps the form open with the server's message; one refused for missing access offers to
 * request it, and then shows what became of the request.
 */
export function BindingForm({ algorithm, row, connectionNames, versions, dlqTopics, submitLabel, onSubmit, onCancel, onRequestAccess, accessRequests = [], busy }: BindingFormProps) {
  const ids = { version: useId(), warning: useId(), dlq: useId(), dlqTopic: useId() };
  const subscribe = row.access === 'subscribe';
  const [version, setVersion] = useState(() => initialVersion(row, versions));
  const [dlqOn, setDlqOn] = useState(row.dlq !== null);
  // The row's current DLQ stays a choice, even if it would not be offered today.
  const choices = row.dlq && !dlqTopics.some((t) => row.dlq !== null && sameTopic(t, row.dlq)) ? [row.dlq, ...dlqTopics] : dlqTopics;
  const [dlqValue, setDlqValue] = useState(() => (row.dlq ? topicValue(row.dlq) : ''));
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [requested, setRequested] = useState<Grant[] | null>(null);
  const dlqTopic = choices.find((t) => topicValue(t) === dlqValue);
  const canSubmit = !busy && !pending && (!subscribe || !dlqOn || dlqTopic !== undefined);

  function change(): BindingChange {
    const next: BindingChange = { algorithm, connection: row.connection, topic: row.topic, access: row.access, version };
    if (subscribe) next.dlq = dlqOn && dlqTopic ? { connection: dlqTopic.connection, topic: dlqTopic.topic } : null;
    return next;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canSubmit) return;
    const asked = change();
    setPending(true);
    setFailure(null);
    setRequested(null);
    try {
      await onSubmit(asked);
    } catch (error) {
      setFailure({ change: asked, message: error instanceof Error ? error.message : String(error), missing: missingGrantsOf(error) });
      setPending(false);
    }
  }

  async function requestAccess() {
    if (!onRequestAccess || !failure) return;
    setPending(true);
    try {
      // The access the refused change lacked, even if the form has changed since (a revoked DLQ is no longer offered).
      const filed = await onRequestAccess(failure.change);
      // No request filed: nothing is missing any more (a cluster admin granted it meanwhile).
      setRequested(Array.isArray(filed) && filed.length === 0 ? [] : failure.missing);
    } catch (error) {
      setFailure({ change: failure.change, message: error instanceof Error ? error.message : String(error), missing: [] });
    } finally {
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
              <select id={ids.dlqTopic} value={dlqValue} onChange={(e) => setDlqValue(e.target.value)}>
                <option value="">{choices.length === 0 ? `No topic ${algorithm} may publish to` : 'Pick a topic'}</option>
                {choices.map((t) => (
                  <option key={topicValue(t)} value={topicValue(t)}>
                    {t.topic} ({connectionNames?.get(t.connection) ?? t.connection})
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
      ) : null}
      {failure ? (
        <p className="efs-events__error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {failure && failure.missing.length > 0 && onRequestAccess && !requested ? (
        <Button size="small" onClick={requestAccess} disabled={pending}>
          Request access
        </Button>
      ) : null}
      {requested ? (
        <p className="efs-events__note" role="status">
          {requestState(requested, accessRequests, submitLabel.toLowerCase())}
        </p>
      ) : null}
      <div className="efs-events__form-actions">
        <Button type="submit" variant="primary" disabled={!canSubmit} busy={pending}>
          {pending ? 'Working…' : submitLabel}
        </Button>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
