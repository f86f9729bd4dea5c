import type { MemberTopicLimits } from '@event-flows/model';
import { announceChange } from '../changes.ts';
import type { Queryable } from '../db/db.ts';
import type { ConnectionConfig, ConnectionInput, ConnectionView } from '../connections/connectionSchema.ts';
import type { SecretBox } from '../connections/secretBox.ts';

interface ConnectionRow {
  id: string;
  name: string;
  bootstrap: string[];
  auth: { mechanism: ConnectionView['auth']['mechanism']; username?: string };
  tls: { enabled: boolean; caCertificate?: string };
  secret: string | null;
  member_topic_limits: MemberTopicLimits | null;
  created_at: Date | string;
  updated_at: Date | string;
}

function toView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    bootstrap: row.bootstrap,
    auth: row.auth.mechanism === 'none' ? { mechanism: 'none' } : { mechanism: row.auth.mechanism, username: row.auth.username ?? '' },
    tls: { enabled: row.tls.enabled, hasCaCertificate: Boolean(row.tls.caCertificate) },
    hasPassword: row.secret !== null,
    ...(row.member_topic_limits ? { memberTopicLimits: row.member_topic_limits } : {}),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Every connection as the API shows it (no secrets). */
export async function listConnections(q: Queryable): Promise<ConnectionView[]> {
  return (await q.query<ConnectionRow>('select * from connections order by id')).map(toView);
}

/** One connection as the API shows it, or `undefined`. */
export async function getConnectionView(q: Queryable, id: string): Promise<ConnectionView | undefined> {
  const [row] = await q.query<ConnectionRow>('select * from connections where id = $1', [id]);
  return row ? toView(row) : undefined;
}

/** One connection with its decrypted password, for the server's Kafka clients. */
export async function getConnectionConfig(q: Queryable, box: SecretBox, id: string): Promise<ConnectionConfig | undefined> {
  const [row] = await q.query<ConnectionRow>('select * from connections where id = $1', [id]);
  if (!row) return undefined;
  const tls = { enabled: row.tls.enabled, ...(row.tls.caCertificate ? { caCertificate: row.tls.caCertificate } : {}) };
  if (row.auth.mechanism === 'none') return { id: row.id, name: row.name, bootstrap: row.bootstrap, auth: { mechanism: 'none' }, tls };
  return {
    id: row.id,
    name: row.name,
    bootstrap: row.bootstrap,
    auth: { mechanism: row.auth.mechanism, username: row.auth.username ?? '', password: row.secret ? box.open(row.secret) : '' },
    tls,
  };
}

/**
 * Creates or updates a connection. The password is sealed before it reaches the database; an update
 * without a password keeps the stored one. Member topic limits are replaced as given (left out: the
 * model's default). Returns `undefined` for an update of a missing connection.
 */
export async function upsertConnection(
  q: Queryable,
  box: SecretBox,
  input: ConnectionInput,
  mode: 'create' | 'update',
): Promise<ConnectionView | undefined> {
  const auth = input.auth.mechanism === 'none' ? { mechanism: 'none' } : { mechanism: input.auth.mechanism, username: input.auth.username };
  const password = input.auth.mechanism === 'none' ? null : input.auth.password;
  const sealed = password ? box.seal(password) : null;
  const tls = { enabled: input.tls.enabled, ...(input.tls.caCertificate ? { caCertificate: input.tls.caCertificate } : {}) };
  const limits = input.memberTopicLimits ? JSON.stringify(input.memberTopicLimits) : null;
  const params = [input.id, input.name, JSON.stringify(input.bootstrap), JSON.stringify(auth), JSON.stringify(tls), sealed, limits];
  const [row] =
    mode === 'create'
      ? await q.query<ConnectionRow>(
          `insert into connections (id, name, bootstrap, auth, tls, secret, member_topic_limits) values ($1, $2, $3, $4, $5, $6, $7) returning *`,
          params,
        )
      : await q.query<ConnectionRow>(
          `update connections set name = $2, bootstrap = $3, auth = $4, tls = $5,
                  secret = case when $4::jsonb->>'mechanism' = 'none' then null else coalesce($6, secret) end,
                  member_topic_limits = $7, updated_at = now()
            where id = $1 returning *`,
          params,
        );
  if (row) await announceChange(q, null, { kind: 'catalog-changed', what: 'connections' });
  return row ? toView(row) : undefined;
}

/** Deletes a connection (its grants go with it); `false` when there was none. */
export async function deleteConnection(q: Queryable, id: string): Promise<boolean> {
  const deleted = (await q.query('delete from connections where id = $1 returning id', [id])).length > 0;
  if (deleted) await announceChange(q, null, { kind: 'catalog-changed', what: 'connections' });
  return deleted;
}
