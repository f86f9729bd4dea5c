import { Button } from '@event-flows/editor';
import { refreshAfterChange, useFlow, useTRPC, type ApiOutputs } from '@event-flows/client';
import type { FlowGraph } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { PersonName } from '../app/PersonName.tsx';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { useDiscardGuard } from '../flows/DiscardEditsDialog.tsx';
import { RevisionList } from './RevisionList.tsx';

type Diff = ApiOutputs['flows']['diff'];
type RolledBack = ApiOutputs['flows']['rollback'];

/** Props of {@link HistoryPanel}. */
export interface HistoryPanelProps {
  flowId: string;
  /** The revision the editor shows. */
  currentRevision: number;
  unsavedEdits: boolean;
  /** Runs the rollback as one of the page's own writes (so its new revision is not taken for someone else's). */
  track?: <T>(work: () => Promise<T>) => Promise<T>;
  onRolledBack: (flow: RolledBack) => void;
  /** The revision whose changes against the document the canvas shows, or `null`. */
  shownRevision?: number | null;
  /** Shows a revision's changes on the canvas (its graph, fetched here), or hides them with `null`. */
  onShowChanges?: (changes: RevisionChanges | null) => void;
}

/** A revision to compare the document with on the canvas. */
export interface RevisionChanges {
  revision: number;
  graph: FlowGraph;
}

/**
 * Revisions and deployments of a flow, the diff between two revisions, a revision's changes shown on
 * the canvas, and rollback to an earlier one (which replaces the editor's graph: with `unsavedEdits` it asks first).
 */
export function HistoryPanel({ flowId, currentRevision, unsavedEdits, track = (work) => work(), onRolledBack, shownRevision = null, onShowChanges = () => undefined }: HistoryPanelProps) {
  const { me, emit } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revisions = useQuery({ ...trpc.flows.history.queryOptions({ id: flowId }), staleTime: 0 });
  const deployments = useQuery({ ...trpc.deployments.list.queryOptions({ flowId, limit: 20 }), staleTime: 0 });
  // The same query as the flow page's, kept fresh by the change stream: which revision Kafka runs.
  const deployedRevision = useFlow(flowId).data?.deployedRevision ?? null;
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const discard = useDiscardGuard(() => unsavedEdits);
  const diff = useQuery({ ...trpc.flows.diff.queryOptions({ id: flowId, from: from ?? 1, to: to ?? 1 }), enabled: from !== null && to !== null });
  const rollback = useMutation(trpc.flows.rollback.mutationOptions());
  const id = useId();
  const [shownError, setShownError] = useState<string | null>(null);
  const showChanges = async (revision: number | null) => {
    setShownError(null);
    if (revision === null) return onShowChanges(null);
    try {
      const shown = await queryClient.fetchQuery(trpc.flows.revision.queryOptions({ id: flowId, revision }));
      onShowChanges({ revision, graph: shown.graph });
    } catch (error) {
      setShownError(messageOf(error));
    }
  };
  const list = revisions.data ?? [];
  const pickFrom = from ?? list[1]?.revision ?? null;
  const pickTo = to ?? list[0]?.revision ?? null;

  const doRollback = (toRevision: number) =>
    track(async () => {
      const flow = await rollback.mutateAsync({ id: flowId, toRevision, baseRevision: currentRevision });
      onRolledBack(flow);
      emit({ type: 'flow-saved', flowId, revision: flow.revision });
      await refreshAfterChange({ trpc, queryClient }, { kind: 'flow-saved', flowId, name: flow.name, revision: flow.revision, by: flow.updatedBy });
    });

  return (
    <section className="efs-app__history" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>History</h2>
      <h3>Revisions</h3>
      <p className="efs-app__muted">Show changes marks on the canvas what changed since a revision: + added, − removed, ~ changed.</p>
      {revisions.error ? <p role="alert">{messageOf(revisions.error)}</p> : null}
      <RevisionList
        revisions={list}
        deployedRevision={deployedRevision}
        currentRevision={currentRevision}
        shownRevision={shownRevision}
        canRollBack={me.user.role !== 'viewer'}
        rollingBack={rollback.isPending}
        onShowChanges={(revision) => void showChanges(revision)}
        onRollBack={(revision) => discard.guard({ action: `Rolling back to revision ${revision}`, confirmLabel: `Roll back to ${revision}`, run: () => void doRollback(revision) })}
      />
      {shownError ? <p role="alert">Could not show the changes: {shownError}</p> : null}
      {discard.dialog}
      {rollback.error ? <p role="alert">{messageOf(rollback.error)}</p> : null}
      {/* Only while the editor still shows the rolled-back revision: a later save makes it old news. */}
      {rollback.data && rollback.data.revision === currentRevision ? (
        <p role="status">Rolled back: saved as revision {rollback.data.revision}. Deploy it to roll Kafka back too.</p>
      ) : null}
      <h3>Diff</h3>
      <div className="efs-app__inline-form">
        <label htmlFor={`${id}-from`}>From</label>
        <select id={`${id}-from`} value={pickFrom ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
          {list.map((r) => (
            <option key={r.revision} value={r.revision}>
              {r.revision}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-to`}>To</label>
        <select id={`${id}-to`} value={pickTo ?? ''} onChange={(e) => setTo(Number(e.target.value))}>
          {list.map((r) => (
            <option key={r.revision} value={r.revision}>
              {r.revision}
            </option>
          ))}
        </select>
        <Button
          disabled={pickFrom === null || pickTo === null}
          onClick={() => {
            setFrom(pickFrom);
            setTo(pickTo);
          }}
        >
          Compare
        </Button>
      </div>
      {diff.error ? <p role="alert">{messageOf(diff.error)}</p> : null}
      {diff.data ? <DiffView diff={diff.data} /> : null}
      <h3>Deployments</h3>
      {deployments.error ? <p role="alert">{messageOf(deployments.error)}</p> : null}
      {deployments.data?.length === 0 ? (
        <p className="efs-app__note">This flow has not been deployed yet.</p>
      ) : (
        <ul aria-label="Deployments" className="efs-app__list">
          {deployments.data?.map((d) => (
            <li key={d.id}>
              #{d.id} · {d.kind} {d.revision === null ? '' : `revision ${d.revision}`} · {d.status} · <PersonName id={d.actor} name={d.actorName} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const changeMarks: Record<Diff['changes'][number]['change'], { mark: string; words: string }> = {
  added: { mark: '+', words: 'Added' },
  removed: { mark: '−', words: 'Removed' },
  changed: { mark: '~', words: 'Changed' },
};

/** The model's changes between two revisions, each marked added, removed or changed. */
function DiffView({ diff }: { diff: Diff }) {
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
            <span className="efs-app__visually-hidden">{changeMarks[c.change].words}: </span>
            {c.text}
          </li>
        ))
      )}
    </ul>
  );
}
