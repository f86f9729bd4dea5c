import type { BackoffKind, RetryPolicy } from './graph.ts';

/**
 * The consumer-group timings the runtime uses (it reads them from here). The rebalance time-out is
 * kafkajs's counterpart of Java's `max.poll.interval.ms`: how long the group waits, during a
 * rebalance, for a worker still busy with a message before it moves that worker's partitions.
 */
export const consumerGroupTimings = {
  /** How long the group waits for a silent worker before moving its partitions. */
  sessionTimeoutMs: 30_000,
  /** How long the group waits for a busy worker to rejoin during a rebalance. */
  rebalanceTimeoutMs: 60_000,
} as const;

/** What a retry policy's optional fields are when a document leaves them out; they keep the behaviour of policies saved before those fields existed. */
export const retryDefaults = {
  backoff: 'exponential',
  maxBackoffMs: 300_000,
  transientStatuses: [408, 429, 500, 502, 503, 504],
  honourRetryAfter: true,
} as const satisfies Required<Pick<RetryPolicy, 'backoff' | 'maxBackoffMs' | 'honourRetryAfter'>> & { transientStatuses: readonly number[] };

/** A retry policy with every field decided. */
export interface ResolvedRetryPolicy {
  readonly maxAttempts: number;
  readonly backoffMs: number;
  readonly backoff: BackoffKind;
  readonly maxBackoffMs: number;
  readonly attemptTimeoutMs: number;
  readonly transientStatuses: readonly number[];
  readonly honourRetryAfter: boolean;
}

/** `policy` with {@link retryDefaults} for what it leaves out; an attempt's time-out defaults to the binding's `timeoutMs`. */
export function resolveRetryPolicy(policy: RetryPolicy, timeoutMs: number): ResolvedRetryPolicy {
  return {
    maxAttempts: policy.maxAttempts,
    backoffMs: policy.backoffMs,
    backoff: policy.backoff ?? retryDefaults.backoff,
    maxBackoffMs: policy.maxBackoffMs ?? retryDefaults.maxBackoffMs,
    attemptTimeoutMs: policy.attemptTimeoutMs ?? timeoutMs,
    transientStatuses: policy.transientStatuses ?? retryDefaults.transientStatuses,
    honourRetryAfter: policy.honourRetryAfter ?? retryDefaults.honourRetryAfter,
  };
}

/**
 * The planned wait after failed attempt `attempt` (counting from 1) and before the next: the backoff
 * the same each time (`fixed`), one backoff more each time (`linear`) or doubled each time
 * (`exponential`), never more than `maxBackoffMs`.
 */
export function backoffAfter(policy: Pick<ResolvedRetryPolicy, 'backoff' | 'backoffMs' | 'maxBackoffMs'>, attempt: number): number {
  const n = Math.max(1, attempt);
  const planned = policy.backoff === 'fixed' ? policy.backoffMs : policy.backoff === 'linear' ? policy.backoffMs * n : policy.backoffMs * 2 ** Math.min(n - 1, 60);
  return Math.min(planned, policy.maxBackoffMs);
}

/**
 * The wait before the next attempt when the failed one answered `Retry-After` (`retryAfterMs`): the
 * answer's wait when the policy honours it, else the planned backoff; never more than `maxBackoffMs`.
 */
export function waitAfter(policy: ResolvedRetryPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined && policy.honourRetryAfter) return Math.min(Math.max(0, retryAfterMs), policy.maxBackoffMs);
  return backoffAfter(policy, attempt);
}

/**
 * The longest one message may take under `policy`: every attempt running to its time-out plus every
 * planned backoff between them. (A `Retry-After` longer than the planned backoff may stretch one wait
 * up to `maxBackoffMs`.)
 */
export function worstCaseRetryMs(policy: ResolvedRetryPolicy): number {
  let total = policy.maxAttempts * policy.attemptTimeoutMs;
  for (let attempt = 1; attempt < policy.maxAttempts; attempt++) total += backoffAfter(policy, attempt);
  return total;
}

/** A duration for people: "250 ms", "1 s", "1.5 s", "2 min 31 s", "1 h 5 min". */
export function durationWords(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const seconds = Math.round(ms / 1_000);
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
}

/**
 * A retry policy in one line: "5 attempts, exponential 1 s → 30 s max, up to 2 min 31 s in all"
 * ("1 attempt, no retries, up to 7 min in all" when it never retries).
 */
export function retrySummary(policy: ResolvedRetryPolicy): string {
  const attempts = `${policy.maxAttempts} ${policy.maxAttempts === 1 ? 'attempt' : 'attempts'}`;
  const total = `up to ${durationWords(worstCaseRetryMs(policy))} in all`;
  if (policy.maxAttempts === 1) return `${attempts}, no retries, ${total}`;
  const first = durationWords(policy.backoffMs);
  const waits = policy.backoff === 'fixed' || backoffAfter(policy, policy.maxAttempts - 1) === backoffAfter(policy, 1)
    ? `${policy.backoff} ${durationWords(backoffAfter(policy, 1))}`
    : `${policy.backoff} ${first} → ${durationWords(policy.maxBackoffMs)} max`;
  return `${attempts}, ${waits}, ${total}`;
}

/** A problem with one field of a retry policy, for the inspector to show beside it and validation to report. */
export interface RetryFieldProblem {
  readonly field: keyof RetryPolicy;
  readonly message: string;
}

/** What is inconsistent in `policy` across its fields (each field's own range is the schema's). */
export function retryPolicyProblems(policy: RetryPolicy): RetryFieldProblem[] {
  const problems: RetryFieldProblem[] = [];
  if (policy.maxBackoffMs !== undefined && policy.maxBackoffMs < policy.backoffMs) {
    problems.push({ field: 'maxBackoffMs', message: `The longest wait (${durationWords(policy.maxBackoffMs)}) is shorter than the first backoff (${durationWords(policy.backoffMs)}).` });
  }
  const statuses = policy.transientStatuses ?? [];
  if (new Set(statuses).size !== statuses.length) problems.push({ field: 'transientStatuses', message: 'An HTTP status is listed twice.' });
  return problems;
}

/**
 * Why a subscription's worst-case retry time risks a rebalance, as a sentence; `null` when it fits in
 * the consumer group's rebalance time-out.
 */
export function retryRebalanceRisk(policy: ResolvedRetryPolicy, rebalanceTimeoutMs: number = consumerGroupTimings.rebalanceTimeoutMs): string | null {
  const total = worstCaseRetryMs(policy);
  if (total <= rebalanceTimeoutMs) return null;
  return (
    `With these retries one message may take up to ${durationWords(total)}, longer than the ${durationWords(rebalanceTimeoutMs)} ` +
    'the consumer group waits for a busy worker during a rebalance: the group would move the partition to another worker, ' +
    'which processes the message again, so its output may be published twice. Lower the attempts, the backoff or the time-out per attempt.'
  );
}
