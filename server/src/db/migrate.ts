import type { Db } from './db.ts';
import { migrations } from './migrations.ts';

/**
 * Brings the schema up to date: applies, in order and each in its own transaction, the migrations
 * not yet recorded in `schema_migrations`. Several servers starting at once take turns (a lock).
 * Returns the versions it applied.
 */
export async function migrate(db: Db): Promise<number[]> {
  return db.withLock('event-flows:migrate', async () => {
    await db.query(
      'create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())',
    );
    const done = new Set((await db.query<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await db.transaction(async (tx) => {
        for (const statement of splitStatements(migration.sql)) await tx.query(statement);
        await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      });
      applied.push(migration.version);
    }
    return applied;
  });
}

/** Splits a migration into statements (ours contain no semicolons inside strings or bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
