import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { keepMineInput, saveFlowMutationOptions, type SaveConflict, type SaveOutcome } from './saveFlow.ts';
import { useTRPC, useTRPCClient } from './ApiProvider.ts';
import type { ApiOutputs, FlowView, SaveFlowInput } from './types.ts';

/** What {@link useSaveFlow} offers. */
export interface SaveFlowState {
  /** Saves (optimistically); resolves with the outcome, rejects on failures other than a conflict. */
  save: (input: SaveFlowInput) => Promise<SaveOutcome>;
  /** The last save's conflict, until it is resolved; `null` otherwise. */
  conflict: SaveConflict | null;
  /**
   * Resolves the conflict by saving my edit on top of their revision: `graph` (the edit as it is now,
   * which the caller then knows as saved) or else the graph of the refused save.
   */
  keepMine: (graph?: SaveFlowInput['graph']) => Promise<SaveOutcome>;
  /** Resolves the conflict by dropping my edit; returns their revision (already in the cache). */
  reloadTheirs: () => FlowView | undefined;
  /** The revision the last save produced. */
  saved: ApiOutputs['flows']['save'] | undefined;
  /** A save is in flight. */
  isPending: boolean;
  /** The last save's failure (a conflict is not one). */
  error: Error | null;
}

/**
 * Saves a flow with optimistic cache updates and conflict handling: when someone saved first, the
 * state exposes `conflict: { mine, theirs }` so the UI can offer "reload theirs" or "keep mine on
 * top of theirs".
 */
export function useSaveFlow(): SaveFlowState {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const options = useMemo(() => saveFlowMutationOptions({ client, trpc, queryClient }), [client, trpc, queryClient]);
  const mutation = useMutation(options);
  const { mutateAsync, reset, data } = mutation;
  const conflict = data?.status === 'conflict' ? data.conflict : null;
  const keepMine = useCallback(
    (graph?: SaveFlowInput['graph']) => (conflict ? mutateAsync(keepMineInput(conflict, graph)) : Promise.reject(new Error('There is no conflict to resolve.'))),
    [conflict, mutateAsync],
  );
  const reloadTheirs = useCallback(() => {
    const theirs = conflict?.theirs;
    reset();
    return theirs;
  }, [conflict, reset]);
  return {
    save: mutateAsync,
    conflict,
    keepMine,
    reloadTheirs,
    saved: data?.status === 'saved' ? data.flow : undefined,
    isPending: mutation.isPending,
    error: mutation.error,
  };
}
