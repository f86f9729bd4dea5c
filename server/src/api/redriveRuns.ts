import { countOf, limits } from '@event-flows/model';
import { replayDlq, type DlqReader, type PartitionRange, type ReplayOptions, type ReplayRecordResult } from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import { LockTimeoutError, type Db } from '../db/db.ts';
import { finishRedriveRun, listUnfinishedRedriveRuns, moveRedriveRun, recordRedriveProgress, type RedriveState, type RunResult, type StoredRedriveRun } from '../store/redriveRuns.ts';

/**
 * The redrive runs going on in this server process, kept in the database as they go (see
 * store/redriveRuns.ts): their counts, each record's result, and how far they got, so that a run the
 * process stopped while it ran shows as interrupted and resumes where it stopped.
 */
export interface LiveRedrive {
  readonly stored: StoredRedriveRun;
  /** Records a second it takes of the server's {@link limits.dlqRedriveServerRate}. */
  readonly reserved: number;
  readonly stop: AbortController;
  /** Settles when a paused run resumes; absent while running. */
  resume?: { promise: Promise<void>; release: () => void };
}

const live = new Map<string, LiveRedrive>();
/** Rates taken by runs being set up, before they are live: so that two starts at once cannot both take the last room. */
const settingUp = new Map<symbol, { by: string; rate: number }>();

/** The lock a run holds while it runs, in whichever process runs it: start-up interrupts only runs whose lock is free. */
const runLock = (id: string) => `redrive-run:${id}`;

const going = (state: RedriveState) => state === 'running' || state === 'paused';

/**
 * Takes room for a run of `userId`'s at `rate` records a second, or refuses with a sentence: one person
 * has at most {@link limits.dlqRedriveRunsPerPerson} runs going, and all runs of the server together send
 * at most {@link limits.dlqRedriveServerRate} records a second. `release` gives the room back.
 */
export function reserveRedrive(userId: string, rate: number): { release: () => void; key: symbol } {
  const runs = [...live.values()].filter((r) => going(r.stored.state));
  const setting = [...settingUp.values()];
  const mine = runs.filter((r) => r.stored.by === userId).length + setting.filter((s) => s.by === userId).length;
  if (mine >= limits.dlqRedriveRunsPerPerson) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `You have ${countOf(mine, 'redrive')} going already, the most one person may run at once: wait for one to end, or cancel one.`,
    });
  }
  const taken = runs.reduce((sum, r) => sum + r.reserved, 0) + setting.reduce((sum, s) => sum + s.rate, 0);
  if (taken + rate > limits.dlqRedriveServerRate) {
    const room = Math.max(0, limits.dlqRedriveServerRate - taken);
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `This server redrives at most ${limits.dlqRedriveServerRate.toLocaleString('en')} records a second in all, and the runs going now take ${taken.toLocaleString('en')}: ${room > 0 ? `ask for at most ${room.toLocaleString('en')} a second, or wait` : 'wait'} for a run to end.`,
    });
  }
  const key = Symbol('redrive');
  settingUp.set(key, { by: userId, rate });
  return { key, release: () => void settingUp.delete(key) };
}

/** The run going on in this process, or undefined. */
export function liveRedrive(id: string): LiveRedrive | undefined {
  return live.get(id);
}

/** The per-partition offset after the newest result of each partition in `results`, merged into `cursor`. */
function advance(cursor: Record<string, string>, results: readonly RunResult[]): Record<string, string> {
  const next = { ...cursor };
  for (const r of results) {
    const after = BigInt(r.offset) + 1n;
    const now = next[r.partition];
    if (now === undefined || BigInt(now) < after) next[r.partition] = String(after);
  }
  return next;
}

/** What a run sends, besides what {@link StoredRedriveRun} says. */
export interface RedriveWork {
  readonly reader: DlqReader;
  /** The options of `replayDlq`, but for the run's own (progress, results, pause and stop). */
  readonly replay: Omit<ReplayOptions, 'onRecord' | 'onProgress' | 'whilePaused' | 'signal' | 'runId'>;
  /** How the run ended, written to the audit log: answers the entry's id. */
  readonly audit: (run: StoredRedriveRun) => Promise<number>;
}

/**
 * Runs `stored` (kept in the database already, as running) in this process, holding its lock, with the
 * room `reservation` took: keeps each page's results, counts and cursor as they are acknowledged; holds
 * its pages while paused; stops when cancelled; and, whatever the end, keeps it and writes the audit
 * entry. Answers the live run at once.
 */
