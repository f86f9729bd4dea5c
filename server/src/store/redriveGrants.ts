import type { Queryable } from '../db/db.ts';

/** A person's permission to redrive an org's dead letters, given by a cluster admin. */
export interface RedriveGrant {
  orgId: string;
  userId: string;
  grantedBy: string;
  grantedAt: string;
}

/** The redrive grants, optionally of one org, by org then person. */
export async function listRedriveGrants(q: Queryable, filter: { orgId?: string } = {}): Promise<RedriveGrant[]> {
  const rows = await q.query<{ org_id: string; user_id: string; granted_by: string; granted_at: Date | string }>(
    'select * from redrive_grants where ($1::text is null or org_id = $1) order by org_id, user_id',
    [filter.orgId ?? null],
  );
  return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id, grantedBy: r.granted_by, grantedAt: new Date(r.granted_at).toISOString() }));
}

/** Whether `userId` holds a redrive grant for `orgId`. */
export async function hasRedriveGrant(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  return (await q.query('select 1 from redrive_grants where org_id = $1 and user_id = $2', [orgId, userId])).length > 0;
}

/** Gives `userId` the redrive permission for `orgId` (idempotent); `true` when it is new. */
export async function addRedriveGrant(q: Queryable, grant: { orgId: string; userId: string }, grantedBy: string): Promise<boolean> {
  const rows = await q.query('insert into redrive_grants (org_id, user_id, granted_by) values ($1, $2, $3) on conflict do nothing returning 1', [grant.orgId, grant.userId, grantedBy]);
  return rows.length > 0;
}

/** Takes the redrive permission for `orgId` from `userId`; `true` when there was one. */
export async function removeRedriveGrant(q: Queryable, grant: { orgId: string; userId: string }): Promise<boolean> {
  return (await q.query('delete from redrive_grants where org_id = $1 and user_id = $2 returning 1', [grant.orgId, grant.userId])).length > 0;
}
