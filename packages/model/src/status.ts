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

/** Messages of a binding waiting to be tried again: the canvas shows it as "retrying 3/5". */
export interface BindingRetrying {
  /** The attempt the furthest-along waiting message makes next. */
  readonly attempt: number;
  /** Its retry policy's attempts in all. */
  readonly maxAttempts: number;
  /** How many messages are waiting to be tried again. */
  readonly messages: number;
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
  /**
   * Age in seconds of the oldest record taken from the topic and not yet committed (the largest over the
   * assigned partitions); 0 when the binding has caught up. It rises while a slow or stuck message holds
   * its partition back.
   */
  readonly lagSeconds: number;
  /** Messages failed for good per second, over the last few seconds. */
  readonly failedPerSecond: number;
  /** DLQ records written per second, over the last few seconds. */
  readonly deadLetteredPerSecond: number;
  /** Messages waiting to be tried again now; `null` or absent when none are (runtimes before retry reporting leave it out). */
  readonly retrying?: BindingRetrying | null;
}

/** "retrying 3/5" (and how many messages, when more than one): what the canvas shows while messages wait for another attempt. */
export function retryingWords(retrying: BindingRetrying): string {
  const words = `retrying ${retrying.attempt}/${retrying.maxAttempts}`;
  return retrying.messages > 1 ? `${words} (${retrying.messages} messages)` : words;
}

/**
 * Tells whether a binding that is running has failed messages (failed for good or dead-lettered):
 * the studio then shows it amber, not green, however well the rest goes.
 */
export function runsWithFailures(status: Pick<BindingStatus, 'state' | 'failed' | 'deadLettered'>): boolean {
  return status.state === 'running' && (status.failed > 0 || status.deadLettered > 0);
}

/** The waits of two runtimes as one: the furthest-along attempt, the messages summed. */
function mergeRetrying(a: BindingRetrying | null, b: BindingRetrying | null): BindingRetrying | null {
  if (!a || !b) return a ?? b;
  const further = b.attempt / b.maxAttempts > a.attempt / a.maxAttempts ? b : a;
  return { attempt: further.attempt, maxAttempts: further.maxAttempts, messages: a.messages + b.messages };
}

const tenths = (n: number) => Math.round(n * 10) / 10;

/** How bad each state is, for {@link mergeStatuses}: the worst state of a binding's runtimes is its state. */
const stateSeverity: Record<BindingState, number> = { stopped: 0, running: 1, starting: 2, paused: 3, error: 4 };

/**
 * One status per binding from the statuses several runtimes report (worker processes and the server's
 * own, each consuming some of the binding's partitions): counts and rates are summed, each partition's
 * lag (and the lag in seconds) is the largest reported (a partition moved to another worker may still show in the one it left),
 * the state is the worst, and the last error the latest. Sorted by key, as a runtime sorts its own.
 */
export function mergeStatuses(statuses: readonly BindingStatus[]): BindingStatus[] {
  const byKey = new Map<string, BindingStatus>();
  for (const status of statuses) {
    const seen = byKey.get(status.key);
    if (!seen) {
      byKey.set(status.key, status);
      continue;
    }
    const lag: Record<string, number> = { ...seen.lag };
    for (const [partition, behind] of Object.entries(status.lag)) lag[partition] = Math.max(lag[partition] ?? 0, behind);
    const lastError = !seen.lastError ? status.lastError : !status.lastError ? seen.lastError : status.lastError.at > seen.lastError.at ? status.lastError : seen.lastError;
    byKey.set(status.key, {
      ...seen,
      state: stateSeverity[status.state] > stateSeverity[seen.state] ? status.state : seen.state,
      consumed: seen.consumed + status.consumed,
      published: seen.published + status.published,
      failed: seen.failed + status.failed,
      deadLettered: seen.deadLettered + status.deadLettered,
      lag,
      lastError,
      msgsPerSecond: tenths(seen.msgsPerSecond + status.msgsPerSecond),
      retrying: mergeRetrying(seen.retrying ?? null, status.retrying ?? null),
      lagSeconds: Math.max(seen.lagSeconds, status.lagSeconds),
      failedPerSecond: tenths(seen.failedPerSecond + status.failedPerSecond),
      deadLetteredPerSecond: tenths(seen.deadLetteredPerSecond + status.deadLetteredPerSecond),
    });
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
