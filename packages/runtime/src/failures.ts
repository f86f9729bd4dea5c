import { backoffAfter, type ResolvedRetryPolicy } from '@event-flows/model';

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
    /** How long the API asked the caller to wait before trying again (`Retry-After` on a 429 or 503), in milliseconds. */
    readonly retryAfterMs?: number,
    /** The algorithm API's HTTP status, when it answered (for the call's span). */
    readonly httpStatus?: number,
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
 * The wait before attempt `attempt + 1` (attempt counts from 1): the policy's planned backoff
 * (`backoffAfter`), less up to half of it at random so that many workers do not retry in step; never
 * more than planned, so the policy's maximum and its worst case hold.
 */
export function backoffDelay(policy: ResolvedRetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.round(backoffAfter(policy, attempt) * (0.5 + random() / 2));
}
