import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { migrations } from '../db/migrations.ts';
import { pgliteDb } from '../db/pglite.ts';

/*
 * Fresh in-memory PGlite databases for tests, each restored from one snapshot of a migrated, empty
 * database. A new PGlite runs initdb and then our migrations: about 2 s on a quiet machine and 15–25 s
 * on a loaded one, for each of the hundreds of databases the tests open. Restoring the snapshot skips
 * both. The snapshot is kept in the system's temporary directory under a name that changes with the
 * migrations, so every test file of a run (each in its own process) restores the same one.
 */

/** The snapshot's file: a new name whenever a migration or PGlite (its path names its version) changes. */
const snapshotFile = path.join(
  tmpdir(),
  `efs-test-pglite-${createHash('sha256')
    .update(JSON.stringify(migrations))
    .update(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
    .digest('hex')
    .slice(0, 16)}.tar`,
);

let snapshot: Promise<Blob> | undefined;

/** Opens a fresh, migrated, empty in-memory PGlite database. */
export async function openTestPglite(): Promise<Db> {
  snapshot ??= loadOrMakeSnapshot();
  const db = pgliteDb(await PGlite.create({ loadDataDir: await snapshot }));
  await migrate(db); // nothing to do unless the snapshot is older than the code
  return db;
}

async function loadOrMakeSnapshot(): Promise<Blob> {
  try {
    return new Blob([await readFile(snapshotFile)]);
  } catch {
    const pg = await PGlite.create();
    await migrate(pgliteDb(pg));
    const made = await pg.dumpDataDir('none');
    await pg.close();
    // Written aside, then renamed: another test process never reads half a file.
    const aside = `${snapshotFile}.${process.pid}`;
    await writeFile(aside, Buffer.from(await made.arrayBuffer()));
    await rename(aside, snapshotFile);
    return made;
  }
}
