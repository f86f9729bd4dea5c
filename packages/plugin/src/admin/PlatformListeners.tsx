import { useTRPC, type ApiOutputs } from '@event-flows/client';
import { adoptLimit, limits } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { listenerKey, PlatformListenersTable, type Listener } from './PlatformListenersTable.tsx';

type Adopted = ApiOutputs['platform']['adoptListeners'];

/**
 * The Kafka event listeners the org's members run on the platform (Algorithmia's API), each with the
 * studio connection it reads, and adopting chosen ones into a new or existing flow, so that the flows
 * people already run appear on the canvas. Says plainly when the studio is not connected to the platform.
 */
export function PlatformListeners({ onOpenFlow }: { onOpenFlow: (flowId: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { orgId, me } = useStudio();
  const id = useId();
  const listed = useQuery({ ...trpc.platform.listeners.queryOptions({ orgId }), retry: false });
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [into, setInto] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('Platform listeners');
  const [flowId, setFlowId] = useState('');
  const [result, setResult] = useState<Adopted | null>(null);
  const adopt = useMutation(
    trpc.platform.adoptListeners.mutationOptions({
      onSuccess: (adopted) => {
        setResult(adopted);
        setChosen(new Set());
        void queryClient.invalidateQueries({ queryKey: trpc.platform.listeners.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() });
      },
    }),
  );
  const listeners = listed.data?.listeners ?? [];
  const adoptable = listeners.filter((l) => l.problem === null && l.adoptedInto === null);
  const target = flows.data?.find((f) => f.id === (flowId || flows.data?.[0]?.id));
  const toggle = (l: Listener) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(listenerKey(l))) next.delete(listenerKey(l));
      else next.add(listenerKey(l));
      return next;
    });
  const submit = () => {
    const refs = listeners.filter((l) => chosen.has(listenerKey(l))).map((l) => ({ userId: l.userId, id: l.id }));
    if (refs.length === 0) return;
    setResult(null);
    if (into === 'new') adopt.mutate({ orgId, listeners: refs, into: { kind: 'new', name: name.trim() || 'Platform listeners' } });
    else if (target) adopt.mutate({ orgId, listeners: refs, into: { kind: 'existing', flowId: target.id, baseRevision: target.revision } });
  };

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Platform listeners</h1>
      <p className="efs-app__note">
        The Kafka event listeners your org&apos;s members run on the platform. Adopt them into a flow to see and change them on the canvas: each becomes its topic, its
        algorithm at its version with its time-out, and the subscription between them. Once the flow is deployed, disabling an adopted subscription here removes its
        listener on the platform.
      </p>
      {listed.error ? (
        <p className="efs-app__problem" role="alert">
          {messageOf(listed.error)}
        </p>
      ) : null}
      {listed.isFetching && !listed.data ? <p className="efs-app__note">Asking the platform…</p> : null}
      {listed.data && !listed.data.configured ? (
        <p className="efs-app__note" role="status">
          The studio is not connected to the platform&apos;s API, so there are no listeners to show. Start it with ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY set.
        </p>
      ) : null}
      {listed.data?.unreadable.map((u) => (
        <p key={u.userId} className="efs-app__problem" role="alert">
          {u.message}
        </p>
      ))}
      {listed.data?.configured && listeners.length === 0 && listed.data.unreadable.length === 0 ? (
        <p className="efs-app__note">No member of your org has an event listener on the platform.</p>
      ) : null}
      {listeners.length > 0 ? <PlatformListenersTable listeners={listeners} chosen={chosen} onToggle={toggle} onOpenFlow={onOpenFlow} /> : null}
      {adoptable.length > 0 && me.user.role !== 'viewer' ? (
        <form
          className="efs-app__form"
          aria-label="Adopt listeners"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <fieldset className="efs-app__fieldset">
            <legend>Adopt into</legend>
            <label className="efs-app__check">
              <input type="radio" name={`${id}-into`} checked={into === 'new'} onChange={() => setInto('new')} />a new flow named
            </label>
            <input aria-label="New flow's name" value={name} maxLength={limits.name} disabled={into !== 'new'} onChange={(e) => setName(e.target.value)} />
            <label className="efs-app__check">
              <input type="radio" name={`${id}-into`} checked={into === 'existing'} disabled={!flows.data?.length} onChange={() => setInto('existing')} />
              the existing flow
            </label>
            <select aria-label="Existing flow" value={target?.id ?? ''} disabled={into !== 'existing'} onChange={(e) => setFlowId(e.target.value)}>
              {flows.data?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
          </fieldset>
          <div className="efs-app__actions">
            <button type="submit" disabled={chosen.size === 0 || chosen.size > adoptLimit || adopt.isPending}>
              {adopt.isPending ? 'Adopting…' : chosen.size === 0 ? 'Choose listeners to adopt' : `Adopt ${chosen.size === 1 ? '1 listener' : `${chosen.size} listeners`}`}
            </button>
          </div>
          {adopt.error ? (
            <p className="efs-app__problem" role="alert">
              {messageOf(adopt.error)}
            </p>
          ) : null}
        </form>
      ) : null}
      {result ? (
        <div role="status" className="efs-app__note">
          <p>
            Adopted {result.adopted === 1 ? '1 listener' : `${result.adopted} listeners`} into the flow at revision {result.revision}. Nothing changes on the platform or in
            Kafka until the flow is deployed.{' '}
            <button type="button" className="efs-app__link" onClick={() => onOpenFlow(result.flowId)}>
              Open the flow
            </button>
          </p>
          {result.leftOut.length > 0 ? (
            <ul>
              {result.leftOut.map((l) => (
                <li key={l.name}>
                  Left out {l.name}: {l.reason}.
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
