import type { RetryPolicy } from '@event-flows/model';

/** Whether trying again can help: transient failures are retried, permanent ones go to the DLQ at once. */
export type FailureClass = 'transient' | 'permanent';

/** Where in the handling of a message a failure happened. */
export type FailureStage = 'decode' | 'invoke' | 'encode';

/**
 * A failure to process one message, with the class that decides whether it is retried. Invokers and
 * the decode / encode steps throw it; any other error thrown by an algorithm counts as permanent.
 */
export class ProcessingFailure extends Error {
  override readonly name = 'ProcessingFailure';
  constructor(
    message: string,
    readonly failureClass: FailureClass,
    readonly stage: FailureStage,
    /** A short machine-readable reason, e.g. `timeout`, `http-429`, `algorithm-error`, `undecodable`. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A transient failure an algorithm may throw on purpose (builtin algorithms), to be retried. */
export class TransientAlgorithmError extends Error {
  override readonly name = 'TransientAlgorithmError';
}

/** Turns anything thrown while invoking into a {@link ProcessingFailure}; unknown errors are permanent algorithm errors. */
export function asFailure(error: unknown): ProcessingFailure {
  if (error instanceof ProcessingFailure) return error;
  if (error instanceof TransientAlgorithmError) return new ProcessingFailure(error.message, 'transient', 'invoke', 'algorithm-transient');
  const message = error instanceof Error ? error.message : String(error);
  return new ProcessingFailure(message, 'permanent', 'invoke', 'algorithm-error');
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): the policy's backoff doubled for each
 * further attempt, capped at 5 minutes, with ±50 % jitter so that many workers do not retry in step.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.backoffMs * 2 ** Math.max(0, attempt - 1), 300_000);
  return Math.round(base * (0.5 + random()));
}
