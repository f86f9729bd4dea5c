/** A damaged PGlite data directory stops the server with a sentence naming it and the next step, not "Aborted()". */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'efs-pglite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a damaged embedded database', () => {
  it('is refused with the directory named and what to do', async () => {
    const db = await openPglite(dir);
    await db.query('create table kept (id int)');
    await db.close();
    writeFileSync(path.join(dir, 'global', 'pg_control'), Buffer.alloc(100));
    await expect(openPglite(dir)).rejects.toThrow(new RegExp(`The embedded database in ${dir} could not be opened .*Restore it from a backup, or move it aside`));
  }, 60_000);
});
