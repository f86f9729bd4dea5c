import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';

/** Cluster admins: which algorithm may subscribe or publish to which topic; add and revoke. */
export function GrantsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const grants = useQuery(trpc.admin.grants.list.queryOptions());
  useStudioChanges(useStudio().orgId);
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'grants' }) };
  const add = useMutation(trpc.admin.grants.add.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.grants.remove.mutationOptions(refresh));
  const [draft, setDraft] = useState({ algorithm: '', connection: 'local', topic: '', access: 'subscribe' as 'subscribe' | 'publish' });
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ grants: [{ ...draft, algorithm: draft.algorithm.trim(), topic: draft.topic.trim() }] });
  };
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Grants</h1>
      {grants.error ? <p role="alert">{messageOf(grants.error)}</p> : null}
      {remove.error ? <p role="alert">{messageOf(remove.error)}</p> : null}
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
                {g.topic} <span className="efs-app__muted">({g.connection})</span>
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
      <form className="efs-app__form" onSubmit={submit} aria-label="Add a grant">
        <h2>Add a grant</h2>
        <label htmlFor={`${id}-alg`}>Algorithm (org/name)</label>
        <input id={`${id}-alg`} value={draft.algorithm} onChange={(e) => setDraft({ ...draft, algorithm: e.target.value })} />
        <label htmlFor={`${id}-access`}>Access</label>
        <select id={`${id}-access`} value={draft.access} onChange={(e) => setDraft({ ...draft, access: e.target.value === 'publish' ? 'publish' : 'subscribe' })}>
          <option value="subscribe">subscribe</option>
          <option value="publish">publish</option>
        </select>
        <label htmlFor={`${id}-conn`}>Connection</label>
        <input id={`${id}-conn`} value={draft.connection} onChange={(e) => setDraft({ ...draft, connection: e.target.value })} />
        <label htmlFor={`${id}-topic`}>Topic</label>
        <input id={`${id}-topic`} value={draft.topic} onChange={(e) => setDraft({ ...draft, topic: e.target.value })} />
        <button type="submit" disabled={!draft.algorithm || !draft.topic || add.isPending}>
          Add grant
        </button>
        {add.error ? <p role="alert">{messageOf(add.error)}</p> : null}
      </form>
    </section>
  );
}
