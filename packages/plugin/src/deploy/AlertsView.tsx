import './alerts.css';
import { Button } from '@event-flows/editor';
import { AlertRuleInput, formatTime, limits, type AlertBinding, type AlertCondition } from '@event-flows/model';
import { useId, useState, type FormEvent } from 'react';

/** A rule as the server shows it (`alerts.list`). */
export interface AlertRuleView {
  id: string;
  name: string;
  binding: AlertBinding | null;
  condition: AlertCondition;
  /** The condition in words: "lag above 1,000 messages for 5 minutes". */
  described: string;
  /** The webhook's host (`https://hooks.slack.com/…`), or `null` for none. */
  webhook: string | null;
  silencedUntil: string | null;
}

/** A firing or a resolution (`alerts.list`'s `firing`, `alerts.history`). */
export interface AlertEventView {
  id: number;
  ruleId: string;
  binding: AlertBinding;
  kind: 'fired' | 'resolved';
  message: string;
  notified: string;
  at: string;
}

/** What a person saves: the rule, and its webhook (`undefined`: keep the stored one; `null`: none). */
export interface AlertDraft {
  id?: string;
  rule: AlertRuleInput;
  webhook?: string | null;
}

export interface AlertsViewProps {
  rules: readonly AlertRuleView[];
  firing: readonly AlertEventView[];
  history: readonly AlertEventView[];
  /** The flow's subscriptions, which a rule may watch one of. */
  subscriptions: readonly AlertBinding[];
  /** A viewer's view: nothing can be changed. */
  readOnly?: boolean;
  onSave: (draft: AlertDraft) => Promise<unknown>;
  onRemove: (id: string) => Promise<unknown>;
  onSilence: (id: string, minutes: number) => Promise<unknown>;
}

type Kind = AlertCondition['kind'];

/** Each kind of condition: its name in the form, and its two figures with their labels and bounds. */
const kinds: Record<Kind, { label: string; amount: { label: string; max: number; whole: boolean } | null; minutes: 'for' | 'within' }> = {
  'lag-messages': { label: 'Lag in messages', amount: { label: 'Messages waiting above', max: Number.MAX_SAFE_INTEGER, whole: true }, minutes: 'for' },
  'lag-seconds': { label: 'Lag in seconds', amount: { label: 'Oldest waiting message older than (s)', max: limits.alertMinutes * 60, whole: true }, minutes: 'for' },
  'dlq-growth': { label: 'Dead letters', amount: { label: 'New dead letters at least', max: Number.MAX_SAFE_INTEGER, whole: true }, minutes: 'within' },
  'error-rate': { label: 'Error rate', amount: { label: 'Messages failing above (%)', max: 100, whole: false }, minutes: 'within' },
  'binding-error': { label: 'Binding in error', amount: null, minutes: 'for' },
  'throughput-below': { label: 'Throughput below a floor', amount: { label: 'Messages a second below', max: 1_000_000_000, whole: false }, minutes: 'for' },
};

/** The condition a form's fields make, or the sentence that says which field is wrong. */
function conditionOf(kind: Kind, amount: string, minutes: string): AlertCondition | string {
  const spec = kinds[kind];
  const within = spec.minutes === 'within';
  const m = Number(minutes);
  const minMinutes = within ? 1 : 0;
  if (minutes.trim() === '' || !Number.isInteger(m) || m < minMinutes || m > limits.alertMinutes) {
    return `${within ? 'Within' : 'For'} (minutes) is a whole number from ${minMinutes} to ${limits.alertMinutes.toLocaleString('en')}.`;
  }
  const a = Number(amount);
  if (spec.amount && (amount.trim() === '' || !Number.isFinite(a) || a < 0 || a > spec.amount.max || (spec.amount.whole && !Number.isInteger(a)))) {
    return `${spec.amount.label} is ${spec.amount.whole ? 'a whole number' : 'a number'} from 0 to ${spec.amount.max.toLocaleString('en')}.`;
  }
  switch (kind) {
    case 'lag-messages':
      return { kind, above: a, forMinutes: m };
    case 'lag-seconds':
      return a < 1 ? 'Oldest waiting message older than (s) is at least 1.' : { kind, above: a, forMinutes: m };
    case 'dlq-growth':
      return a < 1 ? 'New dead letters at least is at least 1.' : { kind, atLeast: a, windowMinutes: m };
    case 'error-rate':
      return { kind, abovePercent: a, windowMinutes: m };
    case 'binding-error':
      return { kind, forMinutes: m };
    case 'throughput-below':
      return { kind, below: a, forMinutes: m };
  }
}

