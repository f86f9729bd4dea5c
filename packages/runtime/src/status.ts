import type { BindingError, BindingRetrying, BindingState, BindingStatus } from '@event-flows/model';

export type { BindingError, BindingRetrying, BindingState, BindingStatus };

/** Upper bounds, in seconds, of the processing-time histogram's buckets (besides `+Inf`). */
export const processingBuckets: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * How long messages took to process (decode, invoke with its retries, encode), counted per bucket of
 * {@link processingBuckets}. Plain counts, read by `/metrics` when scraped: observing costs a few
 * comparisons per message, where a labelled prom-client histogram cost about 3 µs.
 */
export class ProcessingTimes {
  /** Messages per bucket (not cumulative); the last one is `+Inf`. */
  readonly counts: number[] = processingBuckets.map(() => 0).concat(0);
  count = 0;
  /** Seconds in all. */
  sum = 0;

  /** Counts one message that took `seconds`. */
  observe(seconds: number): void {
    let bucket = 0;
    while (bucket < processingBuckets.length && seconds > (processingBuckets[bucket] ?? Infinity)) bucket++;
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count++;
    this.sum += seconds;
  }
}

interface Sample {
  at: number;
  consumed: number;
  failed: number;
  deadLettered: number;
}

/** Counts per second between `first` and now, to a tenth. */
function perSecond(now: number, count: number, first: Sample | undefined, then: number): number {
  const seconds = first ? (now - first.at) / 1000 : 0;
  return first && seconds > 0.2 ? Math.round(((count - then) / seconds) * 10) / 10 : 0;
}

/** Mutable counters behind a {@link BindingStatus}; owned by one binding consumer. */
export class StatusRecorder {
  state: BindingState = 'starting';
  consumed = 0;
  published = 0;
  failed = 0;
  deadLettered = 0;
  lastError: BindingError | null = null;
  readonly lag = new Map<number, number>();
  /** The messages waiting for another attempt now, each with the attempt it makes next. */
  private readonly waiting = new Set<{ attempt: number; maxAttempts: number }>();
  /** By partition: the timestamp (epoch ms) of the oldest record taken from it and not yet committed. */
  readonly oldest = new Map<number, number>();
  readonly times = new ProcessingTimes();
  private samples: Sample[] = [];

  /** Records an error and the state it leaves the binding in. */
  fail(error: BindingError, state: BindingState = 'error'): void {
    this.lastError = error;
    this.state = state;
  }

  /** Records that a message waits before attempt `attempt` of `maxAttempts`; call the function returned when the wait ends. */
  retryWait(attempt: number, maxAttempts: number): () => void {
    const entry = { attempt, maxAttempts };
    this.waiting.add(entry);
    return () => this.waiting.delete(entry);
  }

  /** The waiting messages as one, the furthest-along first; `null` when none waits. */
  private retrying(): BindingRetrying | null {
    let furthest: { attempt: number; maxAttempts: number } | undefined;
    for (const entry of this.waiting) if (!furthest || entry.attempt / entry.maxAttempts > furthest.attempt / furthest.maxAttempts) furthest = entry;
    return furthest ? { attempt: furthest.attempt, maxAttempts: furthest.maxAttempts, messages: this.waiting.size } : null;
  }

  /** A snapshot; `meta` describes the binding. */
  snapshot(meta: Pick<BindingStatus, 'key' | 'flowId' | 'algorithm' | 'version' | 'connection' | 'topic'>, now = Date.now()): BindingStatus {
    this.samples.push({ at: now, consumed: this.consumed, failed: this.failed, deadLettered: this.deadLettered });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - 5_000) this.samples.shift();
    const first = this.samples[0];
    const lag: Record<string, number> = {};
    for (const [partition, behind] of [...this.lag].sort((a, b) => a[0] - b[0])) lag[String(partition)] = behind;
    let oldest = now;
    for (const timestamp of this.oldest.values()) oldest = Math.min(oldest, timestamp);
    return {
      ...meta,
      state: this.state,
      consumed: this.consumed,
      published: this.published,
      failed: this.failed,
      deadLettered: this.deadLettered,
      lag,
      lastError: this.lastError,
      msgsPerSecond: perSecond(now, this.consumed, first, first?.consumed ?? 0),
      lagSeconds: Math.round((now - oldest) / 100) / 10,
      failedPerSecond: perSecond(now, this.failed, first, first?.failed ?? 0),
      deadLetteredPerSecond: perSecond(now, this.deadLettered, first, first?.deadLettered ?? 0),
      retrying: this.retrying(),
    };
  }
}
