import type { BindingError, BindingState, BindingStatus } from '@event-flows/model';

export type { BindingError, BindingState, BindingStatus };

/** Mutable counters behind a {@link BindingStatus}; owned by one binding consumer. */
export class StatusRecorder {
  state: BindingState = 'starting';
  consumed = 0;
  published = 0;
  failed = 0;
  deadLettered = 0;
  lastError: BindingError | null = null;
  readonly lag = new Map<number, number>();
  private samples: Array<{ at: number; consumed: number }> = [];

  /** Records an error and the state it leaves the binding in. */
  fail(error: BindingError, state: BindingState = 'error'): void {
    this.lastError = error;
    this.state = state;
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
    };
  }
}
