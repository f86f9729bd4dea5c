import './admin.css';
import type { ApiOutputs } from '@event-flows/client';
import { Button, Checkbox, Dialog, Field } from '@event-flows/editor';
import { countOf, limits, type CatalogAlgorithm } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { flowNameProblem } from '../flows/flowFields.ts';
import { AdoptVersions, chosenVersions } from './AdoptVersions.tsx';

/** What an adoption did, as `discover.adopt` answers it. */
export type Adopted = ApiOutputs['discover']['adopt'];

/** What is to be adopted: selected topics and principals of one connection. */
export interface AdoptChoice {
  connection: { id: string; name: string };
  topics: readonly string[];
  principals: readonly string[];
  /** The algorithms the chosen principals name (under the naming template), each to run at a chosen version. */
  algorithms: readonly string[];
}

/** Where the chosen items go: a new flow of the org by name, or an existing flow at the revision listed. */
export type AdoptTarget = { kind: 'new'; name: string } | { kind: 'existing'; flowId: string; baseRevision: number };

/** What to adopt with: where, and the version each adopted algorithm runs at (by algorithm). */
export interface AdoptRequest {
  into: AdoptTarget;
  versions: Record<string, string>;
}

/** What the dialog says once adopted: the answer, and the flow's name. */
export interface AdoptOutcome {
  adopted: Adopted;
  flowName: string;
}

/** "2 topics and 1 principal": what is chosen, without a part that counts nothing. */
export function choiceWords(choice: Pick<AdoptChoice, 'topics' | 'principals'>): string {
  const parts = [choice.topics.length > 0 ? countOf(choice.topics.length, 'topic') : null, choice.principals.length > 0 ? countOf(choice.principals.length, 'principal') : null];
  return parts.filter(Boolean).join(' and ');
}

/** Props of {@link AdoptDialogView}. */
export interface AdoptDialogViewProps {
  choice: AdoptChoice;
  /** The org's display name. */
  orgName: string;
  /** The org's flows, to adopt into one (`undefined` while they load). */
  flows: readonly { id: string; name: string; revision: number }[] | undefined;
  /** The org's catalog of algorithms, to choose versions from (`undefined` while it loads). */
  catalog: readonly CatalogAlgorithm[] | undefined;
  /** Adopts; a rejection's message is shown as its sentence. */
  onAdopt: (request: AdoptRequest) => Promise<AdoptOutcome>;
  onClose: (adopted: boolean) => void;
  onOpenFlow: (flowId: string) => void;
}

/** What was adopted: how much, into which revision, what was left out and why. */
function AdoptedSummary({ result }: { result: AdoptOutcome }) {
  const added = [countOf(result.adopted.addedNodes, 'node'), countOf(result.adopted.addedEdges, 'edge')].join(' and ');
  return (
    <>
      <p role="status">
        Added {added} to <strong>{result.flowName}</strong> (revision {result.adopted.revision}). Nothing was sent to Kafka: deploying the flow takes these over as they are, without
        creating them.
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
    </>
  );
}

/** The chosen items in words: the first five by name, and how many more. */
function ChoiceSummary({ choice }: { choice: AdoptChoice }) {
  const names = [...choice.topics, ...choice.principals];
  return (
    <p className="efs-app__muted">
      From {choice.connection.name}: {names.slice(0, 5).join(', ')}
      {names.length > 5 ? `, and ${names.length - 5} more` : ''}. Topics become topic nodes marked as existing; a principal named after an algorithm becomes that algorithm with
      its subscriptions and publications.
    </p>
  );
}

/**
 * The studio's modal dialog that adopts the chosen topics and principals into a new flow of the org or
 * an existing one (at the revision listed), each adopted algorithm at the version chosen (the catalog's
 * newest published one unless changed), then says what was added and what was left out and why,
 * and offers to open the flow. Nothing changes in Kafka: deploying the flow takes the items over.
 */
export function AdoptDialogView({ choice, orgName, flows, catalog, onAdopt, onClose, onOpenFlow }: AdoptDialogViewProps) {
  const id = useId();
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [into, setInto] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState(`Adopted from ${choice.connection.name}`.slice(0, limits.name));
  const [flowId, setFlowId] = useState('');
  const [problem, setProblem] = useState<{ field: 'name' | 'flow' | 'form'; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<AdoptOutcome | null>(null);
  const chosenFlow = flows?.find((f) => f.id === flowId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const nameProblem = into === 'new' ? flowNameProblem(name) : null;
    if (nameProblem) return setProblem({ field: 'name', text: nameProblem });
    if (into === 'existing' && !chosenFlow) return setProblem({ field: 'flow', text: 'Choose the flow to adopt into.' });
    setProblem(null);
    setPending(true);
    try {
      const target: AdoptTarget = into === 'new' || !chosenFlow ? { kind: 'new', name: name.trim() } : { kind: 'existing', flowId: chosenFlow.id, baseRevision: chosenFlow.revision };
      setResult(await onAdopt({ into: target, versions: chosenVersions(choice.algorithms, catalog, versions) }));
    } catch (error) {
      setProblem({ field: 'form', text: messageOf(error) });
    } finally {
      setPending(false);
    }
  };

  if (result) {
    return (
      <Dialog
        title="Adopted"
        onCancel={() => onClose(true)}
        actions={
          <>
            <Button onClick={() => onClose(true)}>Close</Button>
            <Button variant="primary" data-autofocus onClick={() => onOpenFlow(result.adopted.flowId)}>
              Open the flow
            </Button>
          </>
        }
      >
        <AdoptedSummary result={result} />
      </Dialog>
    );
  }
  return (
    <Dialog
      title={`Adopt ${choiceWords(choice)} into a flow`}
      onCancel={() => onClose(false)}
      busy={pending}
      actions={
        <>
          <Button disabled={pending} onClick={() => onClose(false)}>
            Cancel
          </Button>
          <Button type="submit" form={`${id}-form`} variant="primary" busy={pending}>
            {pending ? 'Adopting…' : 'Adopt'}
          </Button>
        </>
      }
    >
      <form id={`${id}-form`} className="efs-app__adopt-dialog" onSubmit={(e) => void submit(e)} noValidate>
        <ChoiceSummary choice={choice} />
        <fieldset className="efs-app__fieldset">
          <legend>Adopt into</legend>
          <Checkbox type="radio" name={`${id}-into`} label={`a new flow of ${orgName}`} checked={into === 'new'} onChange={() => setInto('new')} />
          <Checkbox
            type="radio"
            name={`${id}-into`}
            label={
              <>
                an existing flow of {orgName}
                {flows?.length === 0 ? <span className="efs-app__muted"> (there is none yet)</span> : null}
              </>
            }
            checked={into === 'existing'}
            disabled={flows?.length === 0}
            onChange={() => setInto('existing')}
          />
        </fieldset>
        {into === 'new' ? (
          <Field label="Flow name" error={problem?.field === 'name' ? problem.text : undefined}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
        ) : (
          <Field label="Flow" error={problem?.field === 'flow' ? problem.text : undefined}>
            <select value={flowId} onChange={(e) => setFlowId(e.target.value)}>
              <option value="">Choose a flow…</option>
              {flows?.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name} (revision {f.revision})
                </option>
              ))}
            </select>
          </Field>
        )}
        <AdoptVersions algorithms={choice.algorithms} catalog={catalog} chosen={versions} onChoose={(algorithm, version) => setVersions((v) => ({ ...v, [algorithm]: version }))} />
        {problem?.field === 'form' ? (
          <p role="alert" className="efs-app__alert">
            {problem.text}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}
