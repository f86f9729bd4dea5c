import { Button, Field, Spinner } from '@event-flows/editor';
import { Grant, limits, topicNameProblem, type Access } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { FormOutcome } from './FormOutcome.tsx';

/** The topics of the chosen connection, as the catalog read them. */
export type TopicChoices = { state: 'loading' } | { state: 'ready'; names: readonly string[] } | { state: 'error'; message: string };

/** Props of {@link GrantForm}. */
export interface GrantFormProps {
  /** Published algorithms that may be granted access, `org/name` with a display name. */
  algorithms: ReadonlyArray<{ ref: string; name: string }>;
  connections: ReadonlyArray<{ id: string; name: string }>;
  /** The chosen connection, whose topics are offered. */
  connection: string;
  onConnectionChange: (id: string) => void;
  topics: TopicChoices;
  /** Adds the grant; a rejection's message is shown as its sentence. */
  onAdd: (grant: Grant) => Promise<unknown>;
}

/** The picker's value that asks for a topic by name (one the cluster does not have yet); never a legal topic name. */
const otherTopic = '(other)';

type Problems = Partial<Record<'algorithm' | 'connection' | 'topic' | 'form', string>>;

/**
 * Grants an algorithm access to a topic, picked from lists: published algorithms, connections, the
 * chosen connection's topics (or a topic named by hand, for one a flow will create).
 */
export function GrantForm({ algorithms, connections, connection, onConnectionChange, topics, onAdd }: GrantFormProps) {
  const [algorithm, setAlgorithm] = useState('');
  const [access, setAccess] = useState<Access>('subscribe');
  const [topic, setTopic] = useState('');
  const [typed, setTyped] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const names = topics.state === 'ready' ? topics.names : [];
  // Named by hand when asked for, and when the connection's topics cannot be listed.
  const byName = topic === otherTopic || topics.state === 'error' || (topics.state === 'ready' && names.length === 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = byName ? typed.trim() : topic;
    const found: Problems = {};
    if (!algorithms.some((a) => a.ref === algorithm)) found.algorithm = 'Pick the algorithm to grant access to.';
    if (!connections.some((c) => c.id === connection)) found.connection = 'Pick the connection the topic is on.';
    if (name === '') found.topic = byName ? 'Name the topic.' : 'Pick the topic.';
    else if (topicNameProblem(name)) found.topic = topicNameProblem(name);
    const grant = Grant.safeParse({ algorithm, access, connection, topic: name });
    if (Object.keys(found).length > 0 || !grant.success) return setProblems(Object.keys(found).length > 0 ? found : { form: 'This grant is not valid; check each field.' });
    setProblems({});
    setBusy(true);
    try {
      await onAdd(grant.data);
      setDone(`Granted: ${grant.data.algorithm} may ${grant.data.access} ${grant.data.topic}.`);
    } catch (error) {
      setProblems({ form: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const topicNote =
    topics.state === 'error'
      ? `The topics could not be listed (${topics.message}); name the topic.`
      : topics.state === 'ready' && names.length === 0
        ? 'The connection has no topics yet; name the topic.'
        : undefined;

  return (
    <form className="efs-app__form" aria-labelledby={`${id}-h`} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={`${id}-h`}>Add a grant</h2>
      <Field label="Algorithm" error={problems.algorithm}>
        <select value={algorithm} onChange={(e) => setAlgorithm(e.target.value)}>
          <option value="">{algorithms.length === 0 ? 'No published algorithm' : 'Pick a published algorithm'}</option>
          {algorithms.map((a) => (
            <option key={a.ref} value={a.ref}>
              {a.name} ({a.ref})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Access">
        <select value={access} onChange={(e) => setAccess(e.target.value === 'publish' ? 'publish' : 'subscribe')}>
          <option value="subscribe">subscribe (read the topic)</option>
          <option value="publish">publish (write to the topic)</option>
        </select>
      </Field>
      <Field label="Connection" error={problems.connection}>
        <select
          value={connection}
          onChange={(e) => {
            onConnectionChange(e.target.value);
            setTopic('');
            // What was said of the last connection's topic does not hold for this one's.
            setProblems({});
          }}
        >
          {connections.some((c) => c.id === connection) ? null : <option value={connection}>Pick a connection</option>}
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      {topics.state === 'loading' ? <Spinner label="Reading the connection's topics…" /> : null}
      {topics.state === 'ready' && names.length > 0 ? (
        <Field label="Topic" error={byName ? undefined : problems.topic}>
          <select value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">Pick a topic</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
            <option value={otherTopic}>Another topic (not created yet)…</option>
          </select>
        </Field>
      ) : null}
      {byName ? (
        <Field label={names.length > 0 ? 'Topic name' : 'Topic'} help={topicNote} error={problems.topic}>
          <input value={typed} maxLength={limits.topic} onChange={(e) => setTyped(e.target.value)} />
        </Field>
      ) : null}
      <div className="efs-app__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Add grant
        </Button>
      </div>
      <FormOutcome problem={problems.form} done={done} />
    </form>
  );
}
