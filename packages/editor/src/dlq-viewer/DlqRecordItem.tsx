import { formatTime, limits } from '@event-flows/model';
import { useId, useState } from 'react';
import { errorSummary, positionKey, valueView, type DlqViewPosition, type DlqViewRecord } from './dlqViewerRecords.ts';

/** Props of {@link DlqRecordItem}. */
export interface DlqRecordItemProps {
  record: DlqViewRecord;
  /** A newer record of the DLQ is a failed replay of this one. */
  failedAgain: boolean;
  /** Replayed from this page, and not (yet) seen failing again. */
  replayed: boolean;
  picked: boolean;
  onPick: (picked: boolean) => void;
  readOnly: boolean;
  /** Whether a replay is running (every replay button waits for it). */
  busy: boolean;
  /** Replays this record with an edited value and the chosen headers of its own; rejects with a sentence when refused. */
  onReplayEdited: (record: DlqViewPosition, value: { text: string; base64: boolean }, keepHeaders: string[]) => Promise<void>;
}

/**
 * The record's own headers, which a person may keep or drop: not the runtime's and replays'
 * (`eventflows.*`) nor Kafka Connect's error context (`__connect.errors.*`), which a replay never sends.
 */
function ownHeaders(record: DlqViewRecord): string[] {
  return Object.keys(record.headers)
    .filter((name) => !name.startsWith('eventflows.') && !name.startsWith('__connect.errors.'))
    .sort();
}

function timeOf(timestamp: string): { iso: string; text: string } | undefined {
  const at = new Date(Number(timestamp));
  return Number.isNaN(at.getTime()) ? undefined : { iso: at.toISOString(), text: formatTime(at, 'second') };
}

/** The text a person edits: formatted JSON when the value is JSON, else the value as shown by the API. */
function editableText(record: DlqViewRecord): string {
  const view = valueView(record);
  return view.kind === 'json' ? view.text : (record.value ?? '');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** One dead letter: its error in words, where it came from, its value formatted, and replay with an edited value. */
export function DlqRecordItem({ record, failedAgain, replayed, picked, onPick, readOnly, busy, onReplayEdited }: DlqRecordItemProps) {
  const id = useId();
  const key = positionKey(record);
  const view = valueView(record);
  const time = timeOf(record.timestamp);
  const [editing, setEditing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const headers = ownHeaders(record);
  const [dropped, setDropped] = useState<ReadonlySet<string>>(new Set());
  const source = record.source.topic ? [record.source.topic, record.source.partition, record.source.offset].filter((p) => p !== undefined).join(' / ') : null;

  const submit = async () => {
    if (editing === null) return;
    setSending(true);
    setRefusal(null);
    try {
      const keep = headers.filter((name) => !dropped.has(name));
      await onReplayEdited({ partition: record.partition, offset: record.offset }, { text: editing, base64: record.valueBase64 }, keep);
      setEditing(null);
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <li className="efs-dlq__record" aria-labelledby={`${id}-title`} data-failed-again={failedAgain || undefined}>
      <div className="efs-dlq__record-head">
        {readOnly ? null : <input type="checkbox" aria-label={`Pick record ${key}`} checked={picked} onChange={(e) => onPick(e.target.checked)} />}
        <h3 id={`${id}-title`} className="efs-dlq__position">
          Partition {record.partition} · offset {record.offset}
        </h3>
        {time ? (
          <time className="efs-dlq__time" dateTime={time.iso}>
            {time.text}
          </time>
        ) : null}
        {failedAgain ? (
          <span className="efs-dlq__badge" data-state="failed-again">
            Failed again
          </span>
        ) : replayed ? (
          <span className="efs-dlq__badge" data-state="replayed">
            Replayed
          </span>
        ) : null}
        {record.replayOf ? <span className="efs-dlq__badge">Failed replay of {positionKey(record.replayOf)}</span> : null}
        {record.attempt !== undefined && record.attempt > 2 ? <span className="efs-dlq__badge">Attempt {record.attempt}</span> : null}
      </div>
      <p className="efs-dlq__error">{errorSummary(record)}</p>
      {record.error.message ? <p className="efs-dlq__message">{record.error.message}</p> : null}
      <dl className="efs-dlq__facts">
        <dt>Key</dt>
        <dd>{record.key === null ? 'none' : record.keyBase64 ? `${record.key} (Base64)` : record.key}</dd>
        {source ? (
          <>
            <dt>From</dt>
            <dd>{source}</dd>
          </>
        ) : null}
        {record.algorithm ? (
          <>
            <dt>Algorithm</dt>
            <dd>{record.version ? `${record.algorithm} ${record.version}` : record.algorithm}</dd>
          </>
        ) : null}
      </dl>
      <figure className="efs-dlq__value-figure">
        <figcaption className="efs-dlq__value-label">Value · {view.label}</figcaption>
        {view.kind === 'none' ? null : (
          <pre className="efs-dlq__value" data-kind={view.kind} tabIndex={0} aria-label={`Value of record ${key}`}>
            {view.text}
          </pre>
        )}
      </figure>
      {readOnly ? null : editing === null ? (
        <button type="button" onClick={() => setEditing(editableText(record))} disabled={busy}>
          Edit and replay
        </button>
      ) : (
        <form
          className="efs-dlq__edit"
          aria-label={`Edit record ${key} before its replay`}
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label htmlFor={`${id}-value`}>{record.valueBase64 ? 'Value (Base64)' : 'Value'}</label>
          <textarea
            id={`${id}-value`}
            value={editing}
            maxLength={limits.messageChars}
            rows={Math.min(12, Math.max(3, editing.split('\n').length))}
            aria-describedby={`${id}-value-note`}
            onChange={(e) => setEditing(e.target.value)}
          />
          <p id={`${id}-value-note`} className="efs-dlq__note">
            {editing.length.toLocaleString('en')} of at most {limits.messageChars.toLocaleString('en')} characters.
            {view.kind === 'json' && !isJson(editing) ? ' This is not valid JSON any more; it is sent as text.' : ''}
          </p>
          {headers.length > 0 ? (
            <fieldset className="efs-dlq__keep-headers">
              <legend>Headers to send</legend>
              {headers.map((name) => (
                <label key={name}>
                  <input
                    type="checkbox"
                    checked={!dropped.has(name)}
                    onChange={(e) =>
                      setDropped((before) => {
                        const next = new Set(before);
                        if (e.target.checked) next.delete(name);
                        else next.add(name);
                        return next;
                      })
                    }
                  />{' '}
                  {name}
                </label>
              ))}
            </fieldset>
          ) : null}
          <div className="efs-dlq__actions">
            <button type="submit" disabled={sending || busy}>
              Replay edited
            </button>
            <button type="button" onClick={() => setEditing(null)} disabled={sending}>
              Cancel
            </button>
          </div>
          {refusal ? <p role="alert">{refusal}</p> : null}
        </form>
      )}
    </li>
  );
}
