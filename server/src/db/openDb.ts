import path from 'node:path';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

/** Where the database lives: a PostgreSQL server URL, or PGlite in a directory (or memory). */
export type DbTarget = { url: string; schema?: string } | { dataDir?: string };

/** Opens the database and migrates it to the current schema. */
export async function openDb(target: DbTarget): Promise<Db> {
  const db =
    'url' in target
      ? await openPostgres({ url: target.url, ...(target.schema ? { schema: target.schema } : {}) })
      : await openPglite(target.dataDir ? path.join(target.dataDir, 'pglite') : undefined);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
