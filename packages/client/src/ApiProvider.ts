import type { AppRouter } from '@event-flows/server';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createElement, type ReactNode } from 'react';
import type { EventFlowsClient } from './createClient.ts';

const context = createTRPCContext<AppRouter>();

/**
 * The tRPC options proxy of the nearest {@link ApiProvider}: `useTRPC().flows.get.queryOptions({ id })`
 * gives options for TanStack Query's own hooks, with typed inputs, outputs and query keys.
 */
export const useTRPC = context.useTRPC;

/** The typed client of the nearest {@link ApiProvider}, for imperative calls. */
export const useTRPCClient = context.useTRPCClient;

/** Props of {@link ApiProvider}. */
export interface ApiProviderProps {
  client: EventFlowsClient;
  queryClient: QueryClient;
  children: ReactNode;
}

/** Gives the components inside it the API client and one TanStack Query cache for server data. */
export function ApiProvider({ client, queryClient, children }: ApiProviderProps) {
  // createElement rather than JSX: the package is also compiled by Node-side tests that have no JSX set up.
  return createElement(QueryClientProvider, { client: queryClient }, createElement(context.TRPCProvider, { trpcClient: client, queryClient, children }));
}
