import { refreshAfterChange, useFlow, useTRPC, type ApiOutputs } from '@event-flows/client';
import type { FlowGraph } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { loadable } from '../app/loadable.ts';
import { HistoryView } from './HistoryView.tsx';

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
 * the canvas, and rollback to an earlier one (which replaces the editor's graph: with `unsavedEdits` it
 * asks first). Feeds {@link HistoryView} from the server.
 */
export function HistoryPanel({ flowId, currentRevision, unsavedEdits, track = (work) => work(), onRolledBack, shownRevision = null, onShowChanges = () => undefined }: HistoryPanelProps) {
  const { me, emit } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revisions = useQuery({ ...trpc.flows.history.queryOptions({ id: flowId }), staleTime: 0 });
  const deployments = useQuery({ ...trpc.deployments.list.queryOptions({ flowId, limit: 20 }), staleTime: 0 });
  // The same query as the flow page's, kept fresh by the change stream: which revision Kafka runs.
  const deployedRevision = useFlow(flowId).data?.deployedRevision ?? null;
  const [pick, setPick] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const [confirmRollback, setConfirmRollback] = useState<number | null>(null);
  const diff = useQuery({ ...trpc.flows.diff.queryOptions({ id: flowId, from: compared?.from ?? 1, to: compared?.to ?? 1 }), enabled: compared !== null });
  const rollback = useMutation(trpc.flows.rollback.mutationOptions());
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
  // Until the person picks, the two newest revisions are compared.
  const compare = { from: pick.from ?? list[1]?.revision ?? null, to: pick.to ?? list[0]?.revision ?? null };

  const doRollback = (toRevision: number) =>
    track(async () => {
      const flow = await rollback.mutateAsync({ id: flowId, toRevision, baseRevision: currentRevision });
      onRolledBack(flow);
      emit({ type: 'flow-saved', flowId, revision: flow.revision });
      await refreshAfterChange({ trpc, queryClient }, { kind: 'flow-saved', flowId, name: flow.name, revision: flow.revision, by: flow.updatedBy });
    });

  return (
    <HistoryView
      revisions={loadable(revisions)}
      deployments={loadable(deployments)}
      deployedRevision={deployedRevision}
      currentRevision={currentRevision}
      shownRevision={shownRevision}
      canRollBack={me.user.role !== 'viewer'}
      rollingBack={rollback.isPending}
      onShowChanges={(revision) => void showChanges(revision)}
      onRollBack={(revision) => (unsavedEdits ? setConfirmRollback(revision) : void doRollback(revision).catch(() => undefined))}
      confirmRollback={confirmRollback}
      onConfirmRollback={() => {
        if (confirmRollback !== null) void doRollback(confirmRollback).catch(() => undefined);
        setConfirmRollback(null);
      }}
      onCancelRollback={() => setConfirmRollback(null)}
      rollbackError={rollback.error ? messageOf(rollback.error) : null}
      // Only while the editor still shows the rolled-back revision: a later save makes it old news.
      rolledBackAs={rollback.data && rollback.data.revision === currentRevision ? rollback.data.revision : null}
      showChangesError={shownError}
      compare={compare}
      onCompareChange={setPick}
      onCompare={() => {
        if (compare.from !== null && compare.to !== null) setCompared({ from: compare.from, to: compare.to });
      }}
      diff={compared === null ? null : loadable(diff)}
    />
  );
}
