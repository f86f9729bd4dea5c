import { refreshAfterChange, useStudioChanges, useTRPC, type ApiOutputs } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { noticeMs } from '../flows/useNotice.ts';
import { ConnectionForm, mechanismLabels } from './ConnectionForm.tsx';
import { MemberLimitsForm } from './MemberLimitsForm.tsx';
import { updateInputOf } from './connectionInput.ts';

type TestResult = ApiOutputs['admin']['connections']['test'];

/** What the page shows beside the table: the add form, or one connection's edit or member-limits form. */
type Open = { form: 'add' } | { form: 'edit' | 'limits'; id: string };

/** Cluster admins: the Kafka connections, "test connection", adding, editing and deleting one, and its member topic limits. */
export function ConnectionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(useStudio().orgId);
  const connections = useQuery(trpc.admin.connections.list.queryOptions());
  const test = useMutation(trpc.admin.connections.test.mutationOptions());
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'connections' }) };
  const create = useMutation(trpc.admin.connections.create.mutationOptions(refresh));
  const update = useMutation(trpc.admin.connections.update.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.connections.delete.mutationOptions(refresh));
  const [open, setOpen] = useState<Open>({ form: 'add' });
  const chosen = open.form === 'add' ? undefined : connections.data?.find((c) => c.id === open.id);
  const [results, setResults] = useState<Record<string, TestResult | string>>({});
  // A test's result is of that moment: it goes after a few seconds, and when the connections change.
  useEffect(() => {
    if (Object.keys(results).length === 0) return undefined;
    const timer = setTimeout(() => setResults({}), noticeMs);
    return () => clearTimeout(timer);
  }, [results]);
  useEffect(() => setResults({}), [connections.data]);
  const id = useId();
  // A form opened from a row may sit below the fold: it is brought into view.
  const forms = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) forms.current?.scrollIntoView({ block: 'nearest' });
    opened.current = true;
  }, [open]);

  const runTest = async (connection: string) => {
    try {
      const result = await test.mutateAsync({ id: connection });
      setResults((r) => ({ ...r, [connection]: result }));
    } catch (error) {
      setResults((r) => ({ ...r, [connection]: messageOf(error) }));
    }
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
                <td className="efs-app__code">{c.bootstrap.join(', ')}</td>
                <td>
                  {mechanismLabels[c.auth.mechanism]}
                  {c.auth.username ? ` as ${c.auth.username}` : ''}
                  {c.tls.enabled ? (c.tls.hasCaCertificate ? ' · TLS with its CA' : ' · TLS') : ''}
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
                  <div className="efs-app__actions">
                    <button type="button" aria-label={`Edit connection ${c.id}`} onClick={() => setOpen({ form: 'edit', id: c.id })}>
                      Edit
                    </button>
                    <button type="button" aria-label={`Member limits and guardrails of ${c.id}`} onClick={() => setOpen({ form: 'limits', id: c.id })}>
                      Limits and guardrails
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="efs-app__actions">
        <button type="button" disabled={open.form === 'add'} onClick={() => setOpen({ form: 'add' })}>
          Add a connection
        </button>
      </div>
      <div ref={forms}>
        {open.form === 'add' ? <ConnectionForm key="add" onSubmit={(input) => create.mutateAsync(input)} /> : null}
        {open.form === 'edit' && chosen ? (
          <ConnectionForm
            key={`edit ${chosen.id}`}
            connection={chosen}
            onSubmit={(input) => update.mutateAsync(input)}
            onDelete={async (connection) => {
              await remove.mutateAsync({ id: connection });
              setOpen({ form: 'add' });
            }}
            onCancel={() => setOpen({ form: 'add' })}
          />
        ) : null}
        {open.form === 'limits' && chosen ? (
          <MemberLimitsForm
            key={`limits ${chosen.id}`}
            connectionName={chosen.name}
            limits={chosen.memberTopicLimits}
            onSave={(memberTopicLimits) => update.mutateAsync(updateInputOf(chosen, { memberTopicLimits }))}
            onClose={() => setOpen({ form: 'add' })}
          />
        ) : null}
      </div>
    </section>
  );
}
