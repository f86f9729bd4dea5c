import './admin.css';
import { describeRule, limits, memberTopicLimits, topicNamePatternProblem, topicNameRuleSentence, type MemberTopicLimits } from '@event-flows/model';
import { Button, Checkbox, Field, Table, type TableColumn } from '@event-flows/editor';
import { useId, useState, type FormEvent } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { draftOf, fieldProblemCount, newRule, readDraft, type ConfigRuleDraft, type MemberLimitsProblems } from './memberLimitsDraft.ts';

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
      const count = fieldProblemCount(read.problems);
      setOutcome({ text: count === 0 ? 'Nothing was saved.' : `Nothing was saved: ${count === 1 ? '1 field above needs' : `${count} fields above need`} correcting.`, error: true });
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
    <form className="efs-app__form efs-app__form--wide efs-app__member-limits" aria-labelledby={`${id}-h`} onSubmit={submit} noValidate>
      <h2 id={`${id}-h`}>Member topic limits on {connectionName}</h2>
      <p className="efs-app__muted">
        {set ? 'Set by a cluster admin for this connection.' : 'This connection uses the default limits.'} Members' flows are checked against them as they are
        edited and again at deploy; cluster admins are not held to them.
      </p>
      <div className="efs-app__field-grid">
        <NumberField label="Most partitions" max={limits.partitions} value={draft.partitions} error={problems.partitions} onChange={(partitions) => setDraft({ ...draft, partitions })} />
        <NumberField label="Fewest partitions (empty: 1)" max={limits.partitions} value={draft.minPartitions} error={problems.minPartitions} onChange={(minPartitions) => setDraft({ ...draft, minPartitions })} />
        <NumberField
          label="Highest replication factor (empty: the connection's default)"
          max={limits.replicationFactor}
          value={draft.replicationFactor}
          error={problems.replicationFactor}
          onChange={(replicationFactor) => setDraft({ ...draft, replicationFactor })}
        />
        <NumberField
          label="Lowest replication factor (empty: 1)"
          max={limits.replicationFactor}
          value={draft.minReplicationFactor}
          error={problems.minReplicationFactor}
          onChange={(minReplicationFactor) => setDraft({ ...draft, minReplicationFactor })}
        />
      </div>
      <h3>Guardrails</h3>
      <Field label="Topic name pattern (a regular expression the whole name matches; empty: any name)" error={problems.topicNamePattern}>
        <input
          className="efs-app__code efs-app__wide-input"
          value={draft.topicNamePattern}
          maxLength={limits.topicNamePattern}
          placeholder="For example: orders\.[a-z0-9-]+"
          spellCheck={false}
          onChange={(e) => setDraft({ ...draft, topicNamePattern: e.target.value })}
        />
      </Field>
      <Field label="What the pattern asks for, in words" error={problems.topicNameDescription}>
        <input
          className="efs-app__wide-input"
          value={draft.topicNameDescription}
          maxLength={limits.name}
          placeholder="For example: orders, a dot, then the event in lower case"
          onChange={(e) => setDraft({ ...draft, topicNameDescription: e.target.value })}
        />
      </Field>
      <PatternPreview connectionName={connectionName} pattern={draft.topicNamePattern} description={draft.topicNameDescription} />
      <Checkbox
        label="Every subscription needs a DLQ"
        checked={draft.requireDlq}
        onChange={(e) => setDraft({ ...draft, requireDlq: e.target.checked })}
      />
      <h3>Config keys a member may set</h3>
      {draft.rules.length > 0 ? (
        <Table
          className="efs-app__rules"
          caption={<span className="efs-visually-hidden">Config keys a member may set</span>}
          columns={ruleColumns({ problems, setRule, removeRule })}
          rows={draft.rules.map((rule, index) => ({ rule, index }))}
          rowKey={({ index }) => String(index)}
        />
      ) : null}
      {draft.rules.length === 0 ? <p className="efs-app__muted">No config key: a member's flow may set none.</p> : null}
      {problems.form ? <p className="efs-app__problem">{problems.form}</p> : null}
      <div className="efs-app__actions">
        <Button size="small" onClick={() => setDraft({ ...draft, rules: [...draft.rules, newRule()] })} disabled={draft.rules.length >= limits.configEntries}>
          Add a config key
        </Button>
      </div>
      {outcome ? (
        <p role={outcome.error ? 'alert' : 'status'} className={outcome.error ? 'efs-app__alert' : 'efs-app__muted'}>
          {outcome.text}
        </p>
      ) : null}
      <div className="efs-app__actions">
        <Button type="submit" variant="primary" busy={busy}>
          Save limits
        </Button>
        <Button variant="danger" onClick={reset} disabled={busy || !set}>
          Reset to defaults
        </Button>
        <Button onClick={onClose}>Close</Button>
      </div>
    </form>
  );
}

