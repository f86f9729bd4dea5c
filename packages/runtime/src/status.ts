/** The life of a binding in the runtime (DESIGN §5). */
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

/** One subscribe binding as this runtime sees it; counters count since the binding started here. */
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
