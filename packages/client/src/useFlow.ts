import { useQuery } from '@tanstack/react-query';
import { useTRPC } from './ApiProvider.ts';

/** One flow (`flows.get`) from the query cache, fetched when missing or stale. */
export function useFlow(id: string) {
  const trpc = useTRPC();
  return useQuery(trpc.flows.get.queryOptions({ id }));
}
