import { LockTimeoutError } from './db.ts';

/** Runs async work one at a time per key, in arrival order. */
export class KeyedMutex {
  /** Per key, a promise that resolves when the last `run` queued on it has finished or given up. */
  private readonly tails = new Map<string, Promise<void>>();

  /**
   * Runs `work` after every earlier `run` with the same key has settled. With `waitMs`, a `run` still
   * queued after that long rejects with a {@link LockTimeoutError} and never runs `work`; the runs
   * queued behind it keep their place.
   */
  async run<T>(key: string, work: () => Promise<T>, waitMs?: number): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let finish = () => {};
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // The next run waits for this one and for everything before it, even when this one gives up early.
    const tail = previous.then(() => finished);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    try {
      await (waitMs === undefined ? previous : withinTime(previous, waitMs, () => new LockTimeoutError(key, waitMs)));
      return await work();
    } finally {
      finish();
    }
  }
}

function withinTime(turn: Promise<void>, ms: number, timeout: () => Error): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout()), ms);
    void turn.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
