import type { QueryClient } from '@tanstack/react-query';
import type { ApiOptionsProxy } from './optionsProxy.ts';
import type { ApiOutputs } from './types.ts';

/** One change `flows.changes` reports: a flow saved, deployed, undeployed or deleted, or the catalog changed. */
export type StudioChange = ApiOutputs['flows']['changes'] extends AsyncIterable<infer C> ? C : never;

/** What {@link refreshAfterChange} needs: the options proxy (for the query keys) and the cache. */
export interface RefreshDeps {
  trpc: ApiOptionsProxy;
  queryClient: QueryClient;
}

/**
 * Marks stale every cached query whose answer `change` may have changed, so that what is on screen is
 * fetched again (and the rest when it is next shown). The one place that knows what depends on what:
 * the studio calls it after its own mutations and for each change the server pushes.
 */
export async function refreshAfterChange({ trpc, queryClient }: RefreshDeps, change: StudioChange): Promise<void> {
  const keys = (() => {
    switch (change.kind) {
      case 'flow-saved':
        return [
          trpc.flows.get.queryKey({ id: change.flowId }),
          trpc.flows.list.pathKey(),
          trpc.flows.history.queryKey({ id: change.flowId }),
          trpc.flows.plan.queryKey({ id: change.flowId }),
        ];
      case 'flow-deleted':
        return [trpc.flows.get.queryKey({ id: change.flowId }), trpc.flows.list.pathKey()];
      case 'deployment':
        // A deploy creates topics and enables or disables bindings, which the catalog (its topics and
        // claims), every plan, the Events tab and the flow's badge and history show.
        return [
          trpc.flows.get.queryKey({ id: change.flowId }),
          trpc.flows.list.pathKey(),
          trpc.deployments.list.pathKey(),
          trpc.flows.plan.pathKey(),
          // What the canvas marks: the drift of the revision now deployed.
          trpc.flows.drift.queryKey({ id: change.flowId }),
          trpc.flows.validate.pathKey(),
          trpc.catalog.pathKey(),
          trpc.bindings.list.pathKey(),
          // Disabling a subscription adopted from the platform removes its listener there.
          trpc.platform.listeners.pathKey(),
        ];
      case 'catalog-changed':
        return [
          trpc.catalog.pathKey(),
          trpc.flows.plan.pathKey(),
          trpc.flows.validate.pathKey(),
          trpc.bindings.list.pathKey(),
          // A filed or decided request changes the state the plan review shows next to a blocked grant.
          trpc.flows.accessRequests.pathKey(),
          change.what === 'connections' ? trpc.admin.connections.pathKey() : change.what === 'grants' ? trpc.admin.grants.pathKey() : trpc.admin.grantRequests.pathKey(),
          // Approving a request adds a grant; the request lists show both.
          ...(change.what === 'grants' ? [trpc.admin.grantRequests.pathKey()] : []),
        ];
    }
  })();
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
