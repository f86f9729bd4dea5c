import { randomUUID } from 'node:crypto';
import type { ReplayRecordResult } from '@event-flows/runtime';

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

/** What a redrive run does now, or how it ended. */
export type RedriveState = 'running' | 'paused' | 'done' | 'cancelled' | 'failed';

/** A redrive of dead letters that runs on the server after its call has answered, followed by id. */
export interface RedriveRun {
  readonly id: string;
  /** Who started it: the only person besides cluster admins who sees and steers it. */
  readonly by: string;
  readonly subscription: string;
  readonly dlqTopic: string;
  readonly to: string;
  /** Records per second, or null for as fast as Kafka takes them. */
  readonly rate: number | null;
  /** How many records it was asked for, when known (picked records); null for a group or everything. */
  readonly total: number | null;
  state: RedriveState;
  replayed: number;
  skipped: number;
  failed: number;
  readonly startedAt: number;
  finishedAt: number | null;
  error: string | null;
  /** What became of each record, in the order they were looked at, at most `maxResults`. */
  readonly results: ReplayRecordResult[];
  readonly stop: AbortController;
  /** Settles when a paused run resumes; absent while running. */
  resume?: { promise: Promise<void>; release: () => void };
}

/** How long a finished redrive stays to be read. */
const keepFinishedMs = 60 * 60 * 1000;
const redrives = new Map<string, RedriveRun>();

/**
 * Starts `work` as a redrive run that this process follows by id: it counts each record's result (keeping
 * at most `maxResults` of them), holds its pages while paused, stops when cancelled, and calls `finished`
 * once it has ended, whatever the end. Answers the run at once.
 */
export function startRedrive(
  run: Pick<RedriveRun, 'by' | 'subscription' | 'dlqTopic' | 'to' | 'rate' | 'total'>,
  maxResults: number,
  work: (track: { onRecord: (result: ReplayRecordResult) => void; whilePaused: () => Promise<void>; signal: AbortSignal }) => Promise<unknown>,
  finished: (run: RedriveRun) => Promise<void>,
): RedriveRun {
  const entry: RedriveRun = { ...run, id: randomUUID(), state: 'running', replayed: 0, skipped: 0, failed: 0, startedAt: Date.now(), finishedAt: null, error: null, results: [], stop: new AbortController() };
  redrives.set(entry.id, entry);
  const onRecord = (result: ReplayRecordResult): void => {
    if (result.outcome === 'replayed') entry.replayed++;
    else if (result.outcome === 'skipped') entry.skipped++;
    else entry.failed++;
    if (entry.results.length < maxResults) entry.results.push(result);
  };
  const whilePaused = async (): Promise<void> => {
    while (entry.resume && !entry.stop.signal.aborted) await entry.resume.promise;
  };
  void (async () => {
    try {
      await work({ onRecord, whilePaused, signal: entry.stop.signal });
      entry.state = entry.stop.signal.aborted ? 'cancelled' : 'done';
    } catch (error) {
      entry.state = 'failed';
      entry.error = error instanceof Error ? error.message : String(error);
    }
    entry.finishedAt = Date.now();
    entry.resume = undefined;
    setTimeout(() => redrives.delete(entry.id), keepFinishedMs).unref();
    await finished(entry).catch(() => undefined);
  })();
  return entry;
}

/** The redrive run `id` as `user` may see it: their own, or any for a cluster admin; undefined otherwise. */
export function redriveRun(user: { id: string; role: string }, id: string): RedriveRun | undefined {
  const run = redrives.get(id);
  return run && (run.by === user.id || user.role === 'admin') ? run : undefined;
}

/**
 * Pauses, resumes or cancels a redrive run: a pause holds it before its next page; a cancel stops it
 * once the page being sent is written (a paused run is cancelled at once). `false` when it has ended.
 */
export function steerRedrive(run: RedriveRun, action: 'pause' | 'resume' | 'cancel'): boolean {
  if (run.state !== 'running' && run.state !== 'paused') return false;
  if (action === 'pause' && !run.resume) {
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    run.resume = { promise, release };
    run.state = 'paused';
  } else if (action === 'resume' || action === 'cancel') {
    if (action === 'cancel') run.stop.abort();
    const resume = run.resume;
    run.resume = undefined;
    resume?.release();
    run.state = 'running';
  }
  return true;
}