export function runRedrive(db: Db, stored: StoredRedriveRun, reservation: { release: () => void }, work: RedriveWork): LiveRedrive {
  const rate = stored.rate ?? limits.dlqRedriveRate;
  const run: LiveRedrive = { stored, reserved: rate, stop: new AbortController() };
  live.set(stored.id, run);
  reservation.release();
  let pending: RunResult[] = [];
  let reported: RunResult[] = [];
  // Writes go one after another, in the order of the pages.
  let kept = Promise.resolve();
  const keep = (): void => {
    const added = pending.slice(0, Math.max(0, limits.dlqRedriveResults - stored.resultCount));
    const from = stored.resultCount;
    stored.resultCount += added.length;
    Object.assign(stored, { cursor: advance(stored.cursor, reported) });
    const snapshot = { id: stored.id, replayed: stored.replayed, skipped: stored.skipped, failed: stored.failed, cursor: stored.cursor, state: stored.state };
    pending = [];
    reported = [];
    kept = kept.then(() => recordRedriveProgress(db, snapshot, { from, added }));
  };
  const onRecord = (result: ReplayRecordResult): void => {
    if (result.outcome === 'replayed') stored.replayed++;
    else if (result.outcome === 'skipped') stored.skipped++;
    else stored.failed++;
    pending.push(result);
    reported.push(result);
  };
  const whilePaused = async (): Promise<void> => {
    while (run.resume && !run.stop.signal.aborted) await run.resume.promise;
  };
  void db
    .withLock(runLock(stored.id), async () => {
      let ended: { state: RedriveState; error: string | null };
      try {
        await replayDlq(work.reader, { ...work.replay, rate, runId: stored.id, onRecord, onProgress: keep, whilePaused, signal: run.stop.signal });
        ended = { state: run.stop.signal.aborted ? 'cancelled' : 'done', error: null };
      } catch (error) {
        ended = { state: 'failed', error: error instanceof Error ? error.message : String(error) };
      }
      keep();
      await kept;
      Object.assign(stored, ended, { finishedAt: Date.now() });
      run.resume = undefined;
      stored.auditId = await work.audit(stored).catch(() => null);
      await finishRedriveRun(db, stored);
    }, { waitMs: 10_000 })
    .catch(() => undefined)
    .finally(() => live.delete(stored.id));
  return run;
}

/**
 * Pauses, resumes or cancels a live run: a pause holds it before its next page; a cancel stops it once
 * the page being sent is written (a paused run is cancelled at once). `false` when it has ended.
 */
export function steerRedrive(run: LiveRedrive, action: 'pause' | 'resume' | 'cancel'): boolean {
  if (!going(run.stored.state)) return false;
  if (action === 'pause' && !run.resume) {
    let release = (): void => undefined;
    const promise = new Promise<void>((resolve) => (release = resolve));
    run.resume = { promise, release };
    run.stored.state = 'paused';
  } else if (action === 'resume' || action === 'cancel') {
    if (action === 'cancel') run.stop.abort();
    const resume = run.resume;
    run.resume = undefined;
    resume?.release();
    run.stored.state = 'running';
  }
  return true;
}

/** Per partition, the offsets a resumed run of `stored` still reads: from its cursor on, up to where the DLQ ended when it started. */
export function rangesLeft(stored: Pick<StoredRedriveRun, 'ranges' | 'cursor'>): Map<number, PartitionRange> {
  const left = new Map<number, PartitionRange>();
  for (const [partition, range] of Object.entries(stored.ranges)) {
    const cursor = stored.cursor[partition];
    const from = cursor !== undefined && BigInt(cursor) > BigInt(range.from) ? BigInt(cursor) : BigInt(range.from);
    left.set(Number(partition), { from, to: BigInt(range.to) });
  }
  return left;
}

/**
 * Marks interrupted the runs kept as running or paused that no process runs any more (their lock is had
 * within `waitMs`); a run another replica runs holds its lock and is left alone. Run at start-up.
 */
export async function interruptStoppedRedrives(db: Db, options: { waitMs: number }): Promise<{ interrupted: number }> {
  let interrupted = 0;
  for (const run of await listUnfinishedRedriveRuns(db)) {
    if (live.has(run.id)) continue;
    try {
      await db.withLock(runLock(run.id), async () => {
        if (await moveRedriveRun(db, run.id, ['running', 'paused'], 'interrupted')) interrupted++;
      }, { waitMs: options.waitMs });
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
    }
  }
  return { interrupted };
}
