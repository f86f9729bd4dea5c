import { PGlite } from '@electric-sql/pglite';
import { defaultLockWaitMs, inLockOrder, type Db, type Queryable } from './db.ts';
import { KeyedMutex } from './keyedMutex.ts';

/** Opens an embedded PGlite database in `dataDir` (in memory when undefined). */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = new PGlite(dataDir);
  try {
    await pg.waitReady;
  } catch (error) {
    // PGlite's own message for a damaged directory is WebAssembly's "Aborted()", which says nothing.
    const reason = error instanceof Error ? error.message.split('.')[0] : String(error);
    throw new Error(
      `The embedded database in ${dataDir ?? 'memory'} could not be opened (${reason}); its files may be damaged. Restore it from a backup, or move it aside to start with an empty database.`,
      { cause: error },
    );
  }
  return pgliteDb(pg);
}

/**
 * Our database interface on an open PGlite. PGlite is owned by one process, so the locks of
 * {@link Db.withLock} are mutexes within it.
 */
export function pgliteDb(pg: PGlite): Db {
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
