import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './ApiProvider.ts';
import type { BindingHistoryRow } from './types.ts';

/** How often the history is read again: the server samples every 5 s. */
const refreshMs = 5_000;

/**
 * The last hour of lag (messages and seconds), throughput, error and DLQ rates of the org's (or the
 * flow's) running bindings (`runtime.history`), read again every few seconds; `null` until it arrives.
 */
export function useBindingHistory(orgId: string, flowId?: string): readonly BindingHistoryRow[] | null {
  const trpc = useTRPC();
  const result = useQuery(trpc.runtime.history.queryOptions(flowId ? { orgId, flowId } : { orgId }, { refetchInterval: refreshMs }));
  return result.data ?? null;
}
