import { refreshAfterChange, useStudioChanges, useTRPC, type ApiOutputs } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { noticeMs } from '../flows/useNotice.ts';
import { MemberLimitsForm } from './MemberLimitsForm.tsx';
import { updateInputOf } from './connectionInput.ts';

type TestResult = ApiOutputs['admin']['connections']['test'];

/** Cluster admins: the Kafka connections, "test connection", and adding one. */
export function ConnectionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(useStudio().orgId);
  const connections = useQuery(trpc.admin.connections.list.queryOptions());
  const test = useMutation(trpc.admin.connections.test.mutationOptions());
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'connections' }) };
  const create = useMutation(trpc.admin.connections.create.mutationOptions(refresh));
  const update = useMutation(trpc.admin.connections.update.mutationOptions(refresh));
  const [limitsOf, setLimitsOf] = useState<string | null>(null);
  const limitsConnection = connections.data?.find((c) => c.id === limitsOf);
  const [results, setResults] = useState<Record<string, TestResult | string>>({});
  // A test's result is of that moment: it goes after a few seconds, and when the connections change.
  useEffect(() => {
    if (Object.keys(results).length === 0) return undefined;
    const timer = setTimeout(() => setResults({}), noticeMs);
    return () => clearTimeout(timer);
  }, [results]);
  useEffect(() => setResults({}), [connections.data]);
  const [draft, setDraft] = useState({ id: '', name: '', bootstrap: '' });
  const id = useId();

  const runTest = async (connection: string) => {
    try {
      const result = await test.mutateAsync({ id: connection });
      setResults((r) => ({ ...r, [connection]: result }));
    } catch (error) {
      setResults((r) => ({ ...r, [connection]: messageOf(error) }));
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      id: draft.id.trim(),
      name: draft.name.trim(),
      bootstrap: draft.bootstrap.split(',').map((s) => s.trim()).filter(Boolean),
      auth: { mechanism: 'none' },
      tls: { enabled: false },
    });
  };

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Connections</h1>
      {connections.error ? <p role="alert">{messageOf(connections.error)}</p> : null}
      <table className="efs-app__table" aria-label="Connections">
        <thead>
          <tr>
            <th scope="col">Connection</th>
            <th scope="col">Bootstrap</th>
            <th scope="col">Auth</th>
            <th scope="col">Test</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {connections.data?.map((c) => {
            const result = results[c.id];
            return (
              <tr key={c.id}>
                <th scope="row">
                  {c.name} <span className="efs-app__muted">({c.id})</span>
                </th>
                <td>{c.bootstrap.join(', ')}</td>
                <td>
                  {c.auth.mechanism}
                  {c.tls.enabled ? ' · TLS' : ''}
                </td>
                <td>
                  <button type="button" onClick={() => void runTest(c.id)} aria-label={`Test connection ${c.id}`}>
                    Test connection
                  </button>{' '}
                  <span role="status">
                    {typeof result === 'string' ? result : result ? (result.ok ? `OK in ${result.ms} ms` : `Failed: ${result.error}`) : ''}
                  </span>
                </td>
                <td>
                  <button type="button" aria-label={`Member topic limits of ${c.id}`} onClick={() => setLimitsOf(c.id)}>
                    Member limits
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {limitsConnection ? (
        <MemberLimitsForm
          key={limitsConnection.id}
          connectionName={limitsConnection.name}
          limits={limitsConnection.memberTopicLimits}
          onSave={(memberTopicLimits) => update.mutateAsync(updateInputOf(limitsConnection, { memberTopicLimits }))}
          onClose={() => setLimitsOf(null)}
        />
      ) : null}
      <form className="efs-app__form" onSubmit={submit} aria-label="Add a connection">
        <h2>Add a connection (no authentication)</h2>
        <label htmlFor={`${id}-id`}>Id</label>
        <input id={`${id}-id`} value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        <label htmlFor={`${id}-bootstrap`}>Bootstrap servers (host:port, comma-separated)</label>
        <input id={`${id}-bootstrap`} value={draft.bootstrap} onChange={(e) => setDraft({ ...draft, bootstrap: e.target.value })} />
        <button type="submit" disabled={!draft.id || !draft.name || !draft.bootstrap || create.isPending}>
          Add connection
        </button>
        {create.error ? <p role="alert">{messageOf(create.error)}</p> : null}
      </form>
    </section>
  );
}
