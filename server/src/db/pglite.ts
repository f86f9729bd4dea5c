import { PGlite } from '@electric-sql/pglite';
import { defaultLockWaitMs, inLockOrder, type Db, type Queryable } from './db.ts';
import { KeyedMutex } from './keyedMutex.ts';

/**
 * Opens an embedded PGlite database in `dataDir` (in memory when undefined). PGlite is owned by one
 * process, so the locks of {@link Db.withLock} are mutexes within it.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = new PGlite(dataDir);
  await pg.waitReady;
  const locks = new KeyedMutex();
  const wrap = (q: Pick<PGlite, 'query'>): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    withLock: (keys, work, options) => inLockOrder(keys, work, options?.waitMs ?? defaultLockWaitMs, (key, inner, waitMs) => locks.run(key, inner, waitMs)),
    async listen(channel, onNotify) {
      const stop = await pg.listen(channel, onNotify);
      return async () => stop();
    },
    close: () => pg.close(),
  };
}
