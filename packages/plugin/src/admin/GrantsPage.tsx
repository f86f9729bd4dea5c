import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import type { TopicChoices } from './GrantForm.tsx';
import { GrantsView } from './GrantsView.tsx';
import { loadedOf } from './loaded.ts';

/** Cluster admins: which algorithm may subscribe or publish to which topic; add (from pickers) and revoke. Feeds {@link GrantsView}. */
export function GrantsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { me, orgId } = useStudio();
  useStudioChanges(orgId);
  const grants = useQuery(trpc.admin.grants.list.queryOptions());
  const connections = useQuery(trpc.admin.connections.list.queryOptions());
  // Every org's published algorithms: a cluster admin grants for any of them.
  const algorithms = useQueries({ queries: me.orgs.map((o) => trpc.catalog.algorithms.queryOptions({ orgId: o.id })) });
  const published = algorithms.flatMap((q) => q.data ?? []).filter((a) => a.published);
  const [chosen, setChosen] = useState<string | null>(null);
  const connection = chosen ?? connections.data?.[0]?.id ?? '';
  const topics = useQuery({ ...trpc.catalog.topics.queryOptions({ connection }), enabled: connection !== '', retry: false });
  const topicChoices: TopicChoices = topics.error
    ? { state: 'error', message: messageOf(topics.error) }
    : topics.data
      ? { state: 'ready', names: topics.data.map((t) => t.topic) }
      : { state: 'loading' };
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'grants' }) };
  const add = useMutation(trpc.admin.grants.add.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.grants.remove.mutationOptions(refresh));
  return (
    <GrantsView
      grants={loadedOf(grants)}
      connectionNames={new Map(connections.data?.map((c) => [c.id, c.name]))}
      revokeProblem={remove.error ? messageOf(remove.error) : null}
      onRevoke={(g) => remove.mutate({ algorithm: g.algorithm, access: g.access, connection: g.connection, topic: g.topic })}
      form={{
        algorithms: published,
        connections: connections.data ?? [],
        connection,
        onConnectionChange: setChosen,
        topics: topicChoices,
        onAdd: (grant) => add.mutateAsync({ grants: [grant] }),
      }}
    />
  );
}
