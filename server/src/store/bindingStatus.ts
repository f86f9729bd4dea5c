/**
 * The status of the bindings worker processes (`pnpm worker`) run, kept in table `binding_status` so
 * that every server replica can show it: each worker replaces its rows when its statuses change and
 * every few seconds, then NOTIFYs the status channel; a server merges the rows of live workers with
 * its own runtime's (see `runtime/statusFeed.ts`).
 */
import type { BindingStatus } from '@event-flows/runtime';
import type { Queryable } from '../db/db.ts';

/**
 * The PostgreSQL channel on which workers say their statuses changed: one per schema, as NOTIFY
 * channels are shared by the whole database (see `changes.ts`).
 */
export const statusChannel = (schema: string) => `eventflows_status_${schema}`;

/** Replaces the statuses a worker reported with `statuses` (the subscribe bindings it runs now) and tells the servers. */
export async function publishWorkerStatus(q: Queryable, workerId: string, statuses: readonly BindingStatus[]): Promise<void> {
  const running = new Set(statuses.map((s) => JSON.stringify([s.algorithm, s.connection, s.topic])));
  const reported = await q.query<{ algorithm: string; connection_id: string; topic: string }>(
    'select algorithm, connection_id, topic from binding_status where worker_id = $1',
    [workerId],
  );
  for (const row of reported) {
    if (running.has(JSON.stringify([row.algorithm, row.connection_id, row.topic]))) continue;
    await q.query('delete from binding_status where worker_id = $1 and algorithm = $2 and connection_id = $3 and topic = $4', [workerId, row.algorithm, row.connection_id, row.topic]);
  }
  for (const status of statuses) {
    await q.query(
      `insert into binding_status (worker_id, algorithm, connection_id, topic, status) values ($1, $2, $3, $4, $5)
       on conflict (worker_id, algorithm, connection_id, topic) do update set status = excluded.status, updated_at = now()`,
      [workerId, status.algorithm, status.connection, status.topic, JSON.stringify(status)],
    );
  }
  await q.query(`select pg_notify('eventflows_status_' || current_schema(), $1)`, [workerId]);
}

/** Forgets the statuses of a worker that stopped, and tells the servers. */
export async function removeWorkerStatus(q: Queryable, workerId: string): Promise<void> {
  await q.query('delete from binding_status where worker_id = $1', [workerId]);
  await q.query(`select pg_notify('eventflows_status_' || current_schema(), $1)`, [workerId]);
}

/** The statuses reported by the workers seen within the last `liveMs` (one per worker and binding, unmerged). */
export async function liveWorkerStatuses(q: Queryable, liveMs: number): Promise<BindingStatus[]> {
  const rows = await q.query<{ status: string }>(
    `select s.status from binding_status s join runtime_workers w on w.id = s.worker_id
      where w.seen_at > now() - make_interval(secs => $1::double precision / 1000)
      order by s.algorithm, s.connection_id, s.topic, s.worker_id`,
    [liveMs],
  );
  return rows.map((r) => JSON.parse(r.status) as BindingStatus);
}
