import { useTRPC, type ApiOutputs } from '@event-flows/client';
import { countOf, defaultVersion, limits } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { flowNameProblem } from '../flows/flowFields.ts';
import { AdoptVersions } from './AdoptVersions.tsx';
import { FieldProblem, problemProps } from './FieldProblem.tsx';

/** What an adoption did, as `discover.adopt` answers it. */
type Adopted = ApiOutputs['discover']['adopt'];

/** What is to be adopted: selected topics and principals of one connection. */
export interface AdoptChoice {
  connection: { id: string; name: string };
  topics: readonly string[];
  principals: readonly string[];
  /** The algorithms the chosen principals name (under the naming template), each to run at a chosen version. */
  algorithms: readonly string[];
}

/** "2 topics and 1 principal": what is chosen, without a part that counts nothing. */
export function choiceWords(choice: Pick<AdoptChoice, 'topics' | 'principals'>): string {
  const parts = [choice.topics.length > 0 ? countOf(choice.topics.length, 'topic') : null, choice.principals.length > 0 ? countOf(choice.principals.length, 'principal') : null];
  return parts.filter(Boolean).join(' and ');
}

/**
 * A modal dialog that adopts the chosen topics and principals into a new flow of the org or an
 * existing one (at the revision listed), each adopted algorithm at the version chosen (the catalog's
 * newest published one unless changed), then says what was added and what was left out and why, and
 * offers to open the flow. Nothing changes in Kafka: deploying the flow takes the items over.
 */