/** The sentence members will read about the topic name pattern, once the pattern and its words are both good. */
function PatternPreview({ connectionName, pattern, description }: { connectionName: string; pattern: string; description: string }) {
  if (pattern === '' || description.trim() === '' || topicNamePatternProblem(pattern) !== undefined) return null;
  return <p className="efs-app__muted">Members read: {topicNameRuleSentence({ pattern, description: description.trim() }, connectionName)}</p>;
}

/** A range as a person reads it ("a whole number from 3600000 (1 hour) to 2592000000 (30 days)"), once both ends are whole numbers. */
function RangeInWords({ rule }: { rule: ConfigRuleDraft }) {
  const min = Number(rule.min);
  const max = Number(rule.max);
  if (rule.min.trim() === '' || rule.max.trim() === '' || !Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) return null;
  const words = describeRule({ min, max, unit: rule.unit });
  return <span className="efs-app__muted efs-app__range-words">{`${words.charAt(0).toUpperCase()}${words.slice(1)}.`}</span>;
}

/** A config key's row: the rule and where it is in the draft. */
interface RuleRow {
  rule: ConfigRuleDraft;
  index: number;
}

interface RuleActions {
  problems: MemberLimitsProblems;
  setRule: (index: number, patch: Partial<ConfigRuleDraft>) => void;
  removeRule: (index: number) => void;
}

/** The name a rule's controls are labelled with. */
const ruleName = (rule: ConfigRuleDraft) => rule.key.trim() || 'new key';

/** The values a range rule takes: smallest, largest, their unit, and the range in words. */
function RangeCells({ row: { rule, index }, problems, setRule }: RuleActions & { row: RuleRow }) {
  const name = ruleName(rule);
  const found = problems.rules[index] ?? {};
  return (
    <span className="efs-app__range">
      <Field compact label={`Smallest ${name}`} error={found.min}>
        <input type="number" step={1} value={rule.min} onChange={(e) => setRule(index, { min: e.target.value })} />
      </Field>
      <span className="efs-app__range-to" aria-hidden="true">
        to
      </span>
      <Field compact label={`Largest ${name}`} error={found.max}>
        <input type="number" step={1} value={rule.max} onChange={(e) => setRule(index, { max: e.target.value })} />
      </Field>
      <Field compact label={`Unit of ${name}`}>
        <select value={rule.unit} onChange={(e) => setRule(index, { unit: e.target.value === 'bytes' ? 'bytes' : 'ms' })}>
          <option value="ms">milliseconds</option>
          <option value="bytes">bytes</option>
        </select>
      </Field>
      <RangeInWords rule={rule} />
    </span>
  );
}

/** The columns of the config keys a member may set: the key, range or list, its values, and remove. */
function ruleColumns(actions: RuleActions): TableColumn<RuleRow>[] {
  const { problems, setRule, removeRule } = actions;
  const found = (index: number) => problems.rules[index] ?? {};
  return [
    {
      key: 'key',
      header: 'Config key',
      cell: ({ rule, index }) => (
        <Field compact className="efs-app__rule-key" label={`Config key (${ruleName(rule)})`} error={found(index).key}>
          <input value={rule.key} maxLength={limits.configEntry} onChange={(e) => setRule(index, { key: e.target.value })} />
        </Field>
      ),
    },
    {
      key: 'kind',
      header: 'Allowed',
      cell: ({ rule, index }) => (
        <Field compact label={`Allowed values of ${ruleName(rule)}`}>
          <select value={rule.kind} onChange={(e) => setRule(index, { kind: e.target.value === 'list' ? 'list' : 'range' })}>
            <option value="range">a range</option>
            <option value="list">one of a list</option>
          </select>
        </Field>
      ),
    },
    {
      key: 'values',
      header: 'Values',
      cell: (row) =>
        row.rule.kind === 'range' ? (
          <RangeCells {...actions} row={row} />
        ) : (
          <Field compact className="efs-app__rule-values" label={`Values of ${ruleName(row.rule)} (comma-separated)`} error={found(row.index).values}>
            <input value={row.rule.values} onChange={(e) => setRule(row.index, { values: e.target.value })} />
          </Field>
        ),
    },
    {
      key: 'remove',
      header: <span className="efs-visually-hidden">Remove</span>,
      cell: ({ rule, index }) => (
        <Button size="small" variant="danger" aria-label={`Remove ${ruleName(rule)}`} onClick={() => removeRule(index)}>
          Remove
        </Button>
      ),
    },
  ];
}

interface NumberFieldProps {
  label: string;
  max: number;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** A whole number from 1 to `max`, in the design system's field. */
function NumberField({ label, max, value, error, onChange }: NumberFieldProps) {
  return (
    <Field label={label} error={error}>
      <input type="number" min={1} max={max} step={1} value={value} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}
