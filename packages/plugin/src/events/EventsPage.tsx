import { errorSentence, useStudioChanges, useTRPC } from '@event-flows/client';
import { EventsTab, type BindingChange, type BindingTarget, type EventsTabProps } from '@event-flows/editor';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf, useStudio } from '../app/StudioContext.ts';

/**
 * Waits for `call`, rewording its error with the client's one mapping: the Events tab shows a
 * refusal's `message`, and keeps reading its `data` (the missing grants) from the same error.
 */
async function worded<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof Error) error.message = errorSentence(error);
    throw error;
  }
}

/** The Events page as the host's algorithm profile shows it: the Events tab in the page's margin. */
export function EventsPageView(props: EventsTabProps) {
  return (
    <div className="efs-app__events">
      <EventsTab {...props} />
    </div>
  );
}

/** The algorithm profile's Events tab: the algorithm's topic access, enabled and disabled through the same API as the canvas. */
export function EventsPage({ algorithm }: { algorithm: string }) {
  const { orgId, me, theme, emit } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rows = useQuery({ ...trpc.bindings.list.queryOptions({ algorithm }), staleTime: 0 });
  const catalog = useQuery(trpc.catalog.get.queryOptions({ orgId }));
  useStudioChanges(orgId);
  const requests = useQuery({
    ...trpc.bindings.accessRequests.queryOptions({ algorithm }),
    // While a request waits for a cluster admin, its state is read again now and then.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === 'pending') ? 5_000 : false),
  });
  // A change here saves and deploys a flow: its revision and badge, its history, the catalog's claims
  // and every plan change with it, wherever the studio shows them.
  const refresh = () =>
    Promise.all([trpc.bindings.pathKey(), trpc.flows.pathKey(), trpc.deployments.pathKey(), trpc.catalog.pathKey()].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  const enable = useMutation(trpc.bindings.enable.mutationOptions({ onSettled: refresh }));
  const edit = useMutation(trpc.bindings.edit.mutationOptions({ onSettled: refresh }));
  const disable = useMutation(trpc.bindings.disable.mutationOptions({ onSettled: refresh }));
  const requestAccess = useMutation(
    trpc.bindings.requestAccess.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.bindings.accessRequests.queryKey({ algorithm }) }) }),
  );

  const versions = catalog.data?.catalog.algorithms.find((a) => a.ref === algorithm)?.versions.map((v) => v.version) ?? [];
  const told = (change: 'enabled' | 'edited' | 'disabled', target: BindingTarget) =>
    emit({ type: 'binding-changed', algorithm, connection: target.connection, topic: target.topic, access: target.access, change });

  const error = rows.error ?? catalog.error;
  return (
    <EventsPageView
      algorithm={algorithm}
      rows={rows.data ?? []}
      versions={versions}
      connectionNames={new Map(catalog.data?.catalog.connections.map((c) => [c.id, c.name]))}
      accessRequests={requests.data}
      loading={rows.isPending}
      busy={catalog.isPending}
      error={error ? messageOf(error) : null}
      readOnly={me.user.role === 'viewer'}
      theme={theme}
      onEnable={async (change: BindingChange) => {
        await worded(enable.mutateAsync(change));
        told('enabled', change);
      }}
      onEdit={async (change: BindingChange) => {
        await worded(edit.mutateAsync(change));
        told('edited', change);
      }}
      onRequestAccess={(change: BindingChange) => worded(requestAccess.mutateAsync(change))}
      onDisable={async (target: BindingTarget) => {
        await worded(disable.mutateAsync(target));
        told('disabled', target);
      }}
    />
  );
}
