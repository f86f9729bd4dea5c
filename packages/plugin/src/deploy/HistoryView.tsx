import './flowPanels.css';
import type { ApiOutputs } from '@event-flows/client';
import { Badge, Button, EmptyState, Field, Spinner, Table, type BadgeTone } from '@event-flows/editor';
import { useId } from 'react';
import type { Loadable } from '../app/loadable.ts';
import { PersonName } from '../app/PersonName.tsx';
import { DiscardEditsDialog } from '../flows/DiscardEditsDialog.tsx';
import { RevisionList, type RevisionListProps } from './RevisionList.tsx';

/** The changes between two revisions, as the server lists them. */
export type RevisionDiff = ApiOutputs['flows']['diff'];
/** One deploy or undeploy of the flow, as the server lists it. */
export type DeploymentRow = ApiOutputs['deployments']['list'][number];


/** Props of {@link HistoryView}. */
export interface HistoryViewProps extends Omit<RevisionListProps, 'revisions'> {
  revisions: Loadable<RevisionListProps['revisions']>;
  deployments: Loadable<readonly DeploymentRow[]>;
  /** The revisions chosen to compare, `null` before there are two. */
  compare: { from: number | null; to: number | null };
  onCompareChange: (pick: { from: number | null; to: number | null }) => void;
  onCompare: () => void;
  /** The comparison asked for: `null` before Compare. */
  diff: Loadable<RevisionDiff> | null;
  /** Why a revision's changes could not be shown on the canvas, or `null`. */
  showChangesError: string | null;
  /** A rollback that would drop unsaved edits waits for the person's answer; `null` when none does. */
  confirmRollback: number | null;
  onConfirmRollback: () => void;
  onCancelRollback: () => void;
  /** Why the last rollback failed, or `null`. */
  rollbackError: string | null;
  /** The revision the last rollback saved, while the editor still shows it; `null` otherwise. */
  rolledBackAs: number | null;
}

const deploymentTones: Record<DeploymentRow['status'], BadgeTone> = { running: 'accent', succeeded: 'running', failed: 'error' };

/** A refusal from the server, in the studio's alert box. */
function Refused({ message }: { message: string }) {
  return (
    <p className="efs-app__alert" role="alert">
      {message}
    </p>
  );
}

/**
 * A flow's history as a person sees it: revisions (who saved each and when, the deployed one marked,
 * show its changes on the canvas, roll back to it — asking first when that drops unsaved edits), the
 * differences between two revisions, and the deployments. It holds no data: {@link HistoryPanel} feeds it.
 */
export function HistoryView(props: HistoryViewProps) {
  const { revisions, deployments, compare, onCompareChange, onCompare, diff, showChangesError, confirmRollback, onConfirmRollback, onCancelRollback, rollbackError, rolledBackAs, ...list } = props;
  const id = useId();
  const rows = revisions.state === 'ready' ? revisions.data : [];
  const nothingToCompare = revisions.state === 'ready' && rows.length < 2;
  return (
    <section className="efs-history" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>History</h2>
      <h3>Revisions</h3>
      <p className="efs-app__muted">Show changes marks on the canvas what changed since a revision: + added, − removed, ~ changed.</p>
      {revisions.state === 'loading' ? <Spinner label="Loading the revisions…" /> : null}
      {revisions.state === 'error' ? <Refused message={revisions.message} /> : null}
      {revisions.state === 'ready' ? <RevisionList revisions={rows} {...list} /> : null}
      {showChangesError ? <Refused message={`Could not show the changes: ${showChangesError}`} /> : null}
      {rollbackError ? <Refused message={rollbackError} /> : null}
      {rolledBackAs !== null ? (
        <p role="status" className="efs-deploy__outcome">
          Rolled back: saved as revision {rolledBackAs}. Deploy it to roll Kafka back too.
        </p>
      ) : null}
      <h3>Diff</h3>
      {nothingToCompare ? (
        <p className="efs-app__muted">One revision so far: nothing to compare yet.</p>
      ) : (
        <div className="efs-history__compare">
          {(['from', 'to'] as const).map((end) => (
            <Field key={end} label={end === 'from' ? 'From' : 'To'}>
              <select value={compare[end] ?? ''} disabled={rows.length === 0} onChange={(e) => onCompareChange({ ...compare, [end]: Number(e.target.value) })}>
                {rows.map((r) => (
                  <option key={r.revision} value={r.revision}>
                    {r.revision}
                  </option>
                ))}
              </select>
            </Field>
          ))}
          <Button disabled={compare.from === null || compare.to === null} onClick={onCompare}>
            Compare
          </Button>
        </div>
      )}
      {diff?.state === 'loading' ? <Spinner label="Comparing…" /> : null}
      {diff?.state === 'error' ? <Refused message={diff.message} /> : null}
      {diff?.state === 'ready' ? <DiffList diff={diff.data} /> : null}
      <h3>Deployments</h3>
      {deployments.state === 'loading' ? <Spinner label="Loading the deployments…" /> : null}
      {deployments.state === 'error' ? <Refused message={deployments.message} /> : null}
      {deployments.state === 'ready' && deployments.data.length === 0 ? (
        <EmptyState title="No deployments">This flow has not been deployed yet. Review the plan and deploy: each deploy and undeploy is listed here.</EmptyState>
      ) : null}
      {deployments.state === 'ready' && deployments.data.length > 0 ? (
        <Table
          caption={<span className="efs-visually-hidden">Deployments</span>}
          label="Deployments"
          rows={deployments.data}
          rowKey={(d) => String(d.id)}
          columns={[
            { key: 'id', header: '#', numeric: true, cell: (d) => d.id.toLocaleString('en') },
            { key: 'what', header: 'What', cell: (d) => `${d.kind}${d.revision === null ? '' : ` revision ${d.revision}`}` },
            { key: 'status', header: 'Status', cell: (d) => <Badge tone={deploymentTones[d.status]}>{d.status}</Badge> },
            { key: 'by', header: 'By', cell: (d) => <PersonName id={d.actor} name={d.actorName} /> },
          ]}
        />
      ) : null}
      {confirmRollback !== null ? (
        <DiscardEditsDialog action={`Rolling back to revision ${confirmRollback}`} confirmLabel={`Roll back to ${confirmRollback}`} onConfirm={onConfirmRollback} onCancel={onCancelRollback} />
      ) : null}
    </section>
  );
}

const changeMarks: Record<RevisionDiff['changes'][number]['change'], { mark: string; words: string }> = {
  added: { mark: '+', words: 'Added' },
  removed: { mark: '−', words: 'Removed' },
  changed: { mark: '~', words: 'Changed' },
};

/** The model's changes between two revisions, each marked added, removed or changed. */
function DiffList({ diff }: { diff: RevisionDiff }) {
  return (
    <ul aria-label="Differences" className="efs-app__diff">
      {diff.changes.length === 0 ? (
        <li>No differences.</li>
      ) : (
        diff.changes.map((c, i) => (
          <li key={i} data-change={c.change}>
            <span className="efs-app__change-mark" title={changeMarks[c.change].words} aria-hidden="true">
              {changeMarks[c.change].mark}
            </span>{' '}
            <span className="efs-visually-hidden">{changeMarks[c.change].words}: </span>
            {c.text}
          </li>
        ))
      )}
    </ul>
  );
}
