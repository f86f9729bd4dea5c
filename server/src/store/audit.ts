import type { Queryable } from '../db/db.ts';

/** One recorded action: who did what to what, when, and how it ended. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  result: 'ok' | 'refused' | 'failed';
  detail: Record<string, unknown>;
}

/** Records an action. `detail` must hold no secret. */
export async function audit(
  q: Queryable,
  entry: { actor: string; action: string; target: string; result: AuditEntry['result']; detail?: Record<string, unknown> },
): Promise<void> {
  await q.query('insert into audit_log (actor, action, target, result, detail) values ($1, $2, $3, $4, $5)', [
    entry.actor,
    entry.action,
    entry.target,
    entry.result,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

/** Recorded actions, newest first, at most `limit`, before id `before` when given. */
export async function listAudit(q: Queryable, options: { limit?: number; before?: number } = {}): Promise<AuditEntry[]> {
  const rows = await q.query<{ id: string; at: Date | string; actor: string; action: string; target: string; result: AuditEntry['result']; detail: Record<string, unknown> }>(
    'select * from audit_log where ($1::bigint is null or id < $1) order by id desc limit $2',
    [options.before ?? null, options.limit ?? 100],
  );
  return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, target: r.target, result: r.result, detail: r.detail }));
}
