/**
 * The worker processes (`pnpm worker`) that share the database, and the bindings version each has
 * applied. A worker registers at start, says it is alive every few seconds, acknowledges each set of
 * bindings once its consumers match it, and leaves when it stops. A server in workers mode waits for
 * every live worker's acknowledgement before removing the ACLs of stopped bindings.
 */
import type { Queryable } from '../db/db.ts';
import { bindingsVersion } from './deployState.ts';

/** A worker process as the database knows it. */
export interface RuntimeWorker {
  id: string;
  host: string;
  pid: number;
  appliedVersion: number;
  seenAt: string;
}

/**
 * Records a worker process, or says it is alive again (a row removed meanwhile is made anew). Rows of
 * workers silent for a day (killed without stopping), and their binding statuses, are forgotten on the way.
 */
export async function registerWorker(q: Queryable, worker: { id: string; host: string; pid: number }): Promise<void> {
  await q.query(`delete from runtime_workers where seen_at < now() - interval '1 day'`);
  await q.query(`delete from binding_status where worker_id not in (select id from runtime_workers)`);
  await q.query(
    `insert into runtime_workers (id, host, pid) values ($1, $2, $3)
     on conflict (id) do update set seen_at = now()`,
    [worker.id, worker.host, worker.pid],
  );
}

/** Records that the worker's consumers match the bindings of `version` (or a later one). */
export async function acknowledgeBindings(q: Queryable, id: string, version: number): Promise<void> {
  await q.query('update runtime_workers set applied_version = greatest(applied_version, $2), seen_at = now() where id = $1', [id, version]);
}

/** Forgets a worker that stopped. */
export async function removeWorker(q: Queryable, id: string): Promise<void> {
  await q.query('delete from runtime_workers where id = $1', [id]);
}

/** The workers seen within the last `liveMs`. */
export async function liveWorkers(q: Queryable, liveMs: number): Promise<RuntimeWorker[]> {
  const rows = await q.query<{ id: string; host: string; pid: number; applied_version: string | number; seen_at: Date | string }>(
    `select id, host, pid, applied_version, seen_at from runtime_workers
      where seen_at > now() - make_interval(secs => $1::double precision / 1000) order by started_at, id`,
    [liveMs],
  );
  return rows.map((r) => ({ id: r.id, host: r.host, pid: r.pid, appliedVersion: Number(r.applied_version), seenAt: new Date(r.seen_at).toISOString() }));
}

/** How long a worker may be silent before it counts as gone (three of its heartbeats). */
export const workerLiveMs = 15_000;

/** How often a worker says it is alive. */
export const workerHeartbeatMs = 5_000;

/** Some workers did not acknowledge the bindings in time; the message names them. */
export class WorkersDidNotAnswer extends Error {
  constructor(
    readonly workers: readonly RuntimeWorker[],
    readonly waitedMs: number,
  ) {
    const names = workers.map((w) => `${w.host} pid ${w.pid} (worker ${w.id})`).join(', ');
    super(
      `${workers.length === 1 ? 'A worker' : `${workers.length} workers`} did not confirm within ${Math.round(waitedMs / 1000)} s that ${workers.length === 1 ? 'it runs' : 'they run'} the new bindings: ${names}. ` +
        'The ACLs of stopped bindings were left in place; deploy again once they answer, or stop them.',
    );
    this.name = 'WorkersDidNotAnswer';
  }
}

/**
 * Waits until every live worker has acknowledged the current bindings version (read now, after the
 * change committed), polling every 100 ms; rejects with {@link WorkersDidNotAnswer} after `timeoutMs`.
 * A worker that stops being seen (it died) is no longer waited for. Resolves to how many answered.
 */
export async function waitForWorkers(q: Queryable, options: { timeoutMs: number; liveMs?: number }): Promise<number> {
  const version = await bindingsVersion(q);
  const started = Date.now();
  for (;;) {
    const live = await liveWorkers(q, options.liveMs ?? workerLiveMs);
    const behind = live.filter((w) => w.appliedVersion < version);
    if (behind.length === 0) return live.length;
    if (Date.now() - started >= options.timeoutMs) throw new WorkersDidNotAnswer(behind, options.timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
