import { describeRule, limits, memberTopicLimits, topicNamePatternProblem, topicNameRuleSentence, type MemberTopicLimits } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { FieldProblem, problemProps } from './FieldProblem.tsx';
import { draftOf, newRule, readDraft, type ConfigRuleDraft, type MemberLimitsProblems } from './memberLimitsDraft.ts';

/** Props of {@link MemberLimitsForm}. */
export interface MemberLimitsFormProps {
  /** The connection's display name. */
  connectionName: string;
  /** The limits a cluster admin set on the connection; `undefined` while the model's defaults hold. */
  limits: MemberTopicLimits | undefined;
  /** Stores new limits, or `undefined` to go back to the defaults; a rejection's message is shown. */
  onSave: (limits: MemberTopicLimits | undefined) => Promise<unknown>;
  onClose: () => void;
}

/**
 * How far members' flows may go in creating topics on one connection, and the guardrails they keep to
 * there: fewest and most partitions, lowest and highest replication factor, the config keys they may
 * set with their ranges, a topic name pattern with its meaning in words, and a DLQ for every
 * subscription; bounded by the model's schema, with a sentence beside each field that is wrong and a
 * reset to the defaults.
 */
export function MemberLimitsForm({ connectionName, limits: set, onSave, onClose }: MemberLimitsFormProps) {
  const [draft, setDraft] = useState(() => draftOf(set ?? memberTopicLimits));
  const [problems, setProblems] = useState<MemberLimitsProblems>({ rules: [] });
  const [outcome, setOutcome] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const save = async (next: MemberTopicLimits | undefined, done: string) => {
    setBusy(true);
    try {
      await onSave(next);
      setOutcome({ text: done, error: false });
    } catch (error) {
      setOutcome({ text: messageOf(error), error: true });
    } finally {
      setBusy(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const read = readDraft(draft);
    if ('problems' in read) {
      setProblems(read.problems);
      setOutcome({ text: 'Nothing was saved: correct the fields marked below.', error: true });
      return;
    }
    setProblems({ rules: [] });
    void save(read.limits, `Saved: members' new topics on ${connectionName} are held to these limits.`);
  };
  const reset = () => {
    setDraft(draftOf(memberTopicLimits));
    setProblems({ rules: [] });
    void save(undefined, `Reset: ${connectionName} uses the default limits.`);
  };
  const setRule = (index: number, patch: Partial<ConfigRuleDraft>) =>
    setDraft({ ...draft, rules: draft.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  const removeRule = (index: number) => {
    setDraft({ ...draft, rules: draft.rules.filter((_, i) => i !== index) });
    setProblems({ ...problems, rules: problems.rules.filter((_, i) => i !== index) });
  };

  return (
    <form className="efs-app__form efs-app__form--wide" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate>
      <h2 id={`${id}-h`}>Member topic limits on {connectionName}</h2>
      <p className="efs-app__muted">
        {set ? 'Set by a cluster admin for this connection.' : 'This connection uses the default limits.'} Members' flows are checked against them as they are
        edited and again at deploy; cluster admins are not held to them.
      </p>
      <label htmlFor={`${id}-partitions`}>Most partitions</label>
      <input
        id={`${id}-partitions`}
        type="number"
        min={1}
        max={limits.partitions}
        step={1}
        value={draft.partitions}
        onChange={(e) => setDraft({ ...draft, partitions: e.target.value })}
        {...problemProps(`${id}-partitions-p`, problems.partitions)}
      />
      <FieldProblem id={`${id}-partitions-p`} problem={problems.partitions} />
      <label htmlFor={`${id}-min-partitions`}>Fewest partitions (empty: 1)</label>
      <input
        id={`${id}-min-partitions`}
        type="number"
        min={1}
        max={limits.partitions}
        step={1}
        value={draft.minPartitions}
        placeholder="1"
        onChange={(e) => setDraft({ ...draft, minPartitions: e.target.value })}
        {...problemProps(`${id}-min-partitions-p`, problems.minPartitions)}
      />
      <FieldProblem id={`${id}-min-partitions-p`} problem={problems.minPartitions} />
      <label htmlFor={`${id}-replication`}>Highest replication factor (empty: the connection's default)</label>
      <input
        id={`${id}-replication`}
        type="number"
        min={1}
        max={limits.replicationFactor}
        step={1}
        value={draft.replicationFactor}
        placeholder="The connection's default"
        onChange={(e) => setDraft({ ...draft, replicationFactor: e.target.value })}
        {...problemProps(`${id}-replication-p`, problems.replicationFactor)}
      />
      <FieldProblem id={`${id}-replication-p`} problem={problems.replicationFactor} />
      <label htmlFor={`${id}-min-replication`}>Lowest replication factor (empty: 1)</label>
      <input
        id={`${id}-min-replication`}
        type="number"
        min={1}
        max={limits.replicationFactor}
        step={1}
        value={draft.minReplicationFactor}
        placeholder="1"
        onChange={(e) => setDraft({ ...draft, minReplicationFactor: e.target.value })}
        {...problemProps(`${id}-min-replication-p`, problems.minReplicationFactor)}
      />
      <FieldProblem id={`${id}-min-replication-p`} problem={problems.minReplicationFactor} />
      <h3>Guardrails</h3>
      <label htmlFor={`${id}-pattern`}>Topic name pattern (a regular expression the whole name matches; empty: any name)</label>
      <input
        id={`${id}-pattern`}
        className="efs-app__code efs-app__wide-input"
        value={draft.topicNamePattern}
        maxLength={limits.topicNamePattern}
        placeholder="orders\.[a-z0-9-]+"
        spellCheck={false}
        onChange={(e) => setDraft({ ...draft, topicNamePattern: e.target.value })}
        {...problemProps(`${id}-pattern-p`, problems.topicNamePattern)}
      />
      <FieldProblem id={`${id}-pattern-p`} problem={problems.topicNamePattern} />
      <label htmlFor={`${id}-pattern-words`}>What the pattern asks for, in words</label>
      <input
        id={`${id}-pattern-words`}
        className="efs-app__wide-input"
        value={draft.topicNameDescription}
        maxLength={limits.name}
        placeholder="orders, a dot, then the event in lower case"
        onChange={(e) => setDraft({ ...draft, topicNameDescription: e.target.value })}
        {...problemProps(`${id}-pattern-words-p`, problems.topicNameDescription)}
      />
      <FieldProblem id={`${id}-pattern-words-p`} problem={problems.topicNameDescription} />
      <PatternPreview connectionName={connectionName} pattern={draft.topicNamePattern} description={draft.topicNameDescription} />
      <label className="efs-app__check">
        <input type="checkbox" checked={draft.requireDlq} onChange={(e) => setDraft({ ...draft, requireDlq: e.target.checked })} />
        Every subscription needs a DLQ
      </label>
      <h3>Config keys a member may set</h3>
      <table className="efs-app__table" aria-label="Config keys a member may set">
        <thead>
          <tr>
            <th scope="col">Config key</th>
            <th scope="col">Allowed</th>
            <th scope="col">Values</th>
            <th scope="col">
              <span className="efs-app__visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {draft.rules.map((rule, index) => (
            <RuleRow key={index} id={`${id}-r${index}`} rule={rule} problems={problems.rules[index] ?? {}} onChange={(patch) => setRule(index, patch)} onRemove={() => removeRule(index)} />
          ))}
        </tbody>
      </table>
      {draft.rules.length === 0 ? <p className="efs-app__muted">No config key: a member's flow may set none.</p> : null}
      {problems.form ? <p className="efs-app__problem">{problems.form}</p> : null}
      <div className="efs-app__actions">
        <button type="button" onClick={() => setDraft({ ...draft, rules: [...draft.rules, newRule()] })} disabled={draft.rules.length >= limits.configEntries}>
          Add a config key
        </button>
      </div>
      <div className="efs-app__actions">
        <button type="submit" disabled={busy}>
          Save limits
        </button>
        <button type="button" onClick={reset} disabled={busy || !set}>
          Reset to defaults
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {outcome ? (
        <p role={outcome.error ? 'alert' : 'status'} className={outcome.error ? 'efs-app__problem' : 'efs-app__muted'}>
          {outcome.text}
        </p>
      ) : null}
    </form>
  );
}

/** The sentence members will read about the topic name pattern, once the pattern and its words are both good. */
function PatternPreview({ connectionName, pattern, description }: { connectionName: string; pattern: string; description: string }) {
  if (pattern === '' || description.trim() === '' || topicNamePatternProblem(pattern) !== undefined) return null;
  return <p className="efs-app__muted">Members read: {topicNameRuleSentence({ pattern, description: description.trim() }, connectionName)}</p>;
}

interface RuleRowProps {
  id: string;
  rule: ConfigRuleDraft;
  problems: MemberLimitsProblems['rules'][number];
  onChange: (patch: Partial<ConfigRuleDraft>) => void;
  onRemove: () => void;
}

/** A range as a person reads it ("a whole number from 3600000 (1 hour) to 2592000000 (30 days)"), once both ends are whole numbers. */
function RangeInWords({ rule }: { rule: ConfigRuleDraft }) {
  const min = Number(rule.min);
  const max = Number(rule.max);
  if (rule.min.trim() === '' || rule.max.trim() === '' || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) return null;
  const words = describeRule({ min, max, unit: rule.unit });
  return <span className="efs-app__muted efs-app__range-words">{`${words.charAt(0).toUpperCase()}${words.slice(1)}.`}</span>;
}

/** One config key a member may set, and the values it may take. */
function RuleRow({ id, rule, problems, onChange, onRemove }: RuleRowProps) {
  const name = rule.key.trim() || 'new key';
  return (
    <tr>
      <td>
        <input aria-label={`Config key (${name})`} value={rule.key} maxLength={limits.configEntry} onChange={(e) => onChange({ key: e.target.value })} {...problemProps(`${id}-key`, problems.key)} />
        <FieldProblem id={`${id}-key`} problem={problems.key} />
      </td>
      <td>
        <select aria-label={`Allowed values of ${name}`} value={rule.kind} onChange={(e) => onChange({ kind: e.target.value === 'list' ? 'list' : 'range' })}>
          <option value="range">a range</option>
          <option value="list">one of a list</option>
        </select>
      </td>
      <td>
        {rule.kind === 'range' ? (
          <span className="efs-app__range">
            <input aria-label={`Smallest ${name}`} type="number" step={1} value={rule.min} onChange={(e) => onChange({ min: e.target.value })} {...problemProps(`${id}-min`, problems.min)} />
            <span aria-hidden="true">to</span>
            <input aria-label={`Largest ${name}`} type="number" step={1} value={rule.max} onChange={(e) => onChange({ max: e.target.value })} {...problemProps(`${id}-max`, problems.max)} />
            <select aria-label={`Unit of ${name}`} value={rule.unit} onChange={(e) => onChange({ unit: e.target.value === 'bytes' ? 'bytes' : 'ms' })}>
              <option value="ms">milliseconds</option>
              <option value="bytes">bytes</option>
            </select>
            <RangeInWords rule={rule} />
            <FieldProblem id={`${id}-min`} problem={problems.min} />
            <FieldProblem id={`${id}-max`} problem={problems.max} />
          </span>
        ) : (
          <>
            <input className="efs-app__wide-input" aria-label={`Values of ${name} (comma-separated)`} value={rule.values} onChange={(e) => onChange({ values: e.target.value })} {...problemProps(`${id}-values`, problems.values)} />
            <FieldProblem id={`${id}-values`} problem={problems.values} />
          </>
        )}
      </td>
      <td>
        <button type="button" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}
