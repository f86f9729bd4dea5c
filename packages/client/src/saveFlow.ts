import type { QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import type { EventFlowsClient } from './createClient.ts';
import type { ApiOptionsProxy } from './optionsProxy.ts';
import type { ApiOutputs, FlowView, SaveFlowInput } from './types.ts';

/** Someone else saved the flow after the revision an edit started from: both sides, to choose between. */
export interface SaveConflict {
  /** The save that was refused: my edit, based on a revision that is no longer the newest. */
  mine: SaveFlowInput;
  /** The newest revision on the server (someone else's save). */
  theirs: FlowView;
}

/** What a save came to: saved (the new revision), or a conflict to resolve. Other failures throw. */
export type SaveOutcome = { status: 'saved'; flow: ApiOutputs['flows']['save'] } | { status: 'conflict'; conflict: SaveConflict };

/** What {@link saveFlowMutationOptions} needs: the client, the options proxy over it and the cache. */
export interface SaveFlowDeps {
  client: EventFlowsClient;
  trpc: ApiOptionsProxy;
  queryClient: QueryClient;
}

interface SaveContext {
  previous: FlowView | undefined;
}

/** True when the server refused a call with the stable code `CONFLICT`. */
export function isConflictError(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: unknown } | undefined)?.code === 'CONFLICT';
}

/**
 * The save that keeps my edit and puts it on top of theirs, based on their revision: `graph` (my edit as
 * it is now, with what I changed since the refused save) or else the refused save's content.
 */
export function keepMineInput(conflict: SaveConflict, graph: SaveFlowInput['graph'] = conflict.mine.graph): SaveFlowInput {
  return { ...conflict.mine, graph, baseRevision: conflict.theirs.revision };
}

/**
 * TanStack Query mutation options for saving a flow, optimistically: the cached `flows.get` shows the
 * edit at once; on success it holds the saved revision; on a conflict it holds *their* newer revision
 * (fetched from the server) and the outcome carries both sides; on any other failure the cache goes
 * back to what it was.
 */
export function saveFlowMutationOptions({ client, trpc, queryClient }: SaveFlowDeps) {
  return {
    mutationKey: trpc.flows.save.mutationKey(),
    onMutate: async (input: SaveFlowInput): Promise<SaveContext> => {
      const queryKey = trpc.flows.get.queryKey({ id: input.id });
      // A fetch in flight would overwrite the optimistic value with the old revision.
      await queryClient.cancelQueries({ queryKey });
      const previous = queryClient.getQueryData(queryKey);
      if (previous) queryClient.setQueryData(queryKey, { ...previous, name: input.name, description: input.description, graph: input.graph });
      return { previous };
    },
    mutationFn: async (input: SaveFlowInput): Promise<SaveOutcome> => {
      try {
        return { status: 'saved', flow: await client.flows.save.mutate(input) };
      } catch (error) {
        if (!isConflictError(error)) throw error;
        const theirs = await client.flows.get.query({ id: input.id });
        return { status: 'conflict', conflict: { mine: input, theirs } };
      }
    },
    onSuccess: (outcome: SaveOutcome, input: SaveFlowInput) => {
      const queryKey = trpc.flows.get.queryKey({ id: input.id });
      if (outcome.status === 'conflict') queryClient.setQueryData(queryKey, outcome.conflict.theirs);
      else queryClient.setQueryData(queryKey, (old) => ({ ...outcome.flow, deployedRevision: old?.deployedRevision ?? null }));
    },
    onError: (_error: Error, input: SaveFlowInput, context: SaveContext | undefined) => {
      const queryKey = trpc.flows.get.queryKey({ id: input.id });
      if (context?.previous) queryClient.setQueryData(queryKey, context.previous);
    },
    onSettled: async (_outcome: SaveOutcome | undefined, _error: Error | null, input: SaveFlowInput) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.flows.history.queryKey({ id: input.id }) }),
        // A plan is of one revision: fetch it again even while no panel shows it, cancelling a fetch
        // still under way, which was asked before this save and would answer for the revision before.
        queryClient.invalidateQueries({ queryKey: trpc.flows.plan.queryKey({ id: input.id }), refetchType: 'all' }),
        queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() }),
      ]);
    },
  };
}
