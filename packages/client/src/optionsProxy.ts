import type { AppRouter } from '@event-flows/server';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { EventFlowsClient } from './createClient.ts';

/** The tRPC options proxy over the whole API, e.g. `api.flows.get.queryOptions({ id })`. */
export type ApiOptionsProxy = TRPCOptionsProxy<AppRouter>;

/**
 * The options proxy without React context: for code outside components (route loaders, a plugin's
 * prefetch, tests). Inside components use `useTRPC()`.
 */
export function createOptionsProxy(client: EventFlowsClient, queryClient: QueryClient): ApiOptionsProxy {
  return createTRPCOptionsProxy<AppRouter>({ client, queryClient });
}
