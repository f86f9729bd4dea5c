import pg from 'pg';
import { advisoryLocks } from './advisoryLocks.ts';
import { defaultLockWaitMs, inLockOrder, type Db, type Queryable } from './db.ts';

/** Options for a PostgreSQL server connection. */
export interface PostgresOptions {
  url: string;
  /** A schema to use instead of `public` (created when missing); tests use one per run. */
  schema?: string;
  /** The query pool's size (default {@link defaultMaxConnections}); locks use one more connection of their own. */
  maxConnections?: number;
}

/** How many clients the query pool opens by default. */
export const defaultMaxConnections = 10;

/**
 * Connects to a PostgreSQL server. {@link Db.withLock} takes a session advisory lock on a connection
 * of its own, outside the query pool, so it serialises work across every server process that shares
 * the database however many callers wait.
 */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const searchPath = options.schema ? `-c search_path=${options.schema}` : undefined;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? defaultMaxConnections,
    ...(searchPath ? { options: searchPath } : {}),
  });
  if (options.schema) await pool.query(`create schema if not exists "${options.schema.replaceAll('"', '')}"`);
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query(sql, params as unknown[]);
      return result.rows as Row[];
    },
  });
  const base = wrap(pool);
  const locks = advisoryLocks(options.url);
  return {
    kind: 'postgres',
    query: base.query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    withLock: (keys, work, lockOptions) => inLockOrder(keys, work, lockOptions?.waitMs ?? defaultLockWaitMs, (key, inner, waitMs) => locks.run(key, inner, waitMs)),
    async listen(channel, onNotify) {
      const client = await pool.connect();
      const handler = (message: pg.Notification) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      };
      client.on('notification', handler);
      await client.query(`listen "${channel.replaceAll('"', '')}"`);
      return async () => {
        client.off('notification', handler);
        await client.query(`unlisten "${channel.replaceAll('"', '')}"`).catch(() => undefined);
        client.release();
      };
    },
    async close() {
      await locks.close();
      await pool.end();
    },
  };
}
