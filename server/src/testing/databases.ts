import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db.ts';
import { openDb } from '../db/openDb.ts';

/** A database a test can open: PGlite always; the PostgreSQL server too when `DATABASE_URL` is set. */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated, empty database (on the server: a schema of its own, dropped by `close`). */
  open(): Promise<Db>;
}

/** The databases repository tests run on (DESIGN §6: PGlite always, the server when CI provides one). */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'pglite', open: () => openDb({}) }];
  const url = process.env.DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `efs_test_${randomBytes(6).toString('hex')}`;
        const db = await openDb({ url, schema });
        return {
          ...db,
          async close() {
            await db.close();
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            await client.query(`drop schema if exists "${schema}" cascade`);
            await client.end();
          },
        };
      },
    });
  }
  return list;
}
