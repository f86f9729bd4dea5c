import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../db/db.ts';
import { openDb } from '../db/openDb.ts';
import { openTestPglite } from './pgliteSnapshot.ts';

/** A database a test can open: PGlite always; the PostgreSQL server too when `DATABASE_URL` is set. */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated, empty database (on the server: a schema of its own, dropped by `close`). */
  open(): Promise<TestDb>;
}

/** A test database, and a second handle on the same data as another server replica would have. */
export interface TestDb extends Db {
  /** On PostgreSQL a separate connection pool (another process, as far as locks go); PGlite has one owner. */
  replica(): Promise<Db>;
  /**
   * The address another process (a worker, a second server) opens this database by: DATABASE_URL with
   * this test's schema as its search path. PGlite has one owner, so it has none.
   */
  processUrl(): string;
}

/** The databases repository tests run on (DESIGN §6: PGlite always, the server when CI provides one). */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      async open() {
        const db = await openTestPglite();
        return {
          ...db,
          replica: async () => db,
          processUrl() {
            throw new Error('PGlite is opened by one process only: run this test on PostgreSQL (DATABASE_URL)');
          },
        };
      },
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      async open() {
        const schema = `efs_test_${randomBytes(6).toString('hex')}`;
        const db = await openDb({ url, schema });
        const replicas: Db[] = [];
        return {
          ...db,
          processUrl() {
            const address = new URL(url);
            address.searchParams.set('options', `-c search_path=${schema}`);
            return address.toString();
          },
          async replica() {
            const another = await openDb({ url, schema });
            replicas.push(another);
            return another;
          },
          async close() {
            for (const r of replicas) await r.close();
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
