import type { LeftAlone, LeftAloneKind } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';

/** The "leave alone" marks on a connection, by kind and name. */
export async function listLeftAlone(q: Queryable, connection: string): Promise<LeftAlone[]> {
  const rows = await q.query<{ kind: LeftAloneKind; name: string; marked_by: string; marked_at: Date | string }>(
    'select kind, name, marked_by, marked_at from left_alone where connection_id = $1 order by kind, name',
    [connection],
  );
  return rows.map((r) => ({ kind: r.kind, name: r.name, by: r.marked_by, at: new Date(r.marked_at).toISOString() }));
}

/**
 * Marks `names` of `kind` on `connection` to be left alone by `by` (`leftAlone: false` takes the marks
 * back). Answers how many marks were added or taken back: marking twice changes nothing.
 */
export async function setLeftAlone(q: Queryable, change: { connection: string; kind: LeftAloneKind; names: readonly string[]; leftAlone: boolean; by: string }): Promise<number> {
  const rows = change.leftAlone
    ? await q.query<{ name: string }>(
        `insert into left_alone (connection_id, kind, name, marked_by)
         select $1, $2, name, $3 from unnest($4::text[]) as name
         on conflict (connection_id, kind, name) do nothing returning name`,
        [change.connection, change.kind, change.by, [...new Set(change.names)]],
      )
    : await q.query<{ name: string }>('delete from left_alone where connection_id = $1 and kind = $2 and name = any($3::text[]) returning name', [change.connection, change.kind, [...change.names]]);
  return rows.length;
}
