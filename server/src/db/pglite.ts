import { PGlite } from '@electric-sql/pglite';
import { defaultLockWaitMs, type Db, type Queryable } from './db.ts';
import { KeyedMutex } from './keyedMutex.ts';

/**
 * Opens an embedded PGlite database in `dataDir` (in memory when undefined). PGlite is owned by one
 * process, so the lock of {@link Db.withLock} is a mutex within it.
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
    withLock: (key, work, options) => locks.run(key, work, options?.waitMs ?? defaultLockWaitMs),
    async listen(channel, onNotify) {
      const stop = await pg.listen(channel, onNotify);
      return async () => stop();
    },
    close: () => pg.close(),
  };
}
