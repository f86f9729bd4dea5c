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

/** Records an action, answering the entry's id. `detail` must hold no secret. */
export async function audit(
  q: Queryable,
  entry: { actor: string; action: string; target: string; result: AuditEntry['result']; detail?: Record<string, unknown> },
): Promise<number> {
  const [row] = await q.query<{ id: string | number }>('insert into audit_log (actor, action, target, result, detail) values ($1, $2, $3, $4, $5) returning id', [
    entry.actor,
    entry.action,
    entry.target,
    entry.result,
    JSON.stringify(entry.detail ?? {}),
  ]);
  return Number(row?.id);
}

/** Which recorded actions to list: each given field narrows the list. */
export interface AuditFilter {
  limit?: number | undefined;
  /** Only entries with a smaller id (the next page). */
  before?: number | undefined;
  actor?: string | undefined;
  /** An action, or an action's prefix ending in "." ("flow."). */
  action?: string | undefined;
  /** The target, e.g. a flow id. */
  target?: string | undefined;
  /** ISO times: from (inclusive) and to (exclusive). */
  from?: string | undefined;
  to?: string | undefined;
}

/** Recorded actions matching the filter, newest first, at most `limit`. */
export async function listAudit(q: Queryable, filter: AuditFilter = {}): Promise<AuditEntry[]> {
  const action = filter.action ?? null;
  const rows = await q.query<{ id: string; at: Date | string; actor: string; action: string; target: string; result: AuditEntry['result']; detail: Record<string, unknown> }>(
    `select * from audit_log
      where ($1::bigint is null or id < $1)
        and ($3::text is null or actor = $3)
        and ($4::text is null or action = $4 or (right($4, 1) = '.' and left(action, length($4)) = $4))
        and ($5::text is null or target = $5)
        and ($6::timestamptz is null or at >= $6)
        and ($7::timestamptz is null or at < $7)
      order by id desc limit $2`,
    [filter.before ?? null, filter.limit ?? 100, filter.actor ?? null, action, filter.target ?? null, filter.from ?? null, filter.to ?? null],
  );
  return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), actor: r.actor, action: r.action, target: r.target, result: r.result, detail: r.detail }));
}
