/** How a message value reached the algorithm, as the platform's API distinguishes it. */
export type InputContentType = 'json' | 'text' | 'binary';

/** How an algorithm's result is to be published; `void` publishes nothing. */
export type OutputContentType = 'json' | 'text' | 'binary' | 'void';

/** A decoded message value: the original bytes and the value the algorithm receives. */
export interface AlgorithmInput {
  readonly contentType: InputContentType;
  /** The record's value exactly as consumed. */
  readonly bytes: Buffer;
  /** Parsed JSON, a string, or the bytes themselves. */
  readonly value: unknown;
}

/** An algorithm's result: a JSON value, a string, bytes, or nothing (`void`). */
export interface AlgorithmOutput {
  readonly contentType: OutputContentType;
  readonly value: unknown;
  /** The algorithm API's HTTP status, when an HTTP call answered (for the call's span). */
  readonly httpStatus?: number;
}

/** One call of an algorithm for one message. */
export interface Invocation {
  /** `org/name`. */
  readonly algorithm: string;
  readonly version: string;
  readonly input: AlgorithmInput;
  /** This attempt's time-out; the invoker aborts the call and fails with a transient `timeout` failure after it. */
  readonly timeoutMs: number;
  /** The HTTP statuses that fail as transient (default: the model's `retryDefaults`); other 4xx and 5xx fail as permanent. */
  readonly transientStatuses?: readonly number[];
  /** Aborted when the runtime stops without waiting any longer. */
  readonly signal: AbortSignal;
  /** The input record's W3C `traceparent`, when it had a valid one: an invoker that calls out passes it on. */
  readonly traceparent?: string;
}

/**
 * Runs algorithms. `invoke` resolves with the result or rejects with a `ProcessingFailure` whose class
 * says whether a retry can help (any other rejection counts as a permanent algorithm error).
 */
export interface Invoker {
  invoke(invocation: Invocation): Promise<AlgorithmOutput>;
  /** Releases connections; optional. */
  close?(): Promise<void>;
}
