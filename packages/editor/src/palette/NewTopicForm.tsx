import {
  countOf,
  fewestOnCreate,
  limits,
  memberLimitsOn,
  memberTopicProblems,
  mostOnCreate,
  newTopicSettings,
  retentionConfig,
  topicNameFinding,
  topicNameProblem,
  type CatalogConnection,
  type FlowGraph,
  type TopicCreate,
} from '@event-flows/model';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useEditorStore } from '../store/index.ts';
import { GuardrailsHint } from './GuardrailsHint.tsx';
import { Button } from '../ui/Button.tsx';

/** A topic to add to the canvas: where it lives and, when it does not exist yet, how deploy creates it. */
export interface NewTopic {
  kind: 'topic';
  connection: string;
  topic: string;
  create?: TopicCreate;
}

/** Props of {@link NewTopicForm}. */
export interface NewTopicFormProps {
  /** The name the form starts with (what the person searched for, say). */
  name?: string;
  /** The connection the form starts with; otherwise the only one, or the one the flow uses. */
  connection?: string;
  /** What the form is for, shown above its fields ("A topic classify publishes to"). */
  purpose?: ReactNode;
  onSubmit: (topic: NewTopic) => void;
  onCancel: () => void;
}

const hourMs = 3_600_000;

/** The form's text fields for a connection's creation settings (within the member limits, for a member). */
function settingsFields(connection: CatalogConnection | undefined, member: boolean) {
  const create = newTopicSettings(connection, { member });
  const retention = Number(create.config[retentionConfig] ?? -1);
  return {
    partitions: String(create.partitions),
    replicationFactor: String(create.replicationFactor),
    // Kafka's -1 ("forever") and an unknown retention both show as empty: the cluster's default.
    retentionHours: retention < 0 ? '' : String(retention / hourMs),
  };
}

/**
 * The connection a new topic goes on when the person has not said: the only connection, else the
 * connection of the flow's last topic that is on a known connection, else the first.
 */
export function preferredConnection(connections: readonly CatalogConnection[], graph: FlowGraph): string {
  if (connections.length === 1) return connections[0]?.id ?? '';
  const known = new Set(connections.map((c) => c.id));
  const inUse = graph.nodes.findLast((n) => n.kind === 'topic' && known.has(n.connection));
  return inUse?.kind === 'topic' ? inUse.connection : (connections[0]?.id ?? '');
}

/**
 * What the form's fields may hold on `connection`: the model's limits for a cluster admin; for a member,
 * the connection's member limits and guardrails, with a sentence saying them (retention in whole hours,
 * or `undefined` when a member may not set it).
 */
function fieldLimits(connection: CatalogConnection | undefined, member: boolean) {
  const most = mostOnCreate(connection, { member });
  const fewest = fewestOnCreate(connection, { member });
  if (!member) return { ...most, fewest, retentionHours: { min: 0, max: limits.retentionHours }, sentence: null };
  const rule = memberLimitsOn(connection).config[retentionConfig];
  const retentionHours = rule && 'min' in rule ? { min: Math.ceil(rule.min / hourMs), max: Math.floor(rule.max / hourMs) } : undefined;
  const retention = retentionHours ? ` and a retention from ${retentionHours.min} to ${retentionHours.max} hours` : '';
  const partitions = fewest.partitions > 1 ? `${fewest.partitions} to ${countOf(most.partitions, 'partition')}` : `up to ${countOf(most.partitions, 'partition')}`;
  const replication = fewest.replicationFactor > 1 ? `from ${fewest.replicationFactor} to ${most.replicationFactor}` : `up to ${most.replicationFactor}`;
  return {
    ...most,
    fewest,
    retentionHours,
    sentence: `As a member you may ask for ${partitions}, a replication factor ${replication}${retention}; a cluster admin can create larger topics.`,
  };
}

/** A whole number in `[min, max]`, or a sentence saying what is wrong with `text`. */
function wholeNumber(label: string, text: string, min: number, max: number): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) return `${label} is a whole number from ${min} to ${max}.`;
  return value;
}

/**
 * Asks for a topic that may not exist yet: its connection, its name (checked with Kafka's rule) and,
 * for a topic the cluster does not have, the settings deploy creates it with — partitions,
 * replication factor and retention, starting from the connection's defaults.
 */
