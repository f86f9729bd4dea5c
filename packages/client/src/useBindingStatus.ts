import type { AppRouter } from '@event-flows/server';
import type { TRPCClientErrorLike } from '@trpc/client';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from './ApiProvider.ts';
import type { BindingStatusRow } from './types.ts';

/** What {@link useBindingStatus} offers. */
export interface BindingStatusState {
  /** The latest statuses of the org's (or the flow's) running bindings; `null` until the first arrives. */
  statuses: readonly BindingStatusRow[] | null;
  /** `connecting` until the stream is open (and while it reconnects), `pending` while it delivers. */
  state: 'idle' | 'connecting' | 'pending' | 'error';
  /** Why the stream failed (for example `UNAUTHORIZED` or `FORBIDDEN`), with the server's code. */
  error: TRPCClientErrorLike<AppRouter> | null;
}

/**
 * The live status of the running bindings of an org, or of one of its flows, pushed by the server
 * over SSE (`runtime.statusStream`). The stream reconnects by itself after a network failure.
 */
export function useBindingStatus(orgId: string, flowId?: string): BindingStatusState {
  const trpc = useTRPC();
  const result = useSubscription(trpc.runtime.statusStream.subscriptionOptions(flowId ? { orgId, flowId } : { orgId }));
  return { statuses: result.data ?? null, state: result.status, error: result.error };
}
