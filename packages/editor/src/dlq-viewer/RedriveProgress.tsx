import { countOf, positionKey, redriveEnded, type RedriveRunView } from './dlqViewerRecords.ts';

/** Props of {@link RedriveProgress}. */
export interface RedriveProgressProps {
  run: RedriveRunView;
  /** How many records the run is expected to look at, when known (picked records, or a group's count). */
  expected: number | null;
  /** A pause, resume or cancel is on its way. */
  steering: boolean;
  onSteer: (action: 'pause' | 'resume' | 'cancel') => void;
  /** Most results listed; the rest are counted. */
  shownResults?: number;
  /** Where a run's audit entry is shown, for a person who may read the audit log. */
  auditHref?: ((auditId: number) => string) | undefined;
}

const stateText: Record<RedriveRunView['state'], string> = {
  running: 'Redriving',
  paused: 'Paused redriving',
  done: 'Redrove',
  cancelled: 'Cancelled: redrove',
  failed: 'Failed: redrove',
  interrupted: 'Interrupted: redrove',
};

/** The run in one sentence: "Redriving to orders at 500 a second: 1,200 of 10,000 records done, 1,190 redriven, 10 skipped." */
function runText(run: RedriveRunView, total: number | null): string {
  const done = run.replayed + run.skipped + run.failed;
  const others = [run.skipped > 0 ? `${run.skipped.toLocaleString('en')} skipped` : '', run.failed > 0 ? `${run.failed.toLocaleString('en')} failed` : ''].filter(Boolean);
  if (redriveEnded(run)) return `${stateText[run.state]} ${countOf(run.replayed, 'record')} to ${run.to}${others.length > 0 ? ` (${others.join(', ')})` : ''}.`;
  const rate = run.rate === null ? '' : ` at ${run.rate.toLocaleString('en')} a second`;
  const progress = total === null ? `${countOf(done, 'record')} done` : `${done.toLocaleString('en')} of ${countOf(total, 'record')} done`;
  return `${stateText[run.state]} to ${run.to}${rate}: ${progress}, ${[`${run.replayed.toLocaleString('en')} redriven`, ...others].join(', ')}.`;
}

/** A redrive run: a progress bar, its counts and rate, pause or resume and cancel while it runs, and each record's result. */
export function RedriveProgress({ run, expected, steering, onSteer, shownResults = 200, auditHref }: RedriveProgressProps) {
  const ended = redriveEnded(run);
  const done = run.replayed + run.skipped + run.failed;
  const total = run.total ?? expected;
  return (
    <section className="efs-dlq__run" aria-label="Redrive" data-state={run.state}>
      <p role="status">
        {runText(run, total)} {run.measuredRate > 0 ? `${countOf(run.measuredRate, 'record')} a second${ended ? ' over the run' : ' so far'}.` : ''}
        {run.error ? ` ${run.error}` : ''}
      </p>
      {ended ? null : (
        <>
          <progress aria-label="Redrive progress" {...(total === null ? {} : { value: Math.min(done, total), max: Math.max(total, 1) })} />
          <div className="efs-dlq__actions">
            {run.state === 'paused' ? (
              <button type="button" onClick={() => onSteer('resume')} disabled={steering}>
                Resume
              </button>
            ) : (
              <button type="button" onClick={() => onSteer('pause')} disabled={steering}>
                Pause
              </button>
            )}
            <button type="button" onClick={() => onSteer('cancel')} disabled={steering}>
              Cancel redrive
            </button>
          </div>
        </>
      )}
      {ended ? <RunResults run={run} shownResults={shownResults} auditHref={auditHref} /> : null}
    </section>
  );
}

/** An ended run's result per record (the first `shownResults`, the rest counted) and its audit entry. */
export function RunResults({ run, shownResults, auditHref }: { run: RedriveRunView; shownResults: number; auditHref?: ((auditId: number) => string) | undefined }) {
  const listed = run.results.slice(0, shownResults);
  return (
    <>
      {run.auditId ? (
        <p className="efs-dlq__note">
          {auditHref ? <a href={auditHref(run.auditId)}>Audit entry #{run.auditId}</a> : `Audit entry #${run.auditId}`}
        </p>
      ) : null}
      {run.resultCount > 0 ? (
        <details className="efs-dlq__results">
          <summary>Result of each record ({run.resultCount.toLocaleString('en')})</summary>
          <ul aria-label="Result of each record">
            {listed.map((result) => (
              <li key={positionKey(result)} data-outcome={result.outcome}>
                {positionKey(result)}: {result.outcome}
                {result.reason ? ` (${result.reason})` : ''}
              </li>
            ))}
          </ul>
          {run.resultCount > listed.length ? <p className="efs-dlq__note">and {countOf(run.resultCount - listed.length, 'more record')}.</p> : null}
        </details>
      ) : null}
    </>
  );
}