export function AdoptDialog({ choice, onClose, onOpenFlow }: { choice: AdoptChoice; onClose: (adopted: boolean) => void; onOpenFlow: (flowId: string) => void }) {
  const trpc = useTRPC();
  const { orgId, me } = useStudio();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const queryClient = useQueryClient();
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const adopt = useMutation(trpc.discover.adopt.mutationOptions());
  const catalog = useQuery(trpc.catalog.algorithms.queryOptions({ orgId }));
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [into, setInto] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState(`Adopted from ${choice.connection.name}`.slice(0, limits.name));
  const [flowId, setFlowId] = useState('');
  const [problem, setProblem] = useState<{ field: 'name' | 'flow' | 'form'; text: string } | null>(null);
  const [result, setResult] = useState<{ adopted: Adopted; flowName: string } | null>(null);
  const orgName = me.orgs.find((o) => o.id === orgId)?.name ?? orgId;
  const chosenFlow = flows.data?.find((f) => f.id === flowId);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nameProblem = into === 'new' ? flowNameProblem(name) : null;
    if (nameProblem) return setProblem({ field: 'name', text: nameProblem });
    if (into === 'existing' && !chosenFlow) return setProblem({ field: 'flow', text: 'Choose the flow to adopt into.' });
    setProblem(null);
    try {
      const target = into === 'new' || !chosenFlow ? ({ kind: 'new', orgId, name: name.trim() } as const) : ({ kind: 'existing', flowId: chosenFlow.id, baseRevision: chosenFlow.revision } as const);
      // Only versions the catalog publishes are sent; the server checks them again.
      const chosenVersions = Object.fromEntries(
        choice.algorithms.flatMap((a) => {
          const known = catalog.data?.find((c) => c.ref === a);
          const version = versions[a] ?? (known ? defaultVersion(known.versions) : '');
          return known && version ? [[a, version]] : [];
        }),
      );
      const adopted = await adopt.mutateAsync({ connection: choice.connection.id, topics: [...choice.topics], principals: [...choice.principals], versions: chosenVersions, into: target });
      await queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
      const listed = queryClient.getQueryData(trpc.flows.list.queryKey({ orgId }))?.find((f) => f.id === adopted.flowId);
      setResult({ adopted, flowName: listed?.name ?? (target.kind === 'new' ? target.name : (chosenFlow?.name ?? adopted.flowId)) });
    } catch (error) {
      setProblem({ field: 'form', text: messageOf(error) });
    }
  };

  const added = result ? [countOf(result.adopted.addedNodes, 'node'), countOf(result.adopted.addedEdges, 'edge')].join(' and ') : '';
  return (
    <dialog
      ref={dialog}
      className="efs-app__modal"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        // Escape closes, except while the adoption is being saved.
        e.preventDefault();
        if (!adopt.isPending) onClose(result !== null);
      }}
    >
      <h2 id={`${id}-title`}>{result ? 'Adopted' : `Adopt ${choiceWords(choice)} into a flow`}</h2>
      {result ? (
        <>
          <p role="status">
            Added {added} to <strong>{result.flowName}</strong> (revision {result.adopted.revision}). Nothing was sent to Kafka: deploying the flow takes these over as they are, without creating them.
          </p>
          {result.adopted.leftOut.length > 0 ? (
            <>
              <h3 className="efs-app__modal-subtitle">Left out ({result.adopted.leftOut.length})</h3>
              <ul className="efs-app__left-out" aria-label="Left out">
                {result.adopted.leftOut.map((l) => (
                  <li key={`${l.kind} ${l.name}`}>
                    <span className="efs-app__code">{l.name}</span>: {l.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="efs-app__muted">Everything chosen was adopted.</p>
          )}
          <div className="efs-app__actions">
            <button type="button" className="efs-app__primary" onClick={() => onOpenFlow(result.adopted.flowId)}>
              Open the flow
            </button>
            <button type="button" onClick={() => onClose(true)}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form className="efs-app__form" onSubmit={(e) => void submit(e)} noValidate>
          <p className="efs-app__muted">
            From {choice.connection.name}: {[...choice.topics, ...choice.principals].slice(0, 5).join(', ')}
            {choice.topics.length + choice.principals.length > 5 ? `, and ${choice.topics.length + choice.principals.length - 5} more` : ''}. Topics become topic nodes marked as existing;
            a principal named after an algorithm becomes that algorithm with its subscriptions and publications.
          </p>
          <fieldset className="efs-app__fieldset">
            <legend>Adopt into</legend>
            <label>
              <input type="radio" name={`${id}-into`} checked={into === 'new'} onChange={() => setInto('new')} /> a new flow of {orgName}
            </label>
            <label>
              <input type="radio" name={`${id}-into`} checked={into === 'existing'} disabled={flows.data?.length === 0} onChange={() => setInto('existing')} /> an existing flow of{' '}
              {orgName}
              {flows.data?.length === 0 ? <span className="efs-app__muted"> (there is none yet)</span> : null}
            </label>
          </fieldset>
          {into === 'new' ? (
            <>
              <label htmlFor={`${id}-name`}>Flow name</label>
              <input
                id={`${id}-name`}
                value={name}
                maxLength={limits.name * 2}
                {...problemProps(`${id}-name-problem`, problem?.field === 'name' ? problem.text : undefined)}
                onChange={(e) => setName(e.target.value)}
              />
              <FieldProblem id={`${id}-name-problem`} problem={problem?.field === 'name' ? problem.text : undefined} />
            </>
          ) : (
            <>
              <label htmlFor={`${id}-flow`}>Flow</label>
              <select id={`${id}-flow`} value={flowId} {...problemProps(`${id}-flow-problem`, problem?.field === 'flow' ? problem.text : undefined)} onChange={(e) => setFlowId(e.target.value)}>
                <option value="">Choose a flow…</option>
                {flows.data?.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name} (revision {f.revision})
                  </option>
                ))}
              </select>
              <FieldProblem id={`${id}-flow-problem`} problem={problem?.field === 'flow' ? problem.text : undefined} />
            </>
          )}
          <AdoptVersions id={id} algorithms={choice.algorithms} catalog={catalog.data} chosen={versions} onChoose={(algorithm, version) => setVersions((v) => ({ ...v, [algorithm]: version }))} />
          {problem?.field === 'form' ? (
            <p role="alert" className="efs-app__problem">
              {problem.text}
            </p>
          ) : null}
          <div className="efs-app__actions">
            <button type="submit" className="efs-app__primary" disabled={adopt.isPending}>
              {adopt.isPending ? 'Adopting…' : 'Adopt'}
            </button>
            <button type="button" disabled={adopt.isPending} onClick={() => onClose(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
