import type { ListenerOrigin } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';

/** The subscriptions of a flow (or of every flow) that were adopted from listeners of the platform. */
export async function listListenerOrigins(q: Queryable, filter: { flowId?: string } = {}): Promise<ListenerOrigin[]> {
  const rows = await q.query<{ flow_id: string; algorithm: string; connection_id: string; topic: string; listener_user_id: string; listener_id: string }>(
    `select flow_id, algorithm, connection_id, topic, listener_user_id, listener_id from listener_origins
      where ($1::text is null or flow_id = $1) order by flow_id, algorithm, connection_id, topic`,
    [filter.flowId ?? null],
  );
  return rows.map((r) => ({ flowId: r.flow_id, algorithm: r.algorithm, connection: r.connection_id, topic: r.topic, listener: { userId: r.listener_user_id, id: r.listener_id } }));
}

/** Records which listener each of a flow's subscriptions came from (adopting it again names the listener anew). */
export async function addListenerOrigins(q: Queryable, origins: readonly ListenerOrigin[]): Promise<void> {
  for (const o of origins) {
    await q.query(
      `insert into listener_origins (flow_id, algorithm, connection_id, topic, listener_user_id, listener_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (flow_id, algorithm, connection_id, topic) do update set listener_user_id = excluded.listener_user_id, listener_id = excluded.listener_id, adopted_at = now()`,
      [o.flowId, o.algorithm, o.connection, o.topic, o.listener.userId, o.listener.id],
    );
  }
}

/** Forgets where a subscription came from (its listener was removed on the platform). */
export async function removeListenerOrigin(q: Queryable, o: ListenerOrigin): Promise<void> {
  await q.query('delete from listener_origins where flow_id = $1 and algorithm = $2 and connection_id = $3 and topic = $4', [o.flowId, o.algorithm, o.connection, o.topic]);
}
