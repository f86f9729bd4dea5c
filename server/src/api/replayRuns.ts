/**
 * The DLQ replays running in this server process that their caller named (`run`), so that the studio
 * can show how far one has got and stop it. A run is seen and stopped only by the person who started it.
 */
interface Run {
  replayed: number;
  readonly stop: AbortController;
}

const runs = new Map<string, Run>();
const keyOf = (userId: string, run: string) => `${userId}\n${run}`;

/** Registers `userId`'s run while `work` runs, with the progress callback and stop signal it reports to. */
export async function trackReplay<T>(userId: string, run: string | undefined, work: (track: { onProgress: (replayed: number) => void; signal: AbortSignal }) => Promise<T>): Promise<T> {
  const entry: Run = { replayed: 0, stop: new AbortController() };
  const key = run === undefined ? undefined : keyOf(userId, run);
  // A second call with the same name follows the newer one; the older still runs to its end.
  if (key) runs.set(key, entry);
  try {
    return await work({ onProgress: (replayed) => void (entry.replayed = replayed), signal: entry.stop.signal });
  } finally {
    if (key && runs.get(key) === entry) runs.delete(key);
  }
}

/** How many records `userId`'s run has written so far, or `null` when no such run is going on. */
export function replayProgress(userId: string, run: string): { replayed: number } | null {
  const entry = runs.get(keyOf(userId, run));
  return entry ? { replayed: entry.replayed } : null;
}

/** Asks `userId`'s run to stop once the records being sent are written; `false` when no such run is going on. */
export function stopReplay(userId: string, run: string): boolean {
  const entry = runs.get(keyOf(userId, run));
  entry?.stop.abort();
  return entry !== undefined;
}
