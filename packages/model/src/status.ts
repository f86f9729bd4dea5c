/**
 * The live status of an enabled subscribe binding (DESIGN §5), as the runtime reports it, the server
 * streams it and the editor shows it.
 */

/** The life of a binding in the runtime. */
export type BindingState = 'starting' | 'running' | 'paused' | 'error' | 'stopped';

/** What went wrong last, for the UI. */
export interface BindingError {
  readonly message: string;
  /** `transient`, `permanent`, or `kafka` for a failure to consume, publish, dead-letter or commit. */
  readonly class: 'transient' | 'permanent' | 'kafka';
  readonly stage: string;
  /** Epoch milliseconds. */
  readonly at: number;
  /** The input it concerns, when it concerns one. */
  readonly source?: { readonly topic: string; readonly partition: number; readonly offset: string };
}

/** One subscribe binding as a runtime sees it; counters count since the binding started there. */
export interface BindingStatus {
  /** `bindingKey()` of the binding. */
  readonly key: string;
  readonly flowId: string;
  readonly algorithm: string;
  readonly version: string;
  readonly connection: string;
  readonly topic: string;
  readonly state: BindingState;
  /** Messages taken from the topic and finished (published, dead-lettered or void). */
  readonly consumed: number;
  /** Output records acknowledged by Kafka. */
  readonly published: number;
  /** Messages whose processing failed for good (dead-lettered or halting the binding). */
  readonly failed: number;
  /** DLQ records acknowledged by Kafka. */
  readonly deadLettered: number;
  /** Messages behind the end of each assigned partition, by partition number. */
  readonly lag: Readonly<Record<string, number>>;
  readonly lastError: BindingError | null;
  /** Messages finished per second, over the last few seconds. */
  readonly msgsPerSecond: number;
}

/**
 * Tells whether a binding that is running has failed messages (failed for good or dead-lettered):
 * the studio then shows it amber, not green, however well the rest goes.
 */
export function runsWithFailures(status: Pick<BindingStatus, 'state' | 'failed' | 'deadLettered'>): boolean {
  return status.state === 'running' && (status.failed > 0 || status.deadLettered > 0);
}
