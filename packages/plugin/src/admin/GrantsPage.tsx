import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { GrantForm, type TopicChoices } from './GrantForm.tsx';

/** Cluster admins: which algorithm may subscribe or publish to which topic; add (from pickers) and revoke. */
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
  const names = new Map(connections.data?.map((c) => [c.id, c.name]));
  const id = useId();
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Grants</h1>
      {grants.error ? <p role="alert">{messageOf(grants.error)}</p> : null}
      {remove.error ? (
        <p role="alert" className="efs-app__problem">
          {messageOf(remove.error)}
        </p>
      ) : null}
      <table className="efs-app__table" aria-label="Grants">
        <thead>
          <tr>
            <th scope="col">Algorithm</th>
            <th scope="col">Access</th>
            <th scope="col">Topic</th>
            <th scope="col">Revoke</th>
          </tr>
        </thead>
        <tbody>
          {grants.data?.map((g) => (
            <tr key={`${g.algorithm} ${g.access} ${g.connection}/${g.topic}`}>
              <th scope="row">{g.algorithm}</th>
              <td>{g.access}</td>
              <td>
                {g.topic} <span className="efs-app__muted">on {names.get(g.connection) ?? g.connection}</span>
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Revoke ${g.algorithm} ${g.access} ${g.topic}`}
                  onClick={() => remove.mutate({ algorithm: g.algorithm, access: g.access, connection: g.connection, topic: g.topic })}
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <GrantForm
        algorithms={published}
        connections={connections.data ?? []}
        connection={connection}
        onConnectionChange={setChosen}
        topics={topicChoices}
        onAdd={(grant) => add.mutateAsync({ grants: [grant] })}
      />
    </section>
  );
}
