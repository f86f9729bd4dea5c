import {
  bindingDefaults,
  durationWords,
  limits,
  resolveRetryPolicy,
  retryDefaults,
  retryPolicyProblems,
  retryRebalanceRisk,
  retrySummary,
  type AlgorithmNode,
  type BackoffKind,
  type FlowEdge,
  type RetryPolicy,
} from '@event-flows/model';
import { useId, useState } from 'react';
import { useEditorActions } from '../store/index.ts';
import { NumberField, SelectField } from './fields.tsx';

const backoffOptions: ReadonlyArray<{ value: BackoffKind; label: string }> = [
  { value: 'exponential', label: 'Doubling (exponential)' },
  { value: 'linear', label: 'By one backoff more (linear)' },
  { value: 'fixed', label: 'The same each time (fixed)' },
];

/** `policy` with `field` set, or left out (`undefined`: its default applies). */
function withField<K extends keyof RetryPolicy>(policy: RetryPolicy, field: K, value: RetryPolicy[K] | undefined): RetryPolicy {
  const next = { ...policy };
  if (value === undefined) delete next[field];
  else next[field] = value;
  return next;
}

/**
 * The retry policy of one subscription: none of its own (its algorithm's applies, summed up), or its
 * own attempts, backoff, longest wait, time-out per attempt, transient statuses and `Retry-After`,
 * with a one-line summary, each field's problem beside it and the model's rebalance warning.
 */
export function RetryPolicyEditor({ edge, algorithm }: { edge: FlowEdge; algorithm: AlgorithmNode }) {
  const actions = useEditorActions();
  const timeoutMs = algorithm.timeoutMs ?? bindingDefaults.timeoutMs;
  const inherited = algorithm.retry ?? bindingDefaults.retry;
  const own = edge.retry;
  const update = (retry: RetryPolicy | null) => actions.setSubscriptionRetry(edge.id, retry);
  const set = <K extends keyof RetryPolicy>(field: K, value: RetryPolicy[K] | undefined) => own && update(withField(own, field, value));
  const resolved = own ? resolveRetryPolicy(own, timeoutMs) : undefined;
  const problems = own ? retryPolicyProblems(own) : [];
  const problemOf = (field: keyof RetryPolicy) => problems.find((p) => p.field === field)?.message ?? null;
  const risk = resolved ? retryRebalanceRisk(resolved) : null;

  return (
    <fieldset className="efs-fieldset">
      <legend>Retries</legend>
      <label className="efs-check">
        <input type="checkbox" checked={own !== undefined} onChange={(e) => update(e.target.checked ? { ...inherited } : null)} />
        Retry policy of its own
      </label>
      {!own || !resolved ? (
        <p className="efs-field__hint">Uses its algorithm's: {retrySummary(resolveRetryPolicy(inherited, timeoutMs))}</p>
      ) : (
        <>
          <p className="efs-retry__summary" role="status">
            {retrySummary(resolved)}
          </p>
          {risk ? (
            <p className="efs-field__warning" role="note">
              {risk}
            </p>
          ) : null}
          <NumberField
            label="Attempts in all"
            value={own.maxAttempts}
            min={1}
            max={limits.maxAttempts}
            onCommit={(maxAttempts) => maxAttempts !== undefined && set('maxAttempts', maxAttempts)}
          />
          <SelectField
            label="Backoff grows"
            value={resolved.backoff}
            options={backoffOptions}
            onChange={(backoff) => set('backoff', backoff as BackoffKind)}
          />
          <NumberField
            label="First backoff (ms)"
            value={own.backoffMs}
            min={0}
            max={limits.backoffMs}
            onCommit={(backoffMs) => backoffMs !== undefined && set('backoffMs', backoffMs)}
          />
          <NumberField
            label="Longest wait (ms)"
            value={own.maxBackoffMs}
            min={0}
            max={limits.backoffMs}
            optional
            hint={`Empty: ${durationWords(retryDefaults.maxBackoffMs)}. Caps a Retry-After too.`}
            problem={problemOf('maxBackoffMs')}
            onCommit={(maxBackoffMs) => set('maxBackoffMs', maxBackoffMs)}
          />
          <NumberField
            label="Time-out per attempt (ms)"
            value={own.attemptTimeoutMs}
            min={1}
            max={limits.timeoutMs}
            optional
            hint={`Empty: the algorithm's time-out (${durationWords(timeoutMs)}).`}
            onCommit={(attemptTimeoutMs) => set('attemptTimeoutMs', attemptTimeoutMs)}
          />
          <StatusListField
            value={own.transientStatuses}
            problem={problemOf('transientStatuses')}
            onCommit={(transientStatuses) => set('transientStatuses', transientStatuses)}
          />
          <label className="efs-check">
            <input type="checkbox" checked={resolved.honourRetryAfter} onChange={(e) => set('honourRetryAfter', e.target.checked ? undefined : false)} />
            Wait as Retry-After asks (429 and 503)
          </label>
        </>
      )}
    </fieldset>
  );
}

/** The statuses typed in ("429, 503"), or why they are not HTTP error statuses. */
function parseStatuses(text: string): { statuses: number[] } | { problem: string } {
  const words = text.split(/[\s,;]+/).filter((w) => w !== '');
  const wrong = words.filter((w) => !/^\d{3}$/.test(w) || Number(w) < 400 || Number(w) > 599);
  if (wrong.length > 0) {
    const named = wrong.slice(0, 3).map((w) => `“${w.slice(0, 12)}”`);
    const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
    return { problem: `${list} ${wrong.length === 1 ? 'is not an HTTP error status' : 'are not HTTP error statuses'} (400 to 599).` };
  }
  if (words.length > limits.transientStatuses) return { problem: `At most ${limits.transientStatuses} statuses.` };
  return { statuses: words.map(Number) };
}

/**
 * The transient HTTP statuses as a typed list: empty means the defaults. Like {@link NumberField}, it
 * changes the document on blur or Enter, and keeps a wrong entry in the field with a sentence beside it.
 */
function StatusListField({ value, problem: ruleProblem, onCommit }: { value: readonly number[] | undefined; problem: string | null; onCommit: (statuses: number[] | undefined) => void }) {
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  const shown = value?.join(', ') ?? '';
  const [draft, setDraft] = useState<string | null>(null);
  const [entryProblem, setEntryProblem] = useState<string | null>(null);
  const problem = entryProblem ?? ruleProblem;
  const text = draft ?? shown;
  function commit() {
    const parsed = parseStatuses(text);
    if ('problem' in parsed) {
      setEntryProblem(parsed.problem);
      return;
    }
    setEntryProblem(null);
    setDraft(null);
    const next = parsed.statuses.length === 0 ? undefined : parsed.statuses;
    if ((next ?? []).join(',') !== (value ?? []).join(',') || (next === undefined) !== (value === undefined)) onCommit(next);
  }
  return (
    <div className="efs-field">
      <label htmlFor={id}>Transient HTTP statuses</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        value={text}
        placeholder={retryDefaults.transientStatuses.join(', ')}
        aria-invalid={problem ? true : undefined}
        aria-describedby={[hintId, problem ? problemId : ''].join(' ').trim()}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <span id={hintId} className="efs-field__hint">
        Retried; other statuses go to the DLQ at once. Empty: the defaults shown.
      </span>
      {problem ? (
        <span id={problemId} role="alert" className="efs-field__problem">
          {problem}
        </span>
      ) : null}
    </div>
  );
}
