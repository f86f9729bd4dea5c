import { canonicalJson, type Acl, type Binding, type TopicRef } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';

/** The channel on which the server announces binding changes to runtime workers. */
export const bindingsChannel = 'eventflows_bindings';

/** Every enabled binding (all flows), or those of one flow. Ordered by identity. */
export async function listBindings(q: Queryable, filter: { flowId?: string; algorithm?: string } = {}): Promise<Binding[]> {
  const rows = await q.query<{ binding: Binding }>(
    `select binding from bindings where ($1::text is null or flow_id = $1) and ($2::text is null or algorithm = $2)
      order by algorithm, connection_id, topic, direction`,
    [filter.flowId ?? null, filter.algorithm ?? null],
  );
  return rows.map((r) => r.binding);
}

/** Enables or updates a binding (its identity is algorithm, connection, topic, direction). */
export async function upsertBinding(q: Queryable, b: Binding): Promise<void> {
  await q.query(
    `insert into bindings (algorithm, connection_id, topic, direction, flow_id, binding) values ($1, $2, $3, $4, $5, $6)
     on conflict (algorithm, connection_id, topic, direction) do update set flow_id = excluded.flow_id, binding = excluded.binding, updated_at = now()`,
    [b.algorithm, b.connection, b.topic, b.direction, b.flowId, JSON.stringify(b)],
  );
}

/** Disables a binding. */
export async function deleteBinding(q: Queryable, b: Binding): Promise<void> {
  await q.query('delete from bindings where algorithm = $1 and connection_id = $2 and topic = $3 and direction = $4', [
    b.algorithm,
    b.connection,
    b.topic,
    b.direction,
  ]);
}

/**
 * Tells runtime workers that the enabled bindings changed (they reload within seconds either way), and
 * counts the change: workers acknowledge the version they applied (see `runtimeWorkers.ts`).
 */
export async function announceBindings(q: Queryable): Promise<void> {
  await q.query('update binding_changes set version = version + 1 where id = 1');
  await q.query(`select pg_notify('${bindingsChannel}', 'changed')`);
}

/** How many times the enabled bindings have changed: the version a worker acknowledges once it applied them. */
export async function bindingsVersion(q: Queryable): Promise<number> {
  const [row] = await q.query<{ version: string | number }>('select version from binding_changes where id = 1');
  return Number(row?.version ?? 0);
}

/**
 * The ACLs Event Flows Studio created and has not deleted (the only ones it may delete), or of them
 * those on one connection, or those recorded as one flow's.
 */
export async function listManagedAcls(q: Queryable, filter: { connection?: string; flowId?: string } = {}): Promise<Acl[]> {
  const rows = await q.query<{ acl: Acl }>(
    `select acl from managed_acls where ($1::text is null or connection_id = $1) and ($2::text is null or flow_id = $2)
      order by connection_id, acl_key`,
    [filter.connection ?? null, filter.flowId ?? null],
  );
  return rows.map((r) => r.acl);
}

/**
 * The managed ACLs no existing flow owns: recorded with no flow (before ACLs named their flow, when no
 * deploy record named them) or with a flow deleted since.
 */
export async function listUnownedAcls(q: Queryable): Promise<Acl[]> {
  const rows = await q.query<{ acl: Acl }>(
    `select acl from managed_acls m where m.flow_id is null or not exists (select 1 from flows f where f.id = m.flow_id)
      order by connection_id, acl_key`,
  );
  return rows.map((r) => r.acl);
}

/** Records ACLs as created by Event Flows Studio for a flow's plan (idempotent; the flow is recorded as theirs). */
export async function addManagedAcls(q: Queryable, acls: readonly Acl[], flowId: string): Promise<void> {
  for (const acl of acls) {
    await q.query(
      `insert into managed_acls (connection_id, acl_key, acl, flow_id) values ($1, $2, $3, $4)
       on conflict (connection_id, acl_key) do update set flow_id = excluded.flow_id`,
      [acl.connection, storedAclKey(acl), JSON.stringify(acl), flowId],
    );
  }
}

/**
 * Records managed ACLs as the flow's whose plan is removing them, so that if the removal never
 * happens (a crash, a failed DeleteAcls) that flow's next plan removes them, and no other flow's.
 */
export async function claimManagedAcls(q: Queryable, acls: readonly Acl[], flowId: string): Promise<void> {
  for (const acl of acls) await q.query('update managed_acls set flow_id = $3 where connection_id = $1 and acl_key = $2', [acl.connection, storedAclKey(acl), flowId]);
}

/** Forgets ACLs that were deleted from Kafka. */
export async function removeManagedAcls(q: Queryable, acls: readonly Acl[]): Promise<void> {
  for (const acl of acls) await q.query('delete from managed_acls where connection_id = $1 and acl_key = $2', [acl.connection, storedAclKey(acl)]);
}

/** An ACL's identity as stored: its canonical JSON (the model's key uses NUL separators PostgreSQL text refuses). */
function storedAclKey(acl: Acl): string {
  return canonicalJson(acl);
}

/** The topics deployed flows took over from the cluster. */
export async function listAdoptedTopics(q: Queryable): Promise<TopicRef[]> {
  const rows = await q.query<{ connection_id: string; topic: string }>('select connection_id, topic from adopted_topics order by connection_id, topic');
  return rows.map((r) => ({ connection: r.connection_id, topic: r.topic }));
}

/** Records topics as taken over from the cluster by the flow (an adopt-topic action). */
export async function addAdoptedTopics(q: Queryable, topics: readonly TopicRef[], flowId: string): Promise<void> {
  for (const t of topics) {
    await q.query(
      `insert into adopted_topics (connection_id, topic, flow_id) values ($1, $2, $3)
       on conflict (connection_id, topic) do update set flow_id = excluded.flow_id`,
      [t.connection, t.topic, flowId],
    );
  }
}
