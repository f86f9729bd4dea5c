import { grantKey, parseAlgorithmRef, type Access, type Grant } from '@event-flows/model';
import { announceChange } from '../changes.ts';
import type { Queryable } from '../db/db.ts';

interface GrantRow {
  connection_id: string;
  topic: string;
  algorithm: string;
  access: Access;
  granted_by: string;
  granted_at: Date | string;
}

/** A grant with who gave it and when. */
export type GrantRecord = Grant & { grantedBy: string; grantedAt: string };

const toGrant = (r: GrantRow): GrantRecord => ({
  connection: r.connection_id,
  topic: r.topic,
  algorithm: r.algorithm,
  access: r.access,
  grantedBy: r.granted_by,
  grantedAt: new Date(r.granted_at).toISOString(),
});

/** Tells the open studios of each org whose algorithms `grants` name that its catalog changed. */
async function announceCatalog(q: Queryable, grants: readonly Pick<Grant, 'algorithm'>[], what: 'grants' | 'grant-requests'): Promise<void> {
  const orgs = new Set(grants.map((g) => parseAlgorithmRef(g.algorithm)?.org ?? null));
  for (const orgId of orgs) await announceChange(q, orgId, { kind: 'catalog-changed', what });
}

/** Grants, optionally only those of one algorithm or on one connection. Ordered by identity. */
export async function listGrants(q: Queryable, filter: { algorithm?: string; connection?: string } = {}): Promise<GrantRecord[]> {
  const rows = await q.query<GrantRow>(
    `select * from grants where ($1::text is null or algorithm = $1) and ($2::text is null or connection_id = $2)
      order by connection_id, topic, algorithm, access`,
    [filter.algorithm ?? null, filter.connection ?? null],
  );
  return rows.map(toGrant);
}

/** Adds grants that are not there yet (idempotent); returns how many were new. */
export async function addGrants(q: Queryable, grants: readonly Grant[], grantedBy: string): Promise<number> {
  const added: Grant[] = [];
  for (const g of grants) {
    const rows = await q.query(
      `insert into grants (connection_id, topic, algorithm, access, granted_by) values ($1, $2, $3, $4, $5)
       on conflict do nothing returning topic`,
      [g.connection, g.topic, g.algorithm, g.access, grantedBy],
    );
    if (rows.length > 0) added.push(g);
  }
  await announceCatalog(q, added, 'grants');
  return added.length;
}

/** Removes a grant; `false` when there was none. */
export async function removeGrant(q: Queryable, g: Grant): Promise<boolean> {
  const rows = await q.query(
    'delete from grants where connection_id = $1 and topic = $2 and algorithm = $3 and access = $4 returning topic',
    [g.connection, g.topic, g.algorithm, g.access],
  );
  if (rows.length > 0) await announceCatalog(q, [g], 'grants');
  return rows.length > 0;
}

