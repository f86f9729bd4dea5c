import './flowPanels.css';
import { Badge, Button } from '@event-flows/editor';
import { formatTime } from '@event-flows/model';
import { PersonName } from '../app/PersonName.tsx';

/** One saved revision of a flow, as the history lists it. */
export interface RevisionRow {
  revision: number;
  updatedBy: string;
  /** Who saved it, by name; `null` when there is none (the id is shown). */
  updatedByName: string | null;
  updatedAt: string;
}

/** Props of {@link RevisionList}. */
export interface RevisionListProps {
  revisions: readonly RevisionRow[];
  /** The revision Kafka runs, marked "Deployed"; `null` when the flow is not deployed. */
  deployedRevision: number | null;
  /** The revision the editor shows (nothing to roll back to). */
  currentRevision: number;
  /** The revision whose changes the canvas shows, or `null`. */
  shownRevision: number | null;
  /** Whether the person may roll back (not a viewer); `rollingBack` while a rollback is under way. */
  canRollBack: boolean;
  rollingBack: boolean;
  /** Shows `revision`'s changes against the document on the canvas, or hides them with `null`. */
  onShowChanges: (revision: number | null) => void;
  onRollBack: (revision: number) => void;
}

/**
 * A flow's revisions, newest first: who saved each and when, the deployed one marked, and for each a
 * way to show on the canvas what changed since it and (for members) to roll back to it.
 */
export function RevisionList({ revisions, deployedRevision, currentRevision, shownRevision, canRollBack, rollingBack, onShowChanges, onRollBack }: RevisionListProps) {
  return (
    <ul aria-label="Revisions" className="efs-history__list">
      {revisions.map((r) => {
        const shown = r.revision === shownRevision;
        return (
          <li key={r.revision} data-deployed={r.revision === deployedRevision ? 'true' : undefined} data-shown={shown ? 'true' : undefined}>
            <span className="efs-history__who">
              <strong>Revision {r.revision}</strong> · <PersonName id={r.updatedBy} name={r.updatedByName} /> · <time dateTime={r.updatedAt}>{formatTime(r.updatedAt)}</time>
              {r.revision === deployedRevision ? (
                <>
                  {' '}
                  <Badge tone="running">Deployed</Badge>
                </>
              ) : null}
            </span>
            <Button
              size="small"
              aria-pressed={shown}
              aria-label={`${shown ? 'Hide' : 'Show'} changes since revision ${r.revision} on the canvas`}
              onClick={() => onShowChanges(shown ? null : r.revision)}
            >
              {shown ? 'Hide changes' : 'Show changes'}
            </Button>
            {canRollBack && r.revision !== currentRevision ? (
              <Button size="small" onClick={() => onRollBack(r.revision)} disabled={rollingBack}>
                Roll back to {r.revision}
              </Button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
