import { formatTime } from '@event-flows/model';
import { RunResults } from './RedriveProgress.tsx';
import { countOf, runReach, type RedriveRunView } from './dlqViewerRecords.ts';

/** Props of {@link RedriveRuns}. */
export interface RedriveRunsProps {
  /** Earlier runs of the subscription, newest first. */
  runs: readonly RedriveRunView[];
  /** Resumes an interrupted run; absent for a person who may not redrive. */
  onResume?: ((run: RedriveRunView) => void) | undefined;
  /** A replay or redrive runs from this page: no other starts. */
  busy: boolean;
  auditHref?: ((auditId: number) => string) | undefined;
}

/** A past run in one line: "Interrupted at 1,200 of 10,000 records, 1,190 redriven to orders by max, 7 Dec 2026, 09:30:00." */
function pastRunText(run: RedriveRunView): string {
  const when = run.startedAt === undefined ? '' : `, ${formatTime(new Date(run.startedAt), 'second')}`;
  const by = run.by ? ` by ${run.by}` : '';
  const counts = `${countOf(run.replayed, 'record')} redriven to ${run.to}${run.skipped > 0 ? `, ${run.skipped.toLocaleString('en')} skipped` : ''}${run.failed > 0 ? `, ${run.failed.toLocaleString('en')} failed` : ''}`;
  switch (run.state) {
    case 'interrupted':
      return `Interrupted ${runReach(run)}: ${counts}${by}${when}.`;
    case 'running':
    case 'paused':
      return `${run.state === 'running' ? 'Running' : 'Paused'} ${runReach(run)}: ${counts}${by}${when}.`;
    case 'done':
      return `Done: ${counts}${by}${when}.`;
    case 'cancelled':
      return `Cancelled ${runReach(run)}: ${counts}${by}${when}.`;
    case 'failed':
      return `Failed ${runReach(run)}: ${counts}${by}${when}.${run.error ? ` ${run.error}` : ''}`;
  }
}

/** The subscription's earlier redrive runs: how each ended (or how far an interrupted one got), its results and audit entry. */
export function RedriveRuns({ runs, onResume, busy, auditHref }: RedriveRunsProps) {
  if (runs.length === 0) return null;
  return (
    <section className="efs-dlq__past" aria-label="Earlier redrives">
      <h3 className="efs-dlq__past-heading">Earlier redrives</h3>
      <ul>
        {runs.map((run) => (
          <li key={run.id} data-state={run.state}>
            <p>
              {pastRunText(run)}{' '}
              {run.state === 'interrupted' && onResume ? (
                <button type="button" onClick={() => onResume(run)} disabled={busy}>
                  Resume redrive
                </button>
              ) : null}
            </p>
            <RunResults run={run} shownResults={50} auditHref={auditHref} />
          </li>
        ))}
      </ul>
    </section>
  );
}