/** The figures of a stored condition, for editing it. */
function fieldsOf(condition: AlertCondition): { amount: string; minutes: string } {
  const minutes = String('forMinutes' in condition ? condition.forMinutes : condition.windowMinutes);
  const amount =
    condition.kind === 'lag-messages' || condition.kind === 'lag-seconds'
      ? condition.above
      : condition.kind === 'dlq-growth'
        ? condition.atLeast
        : condition.kind === 'error-rate'
          ? condition.abovePercent
          : condition.kind === 'throughput-below'
            ? condition.below
            : '';
  return { amount: String(amount), minutes };
}

const bindingLabel = (b: AlertBinding) => `${b.algorithm} ← ${b.topic}`;

/**
 * A flow's alerts: what fires now, the rules (each silenced for an hour, edited or removed), a form
 * for a new rule or the one being edited, and what fired and resolved before.
 */
export function AlertsView({ rules, firing, history, subscriptions, readOnly = false, onSave, onRemove, onSilence }: AlertsViewProps) {
  const [editing, setEditing] = useState<AlertRuleView | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const names = new Map(rules.map((r) => [r.id, r.name]));
  const act = (work: Promise<unknown>) => {
    setProblem(null);
    work.catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  return (
    <section className="efs-alerts" aria-labelledby="efs-alerts-heading">
      <h2 id="efs-alerts-heading">Alerts</h2>
      <h3>Firing now</h3>
      {firing.length === 0 ? (
        <p className="efs-alerts__quiet">Nothing is firing.</p>
      ) : (
        <ul className="efs-alerts__firing" aria-label="Firing now">
          {firing.map((e) => (
            <li key={e.id} data-kind="fired">
              <strong>{names.get(e.ruleId) ?? 'A rule'}</strong> on {bindingLabel(e.binding)} since {formatTime(e.at)}
              <span className="efs-alerts__notified"> · {notifiedText(e.notified)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Rules</h3>
      {rules.length === 0 ? (
        <p className="efs-alerts__quiet">No rules yet.{readOnly ? '' : ' Add one to be told when this flow falls behind or fails.'}</p>
      ) : (
        <ul className="efs-alerts__rules" aria-label="Alert rules">
          {rules.map((r) => {
            const silenced = r.silencedUntil !== null && Date.parse(r.silencedUntil) > Date.now();
            return (
              <li key={r.id} className="efs-alerts__rule">
                <strong>{r.name}</strong>
                <span>When {r.described}</span>
                <span className="efs-alerts__meta">
                  Watches {r.binding ? bindingLabel(r.binding) : 'every binding'} · notifies {r.webhook ?? 'nobody (recorded only)'}
                  {silenced && r.silencedUntil ? ` · silenced until ${formatTime(r.silencedUntil)}` : ''}
                </span>
                {readOnly ? null : (
                  <span className="efs-alerts__actions">
                    <Button size="small" onClick={() => setEditing(r)} aria-label={`Edit ${r.name}`}>
                      Edit
                    </Button>
                    {silenced ? (
                      <Button size="small" onClick={() => act(onSilence(r.id, 0))} aria-label={`Unsilence ${r.name}`}>
                        Unsilence
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => act(onSilence(r.id, 60))} aria-label={`Silence 1 h: ${r.name}`}>
                        Silence 1 h
                      </Button>
                    )}
                    <Button size="small" variant="danger" onClick={() => act(onRemove(r.id))} aria-label={`Remove ${r.name}`}>
                      Remove
                    </Button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {problem ? <p role="alert">{problem}</p> : null}
      {readOnly ? null : editing ? (
        <RuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? null : editing} subscriptions={subscriptions} onSave={onSave} onDone={() => setEditing(null)} />
      ) : (
        <Button onClick={() => setEditing('new')}>
          New alert rule
        </Button>
      )}
      <h3>History</h3>
      {history.length === 0 ? (
        <p className="efs-alerts__quiet">No alert has fired yet.</p>
      ) : (
        <ol className="efs-alerts__history" aria-label="Alert history">
          {history.map((e) => (
            <li key={e.id} data-kind={e.kind}>
              {formatTime(e.at)} · {e.kind === 'fired' ? 'Fired' : 'Resolved'}: {e.message} <span className="efs-alerts__notified">({notifiedText(e.notified)})</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function notifiedText(notified: string): string {
  if (notified === 'sent') return 'sent to the webhook';
  if (notified === 'silenced') return 'silenced, not sent';
  if (notified === 'no webhook') return 'recorded only';
  if (notified === 'sending') return 'sending…';
  return notified.replace(/^failed: /, 'not delivered: ');
}

/** The form for a new rule (`rule` null) or for changing one. */
function RuleForm({ rule, subscriptions, onSave, onDone }: { rule: AlertRuleView | null; subscriptions: readonly AlertBinding[]; onSave: AlertsViewProps['onSave']; onDone: () => void }) {
  const id = useId();
  const start = rule ? fieldsOf(rule.condition) : { amount: '1000', minutes: '5' };
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<Kind>(rule?.condition.kind ?? 'lag-messages');
  const [amount, setAmount] = useState(start.amount);
  const [minutes, setMinutes] = useState(start.minutes);
  const [watch, setWatch] = useState(() => (rule?.binding ? String(subscriptions.findIndex((s) => bindingLabel(s) === bindingLabel(rule.binding as AlertBinding))) : ''));
  const [webhook, setWebhook] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const spec = kinds[kind];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const condition = conditionOf(kind, amount, minutes);
    if (typeof condition === 'string') return setError(condition);
    const binding = watch === '' ? undefined : subscriptions[Number(watch)];
    const parsed = AlertRuleInput.safeParse({ name: name.trim(), ...(binding ? { binding } : {}), condition });
    if (!parsed.success) return setError(parsed.error.issues[0]?.path[0] === 'name' ? 'Give the rule a name (at most 200 characters).' : (parsed.error.issues[0]?.message ?? 'The rule is not valid.'));
    setError(null);
    setSaving(true);
    try {
      // An empty webhook field keeps the stored address when editing, and means none for a new rule.
      await onSave({ ...(rule ? { id: rule.id } : {}), rule: parsed.data, ...(webhook.trim() ? { webhook: webhook.trim() } : rule ? {} : { webhook: null }) });
      onDone();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="efs-alerts__form" aria-label={rule ? `Edit alert rule ${rule.name}` : 'New alert rule'} onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={`${id}-name`}>Name</label>
      <input id={`${id}-name`} value={name} maxLength={limits.name} onChange={(e) => setName(e.target.value)} placeholder="Orders falling behind" />
      <label htmlFor={`${id}-watch`}>Watches</label>
      <select id={`${id}-watch`} value={watch} onChange={(e) => setWatch(e.target.value)}>
        <option value="">Every binding of the flow</option>
        {subscriptions.map((s, i) => (
          <option key={bindingLabel(s)} value={String(i)}>
            {bindingLabel(s)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-kind`}>Condition</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        {(Object.keys(kinds) as Kind[]).map((k) => (
          <option key={k} value={k}>
            {kinds[k].label}
          </option>
        ))}
      </select>
      {spec.amount ? (
        <>
          <label htmlFor={`${id}-amount`}>{spec.amount.label}</label>
          <input id={`${id}-amount`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </>
      ) : null}
      <label htmlFor={`${id}-minutes`}>{spec.minutes === 'within' ? 'Within (minutes)' : 'For (minutes)'}</label>
      <input id={`${id}-minutes`} inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
      <label htmlFor={`${id}-webhook`}>Webhook (Slack-compatible)</label>
      <input
        id={`${id}-webhook`}
        type="url"
        value={webhook}
        maxLength={limits.webhookUrl}
        onChange={(e) => setWebhook(e.target.value)}
        placeholder={rule?.webhook ? `${rule.webhook} (kept if left empty)` : 'https://hooks.slack.com/services/…'}
      />
      {error ? (
        <p role="alert" className="efs-alerts__error">
          {error}
        </p>
      ) : null}
      <div className="efs-alerts__form-actions">
        <Button type="submit" variant="primary" busy={saving}>
          {saving ? 'Saving…' : rule ? 'Save rule' : 'Add rule'}
        </Button>
        <Button onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
