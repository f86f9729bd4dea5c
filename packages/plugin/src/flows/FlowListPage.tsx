import { useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { deployedBadge } from './deployedBadge.ts';

/** The org's flows, with "New flow" for members. */
export function FlowListPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { orgId, me } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(orgId);
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const create = useMutation(trpc.flows.create.mutationOptions());
  const [name, setName] = useState('');
  const nameId = useId();
  const canWrite = me.user.role !== 'viewer';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const flow = await create.mutateAsync({ orgId, name: name.trim() });
    await queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() });
    onOpen(flow.id);
  };
  return (
    <section className="efs-app__page" aria-labelledby={`${nameId}-h`}>
      <h1 id={`${nameId}-h`}>Flows of {orgId}</h1>
      {flows.error ? <p role="alert">{messageOf(flows.error)}</p> : null}
      {flows.isPending ? <p className="efs-app__note">Loading flows…</p> : null}
      <ul className="efs-app__list" aria-label="Flows">
        {flows.data?.map((flow) => (
          <li key={flow.id}>
            <button type="button" className="efs-app__link" onClick={() => onOpen(flow.id)}>
              {flow.name}
            </button>
            <span className="efs-app__muted">
              revision {flow.revision}
              {deployedBadge(flow.deployedRevision, flow.revision)} · {flow.nodeCount} nodes · {flow.edgeCount} edges
            </span>
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form className="efs-app__inline-form" onSubmit={(e) => void submit(e)}>
          <label htmlFor={nameId}>New flow name</label>
          <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={!name.trim() || create.isPending}>
            Create flow
          </button>
          {create.error ? <span role="alert">{messageOf(create.error)}</span> : null}
        </form>
      ) : null}
    </section>
  );
}
