import { countOf, type DlqReplayAnswer } from './dlqViewerRecords.ts';

/** What the last replay of this page is doing or did. */
export type ReplayState =
  | {
      readonly phase: 'running';
      readonly what: string;
      /** How many records it sends, when known. */
      readonly total: number | null;
      /** How many it has written so far, once told. */
      readonly replayed: number | null;
      readonly stop: AbortController;
      readonly stopping: boolean;
    }
  | { readonly phase: 'done'; readonly answer: DlqReplayAnswer }
  | { readonly phase: 'failed'; readonly message: string };

function answerText(answer: DlqReplayAnswer): string {
  const skipped = answer.skipped.map((s) => `${s.count.toLocaleString('en')} (${s.reason})`).join(', ');
  const done = answer.stopped ? `Stopped after replaying ${countOf(answer.replayed, 'record')}` : `Replayed ${countOf(answer.replayed, 'record')}`;
  return `${done} to ${answer.topic}.${skipped ? ` Skipped ${skipped}.` : ''}`;
}

/** A running replay's line: what it does, then its running count ("Replayed 120 of 500 records…"). */
function progressText(replay: Extract<ReplayState, { phase: 'running' }>): string {
  if (replay.stopping) return 'Stopping after the records being sent…';
  if (replay.replayed === null) return replay.what;
  if (replay.total === null) return `Replayed ${countOf(replay.replayed, 'record')} so far…`;
  return `Replayed ${replay.replayed.toLocaleString('en')} of ${countOf(replay.total, 'record')}…`;
}

/** The last replay's line: its progress with a stop button while it runs, then what it did or why it failed. */
export function ReplayLine({ replay, onStop }: { replay: ReplayState | null; onStop: () => void }) {
  if (replay?.phase === 'running') {
    return (
      <p role="status" className="efs-dlq__progress">
        <progress aria-label="Replay in progress" {...(replay.replayed === null ? {} : { value: replay.replayed, max: replay.total ?? replay.replayed * 2 })} /> {progressText(replay)}{' '}
        {replay.stopping ? null : (
          <button type="button" onClick={onStop}>
            Stop replaying
          </button>
        )}
      </p>
    );
  }
  if (replay?.phase === 'done') return <p role="status">{answerText(replay.answer)}</p>;
  if (replay?.phase === 'failed') return <p role="alert">Replay failed: {replay.message}</p>;
  return null;
}
