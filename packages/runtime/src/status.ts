import type { BindingError, BindingRetrying, BindingState, BindingStatus } from '@event-flows/model';

export type { BindingError, BindingRetrying, BindingState, BindingStatus };

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
  private samples: Array<{ at: number; consumed: number }> = [];

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
    this.samples.push({ at: now, consumed: this.consumed });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - 5_000) this.samples.shift();
    const first = this.samples[0];
    const seconds = first ? (now - first.at) / 1000 : 0;
    const msgsPerSecond = first && seconds > 0.2 ? Math.round(((this.consumed - first.consumed) / seconds) * 10) / 10 : 0;
    const lag: Record<string, number> = {};
    for (const [partition, behind] of [...this.lag].sort((a, b) => a[0] - b[0])) lag[String(partition)] = behind;
    return {
      ...meta,
      state: this.state,
      consumed: this.consumed,
      published: this.published,
      failed: this.failed,
      deadLettered: this.deadLettered,
      lag,
      lastError: this.lastError,
      msgsPerSecond,
      retrying: this.retrying(),
    };
  }
}