export function NewTopicForm({ name = '', connection, purpose, onSubmit, onCancel }: NewTopicFormProps) {
  const connections = useEditorStore((s) => s.catalog.connections);
  const graph = useEditorStore((s) => s.graph);
  const member = useEditorStore((s) => s.actor.role !== 'admin');
  const [connectionId, setConnectionId] = useState(() => connection ?? preferredConnection(connections, graph));
  const chosen = connections.find((c) => c.id === connectionId);
  const [topic, setTopic] = useState(name);
  const [fields, setFields] = useState(() => settingsFields(chosen, member));
  const bounds = fieldLimits(chosen, member);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { form: useId(), connection: useId(), name: useId(), partitions: useId(), replication: useId(), retention: useId(), hint: useId() };
  const exists = chosen?.topics.some((t) => t.name === topic) ?? false;

  function chooseConnection(id: string) {
    setConnectionId(id);
    setFields(settingsFields(connections.find((c) => c.id === id), member));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const nameProblem = topicNameProblem(topic);
    if (nameProblem) return setProblem(nameProblem);
    if (!chosen) return setProblem('Pick the connection (Kafka cluster) the topic is on.');
    if (graph.nodes.some((n) => n.kind === 'topic' && n.connection === chosen.id && n.topic === topic)) {
      return setProblem(`“${topic}” on ${chosen.name} is on the canvas already.`);
    }
    if (exists) return onSubmit({ kind: 'topic', connection: chosen.id, topic });
    // The model's rule decides; the form only says it before the canvas does.
    const misnamed = member ? topicNameFinding(topic, chosen) : undefined;
    if (misnamed) return setProblem(misnamed.message);
    const partitions = wholeNumber('Partitions', fields.partitions, bounds.fewest.partitions, bounds.partitions);
    if (typeof partitions === 'string') return setProblem(partitions);
    const replicationFactor = wholeNumber('Replication factor', fields.replicationFactor, bounds.fewest.replicationFactor, bounds.replicationFactor);
    if (typeof replicationFactor === 'string') return setProblem(replicationFactor);
    const hours = Number(fields.retentionHours.trim());
    if (fields.retentionHours.trim() !== '' && !(Number.isFinite(hours) && hours > 0 && hours <= limits.retentionHours)) {
      return setProblem(`Retention is a number of hours above 0 and at most ${limits.retentionHours}, or empty for the cluster’s default.`);
    }
    const config: Record<string, string> = fields.retentionHours.trim() === '' ? {} : { [retentionConfig]: String(Math.round(hours * hourMs)) };
    const create = { partitions, replicationFactor, config };
    const beyond = member ? memberTopicProblems(create, chosen, `Topic “${topic}”`) : [];
    if (beyond.length > 0) return setProblem(beyond.join(' '));
    onSubmit({ kind: 'topic', connection: chosen.id, topic, create });
  }

  const setField = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields({ ...fields, [key]: e.target.value });
  return (
    <form className="efs-new-topic" aria-labelledby={ids.form} onSubmit={submit} noValidate>
      <h3 id={ids.form} className="efs-new-topic__title">
        New topic
      </h3>
      {purpose ? <p className="efs-field__hint">{purpose}</p> : null}
      <div className="efs-field">
        <label htmlFor={ids.connection}>Connection</label>
        <select id={ids.connection} value={connectionId} onChange={(e) => chooseConnection(e.target.value)}>
          {chosen ? null : <option value={connectionId}>Pick a connection</option>}
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="efs-field">
        <label htmlFor={ids.name}>Topic name</label>
        <input
          id={ids.name}
          type="text"
          value={topic}
          maxLength={limits.topic}
          autoFocus
          onChange={(e) => {
            setTopic(e.target.value);
            setProblem(null);
          }}
        />
      </div>
      {member && !exists ? <GuardrailsHint connection={chosen} /> : null}
      {exists ? (
        <p className="efs-field__hint">This topic exists on {chosen?.name} already: it is added as it is.</p>
      ) : (
        <fieldset className="efs-fieldset">
          <legend>Created on deploy with</legend>
          <div className="efs-field">
            <label htmlFor={ids.partitions}>Partitions</label>
            <input id={ids.partitions} type="number" min={bounds.fewest.partitions} max={bounds.partitions} step={1} value={fields.partitions} onChange={setField('partitions')} />
          </div>
          <div className="efs-field">
            <label htmlFor={ids.replication}>Replication factor</label>
            <input
              id={ids.replication}
              type="number"
              min={bounds.fewest.replicationFactor}
              max={bounds.replicationFactor}
              step={1}
              value={fields.replicationFactor}
              onChange={setField('replicationFactor')}
            />
          </div>
          {bounds.retentionHours ? (
            <div className="efs-field">
              <label htmlFor={ids.retention}>Retention (hours)</label>
              <input
                id={ids.retention}
                type="number"
                min={bounds.retentionHours.min}
                max={bounds.retentionHours.max}
                step="any"
                value={fields.retentionHours}
                aria-describedby={ids.hint}
                onChange={setField('retentionHours')}
              />
              <span id={ids.hint} className="efs-field__hint">
                {chosen?.defaults ? `${chosen.name}'s defaults.` : "Kafka's defaults (the cluster's own are unknown)."} Empty retention: the cluster's
                default.
              </span>
            </div>
          ) : null}
          {bounds.sentence ? <p className="efs-field__hint">{bounds.sentence}</p> : null}
        </fieldset>
      )}
      {problem ? (
        <p role="alert" className="efs-new-topic__problem">
          {problem}
        </p>
      ) : null}
      <div className="efs-buttons">
        <Button type="submit" variant="primary" size="small">
          Add topic
        </Button>
        <Button size="small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