/** A member's request for access a cluster admin must grant. */
export interface GrantRequest extends Grant {
  id: number;
  orgId: string;
  flowId: string | null;
  requestedBy: string;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

interface RequestRow {
  id: string | number;
  org_id: string;
  connection_id: string;
  topic: string;
  algorithm: string;
  access: Access;
  flow_id: string | null;
  requested_by: string;
  requested_at: Date | string;
  status: GrantRequest['status'];
  decided_by: string | null;
  decided_at: Date | string | null;
  reason: string | null;
}

const toRequest = (r: RequestRow): GrantRequest => ({
  id: Number(r.id),
  orgId: r.org_id,
  connection: r.connection_id,
  topic: r.topic,
  algorithm: r.algorithm,
  access: r.access,
  flowId: r.flow_id,
  requestedBy: r.requested_by,
  requestedAt: new Date(r.requested_at).toISOString(),
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
  reason: r.reason,
});

/** Files a pending request per grant, unless one is already pending; returns the pending requests. */
export async function requestGrants(
  q: Queryable,
  input: { grants: readonly Grant[]; orgId: string; flowId: string | null; requestedBy: string },
): Promise<GrantRequest[]> {
  const out: GrantRequest[] = [];
  let filed = 0;
  for (const g of input.grants) {
    const inserted = await q.query(
      `insert into grant_requests (org_id, connection_id, topic, algorithm, access, flow_id, requested_by)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning id`,
      [input.orgId, g.connection, g.topic, g.algorithm, g.access, input.flowId, input.requestedBy],
    );
    filed += inserted.length;
    const [row] = await q.query<RequestRow>(
      `select * from grant_requests where connection_id = $1 and topic = $2 and algorithm = $3 and access = $4 and status = 'pending'`,
      [g.connection, g.topic, g.algorithm, g.access],
    );
    if (row) out.push(toRequest(row));
  }
  if (filed > 0) await announceChange(q, input.orgId, { kind: 'catalog-changed', what: 'grant-requests' });
  return out;
}

/**
 * The newest request an org filed for each of `grants` that it ever asked for (pending, approved or
 * rejected); grants never asked for have none.
 */
export async function latestRequests(q: Queryable, orgId: string, grants: readonly Grant[]): Promise<GrantRequest[]> {
  if (grants.length === 0) return [];
  const algorithms = [...new Set(grants.map((g) => g.algorithm))];
  const rows = await q.query<RequestRow>(
    `select distinct on (connection_id, topic, algorithm, access) * from grant_requests
      where org_id = $1 and algorithm = any($2::text[])
      order by connection_id, topic, algorithm, access, id desc`,
    [orgId, algorithms],
  );
  const wanted = new Set(grants.map(grantKey));
  return rows.map(toRequest).filter((r) => wanted.has(grantKey(r)));
}

/** A grant request as a list shows it: with the name of the flow that asked, while that flow exists. */
export interface ListedGrantRequest extends GrantRequest {
  flowName: string | null;
}

/** Grant requests, newest first; optionally only one status or one org. */
export async function listGrantRequests(
  q: Queryable,
  filter: { status?: GrantRequest['status']; orgId?: string } = {},
): Promise<ListedGrantRequest[]> {
  const rows = await q.query<RequestRow & { flow_name: string | null }>(
    `select r.*, f.name as flow_name from grant_requests r left join flows f on f.id = r.flow_id
      where ($1::text is null or r.status = $1) and ($2::text is null or r.org_id = $2)
      order by r.id desc limit 500`,
    [filter.status ?? null, filter.orgId ?? null],
  );
  return rows.map((r) => ({ ...toRequest(r), flowName: r.flow_name }));
}

/**
 * Decides a pending request. Approving adds the grant in the same transaction. Returns the decided
 * request, or `undefined` when there is no pending request with that id.
 */
export async function decideGrantRequest(
  q: Queryable,
  input: { id: number; approve: boolean; decidedBy: string; reason?: string },
): Promise<GrantRequest | undefined> {
  const [row] = await q.query<RequestRow>(
    `update grant_requests set status = $2, decided_by = $3, decided_at = now(), reason = $4
      where id = $1 and status = 'pending' returning *`,
    [input.id, input.approve ? 'approved' : 'rejected', input.decidedBy, input.reason ?? null],
  );
  if (!row) return undefined;
  const request = toRequest(row);
  await announceChange(q, request.orgId, { kind: 'catalog-changed', what: 'grant-requests' });
  if (input.approve) await addGrants(q, [request], input.decidedBy);
  return request;
}

/** One grant request, or `undefined`. */
export async function getGrantRequest(q: Queryable, id: number): Promise<GrantRequest | undefined> {
  const [row] = await q.query<RequestRow>('select * from grant_requests where id = $1', [id]);
  return row ? toRequest(row) : undefined;
}

/** Rejects every pending request on a connection, with the reason; returns how many there were. */
export async function rejectPendingRequests(q: Queryable, input: { connection: string; decidedBy: string; reason: string }): Promise<number> {
  const rows = await q.query(
    `update grant_requests set status = 'rejected', decided_by = $2, decided_at = now(), reason = $3
      where connection_id = $1 and status = 'pending' returning id`,
    [input.connection, input.decidedBy, input.reason],
  );
  if (rows.length > 0) await announceChange(q, null, { kind: 'catalog-changed', what: 'grant-requests' });
  return rows.length;
}
