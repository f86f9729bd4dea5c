import { Badge, EmptyState, type BadgeTone } from '@event-flows/editor';
import { durationText, type CallOutcome, type MessagePath, type PathCall, type PathRecord } from '@event-flows/model';
import './follow.css';

/** How each outcome reads, and the badge tone it takes. */
const outcomeLook: Record<CallOutcome, { word: string; tone: BadgeTone }> = {
  published: { word: 'published', tone: 'running' },
  'no-output': { word: 'no output', tone: 'neutral' },
  'dead-lettered': { word: 'dead-lettered', tone: 'dlq' },
  pending: { word: 'not processed yet', tone: 'paused' },
  unknown: { word: 'not found', tone: 'warning' },
};

/** Where a record is: "orders.classified · partition 0 · offset 7". */
export function recordPlace(record: Pick<PathRecord, 'topic' | 'partition' | 'offset'>): string {
  return `${record.topic} · partition ${record.partition} · offset ${record.offset}`;
}

const timeOf = (record: PathRecord) => new Date(Number(record.timestamp)).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

function CallStep({ call }: { call: PathCall }) {
  const look = outcomeLook[call.outcome];
  const attempts = call.attempts !== undefined && call.attempts > 1 ? `, ${call.attempts} attempts` : '';
  return (
    <li className="efs-path-list__call" aria-label={`Stage ${call.stage}: ${call.algorithm}, ${look.word}`}>
      <div className="efs-path-list__head">
        <span className="efs-path-list__stage">Stage {call.stage}</span>
        <strong>{call.algorithm}</strong>
        <span className="efs-path-list__muted">@{call.version}</span>
        <Badge tone={look.tone}>{look.word}</Badge>
        {call.durationMs !== undefined ? (
          <span className="efs-path-list__duration">
            {durationText(call.durationMs)}
            {attempts}
          </span>
        ) : null}
      </div>
      <p className="efs-path-list__muted">from {recordPlace(call.input)}</p>
      {call.outputs.length > 0 ? (
        <ul className="efs-path-list__records" aria-label="Outputs">
          {call.outputs.map((o) => (
            <li key={`${o.connection}/${o.topic}/${o.partition}/${o.offset}`}>→ {recordPlace(o)}</li>
          ))}
        </ul>
      ) : null}
      {call.deadLetter ? (
        <div className="efs-path-list__dead" role="group" aria-label="Dead letter">
          <p>→ {recordPlace(call.deadLetter)}</p>
          <p className="efs-path-list__error">
            {[call.deadLetter.error.class, call.deadLetter.error.stage].filter(Boolean).join(' · ')}
            {call.deadLetter.error.message ? `: ${call.deadLetter.error.message}` : ''}
          </p>
        </div>
      ) : null}
      {call.note ? <p className="efs-path-list__note">{call.note}</p> : null}
    </li>
  );
}

/**
 * A followed message's path as a list: the record it started from, then each algorithm call stage by
 * stage (its duration, outcome, outputs with their positions, or its dead letter with the error), and
 * where the follow stopped short.
 */
export function MessagePathList({ path }: { path: MessagePath }) {
  return (
    <section className="efs-path-list" aria-label="Message path">
      <p className="efs-path-list__input">
        <strong>Input</strong> {recordPlace(path.input)}
        {path.input.key !== null ? <span className="efs-path-list__muted"> · key {path.input.key}</span> : null}
        <span className="efs-path-list__muted"> · {timeOf(path.input)}</span>
      </p>
      {path.calls.length === 0 ? (
        <EmptyState title="No algorithm of this flow reads this topic">The record is where its path ends.</EmptyState>
      ) : (
        <ol className="efs-path-list__calls">
          {path.calls.map((call, i) => (
            <CallStep key={`${call.stage}-${call.algorithm}-${i}`} call={call} />
          ))}
        </ol>
      )}
      {path.notes.map((note) => (
        <p key={note} className="efs-path-list__note" role="note">
          {note}
        </p>
      ))}
      <p className="efs-path-list__muted">{path.scanned.toLocaleString('en')} records read.</p>
    </section>
  );
}
