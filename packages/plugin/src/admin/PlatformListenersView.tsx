import './admin.css';
import type { ApiOutputs } from '@event-flows/client';
import { Button, Checkbox, EmptyState } from '@event-flows/editor';
import { adoptLimit, limits } from '@event-flows/model';
import { useId, useState } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { LoadState, PageProblem } from './LoadState.tsx';
import type { Loaded } from './loaded.ts';
import { listenerKey, PlatformListenersTable, type Listener } from './PlatformListenersTable.tsx';

/** What `platform.listeners` answers: whether the platform is configured, its listeners, and whose could not be read. */
export type ListenersListed = ApiOutputs['platform']['listeners'];
/** What an adoption did, as `platform.adoptListeners` answers it. */
export type ListenersAdopted = ApiOutputs['platform']['adoptListeners'];
/** Where chosen listeners go: a new flow by name, or an existing flow at the revision listed. */
export type ListenersTarget = { kind: 'new'; name: string } | { kind: 'existing'; flowId: string; baseRevision: number };

/** Props of {@link PlatformListenersView}. */
export interface PlatformListenersViewProps {
  listed: Loaded<ListenersListed>;
  /** The org's flows, to adopt into one of them. */
  flows: readonly { id: string; name: string; revision: number }[];
  /** Viewers see the listeners but adopt none. */
  canAdopt: boolean;
  /** Adopts the listeners; a rejection's message is shown as its sentence. */
  onAdopt: (listeners: { userId: string; id: string }[], into: ListenersTarget) => Promise<ListenersAdopted>;
  onOpenFlow: (flowId: string) => void;
}

const firstMembers = `the first ${limits.orgPeople.toLocaleString('en')}`;

/** Says where the listeners come from, or why there are none to show. */
function ListedState({ listed }: { listed: Loaded<ListenersListed> }) {
  if (listed.state !== 'ready') return <LoadState loaded={listed} waiting="Asking the platform…" />;
  const { configured, listeners, unreadable, membersComplete } = listed.data;
  if (!configured) {
    return (
      <EmptyState title="Not connected to the platform">
        <span role="status">
          The studio is not connected to the platform&apos;s API, so there are no listeners to show. Start it with ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY set.
        </span>
      </EmptyState>
    );
  }
  return (
    <>
      {membersComplete ? null : (
        <p className="efs-app__note">
          Your org has more than {limits.orgPeople.toLocaleString('en')} members on the platform: only the listeners of {firstMembers} are listed here, and only those can be
          adopted.
        </p>
      )}
      {unreadable.map((u) => (
        <PageProblem key={u.userId}>{u.message}</PageProblem>
      ))}
      {listeners.length === 0 && unreadable.length === 0 ? (
        <EmptyState title="No listeners">
          {membersComplete ? 'No member of your org has an event listener on the platform.' : `None of ${firstMembers} members of your org has an event listener on the platform.`}
        </EmptyState>
      ) : null}
    </>
  );
}

/** What an adoption did: how many, into which revision, what was left out, and a way to the flow. */
function AdoptedNote({ result, onOpenFlow }: { result: ListenersAdopted; onOpenFlow: (flowId: string) => void }) {
  return (
    <div role="status" className="efs-app__note">
      <p>
        Adopted {result.adopted === 1 ? '1 listener' : `${result.adopted} listeners`} into the flow at revision {result.revision}. Nothing changes on the platform or in Kafka until
        the flow is deployed.{' '}
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
  );
}

/**
 * The platform listeners page as a person sees it: the Kafka event listeners the org's members run on
 * the platform, each with the studio connection it reads, and adopting chosen ones into a new or
 * existing flow. Says plainly when the studio is not connected to the platform.
 */
export function PlatformListenersView({ listed, flows, canAdopt, onAdopt, onOpenFlow }: PlatformListenersViewProps) {
  const id = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [into, setInto] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState('Platform listeners');
  const [flowId, setFlowId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ListenersAdopted | null>(null);
  const listeners = listed.state === 'ready' ? listed.data.listeners : [];
  const adoptable = listeners.filter((l) => l.problem === null && l.adoptedInto === null);
  const target = flows.find((f) => f.id === (flowId || flows[0]?.id));
  const toggle = (l: Listener) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(listenerKey(l))) next.delete(listenerKey(l));
      else next.add(listenerKey(l));
      return next;
    });
  const submit = async () => {
    const refs = listeners.filter((l) => chosen.has(listenerKey(l))).map((l) => ({ userId: l.userId, id: l.id }));
    const destination: ListenersTarget | null = into === 'new' ? { kind: 'new', name: name.trim() || 'Platform listeners' } : target ? { kind: 'existing', flowId: target.id, baseRevision: target.revision } : null;
    if (refs.length === 0 || !destination) return;
    setResult(null);
    setProblem(null);
    setBusy(true);
    try {
      setResult(await onAdopt(refs, destination));
      setChosen(new Set());
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const adoptLabel = busy ? 'Adopting…' : chosen.size === 0 ? 'Choose listeners to adopt' : `Adopt ${chosen.size === 1 ? '1 listener' : `${chosen.size} listeners`}`;

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Platform listeners</h1>
      <p className="efs-app__intro">
        The Kafka event listeners your org&apos;s members run on the platform. Adopt them into a flow to see and change them on the canvas: each becomes its topic, its
        algorithm at its version with its time-out, and the subscription between them. Once the flow is deployed, disabling an adopted subscription here removes its
        listener on the platform.
      </p>
      <ListedState listed={listed} />
      {listeners.length > 0 ? <PlatformListenersTable listeners={listeners} chosen={chosen} onToggle={toggle} onOpenFlow={onOpenFlow} /> : null}
      {adoptable.length > 0 && canAdopt ? (
        <form
          className="efs-app__form-panel efs-app__adopt-form"
          aria-label="Adopt listeners"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <fieldset className="efs-app__fieldset">
            <legend>Adopt into</legend>
            <div className="efs-app__adopt-option">
              <Checkbox type="radio" name={`${id}-into`} label="a new flow named" checked={into === 'new'} onChange={() => setInto('new')} />
              <input aria-label="New flow's name" value={name} maxLength={limits.name} disabled={into !== 'new'} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="efs-app__adopt-option">
              <Checkbox type="radio" name={`${id}-into`} label="the existing flow" checked={into === 'existing'} disabled={flows.length === 0} onChange={() => setInto('existing')} />
              <select aria-label="Existing flow" value={target?.id ?? ''} disabled={into !== 'existing'} onChange={(e) => setFlowId(e.target.value)}>
                {flows.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <div className="efs-app__actions">
            <Button type="submit" variant="primary" disabled={chosen.size === 0 || chosen.size > adoptLimit} busy={busy}>
              {adoptLabel}
            </Button>
          </div>
          {problem ? <PageProblem>{problem}</PageProblem> : null}
        </form>
      ) : null}
      {result ? <AdoptedNote result={result} onOpenFlow={onOpenFlow} /> : null}
    </section>
  );
}
