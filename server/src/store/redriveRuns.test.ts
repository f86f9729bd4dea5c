/**
 * Redrive runs as the database keeps them, on PGlite and (with DATABASE_URL) on PostgreSQL: pages of
 * results numbered on, counts and cursor with them; a subscription's runs newest first; a state moved
 * by one caller only; and at start-up, a run no process holds is interrupted while one whose lock is
 * held (a replica running it) is left alone.
 */
import { describe, expect, it } from 'vitest';
import { interruptStoppedRedrives } from '../api/redriveRuns.ts';
import { testDatabases } from '../testing/databases.ts';
import { getRedriveRun, insertRedriveRun, listRedriveRuns, moveRedriveRun, positionsWithResults, recordRedriveProgress, redriveResults, type StoredRedriveRun } from './redriveRuns.ts';

const run = (id: string, over: Partial<StoredRedriveRun> = {}): StoredRedriveRun => ({
  id, by: 'max', orgId: 'acme', algorithm: 'acme/classify', connection: 'local', topic: 'orders', dlqConnection: 'local', dlqTopic: 'orders.dlq', to: 'orders',
  rate: 100, total: 5, selection: 'all', filter: { errorClass: 'permanent' }, ranges: { '0': { from: '0', to: '5' } }, targetMarks: { '0': '12' }, cursor: {},
  state: 'running', replayed: 0, skipped: 0, failed: 0, resultCount: 0, error: null, auditId: null, startedAt: Date.UTC(2026, 11, 7, 9), finishedAt: null, ...over,
});

describe('redrive runs in the database', () => {
  for (const database of testDatabases()) {
    it(`keeps results, counts and cursor, lists and interrupts runs, on ${database.name}`, async () => {
      const db = await database.open();
      try {
        await insertRedriveRun(db, run('r1'));
        await insertRedriveRun(db, run('r2', { by: 'ada', startedAt: Date.UTC(2026, 11, 7, 10), selection: [{ partition: 0, offset: '3' }], filter: null }));
        await recordRedriveProgress(db, { id: 'r1', replayed: 2, skipped: 1, failed: 0, cursor: { '0': '3' }, state: 'running' }, {
          from: 0,
          added: [
            { partition: 0, offset: '0', outcome: 'replayed' },
            { partition: 0, offset: '1', outcome: 'skipped', reason: 'dead-lettered by another algorithm' },
            { partition: 0, offset: '2', outcome: 'replayed' },
          ],
        });
        await recordRedriveProgress(db, { id: 'r1', replayed: 3, skipped: 1, failed: 0, cursor: { '0': '4' }, state: 'paused' }, { from: 3, added: [{ partition: 0, offset: '3', outcome: 'replayed' }] });
        expect(await getRedriveRun(db, 'r1')).toMatchObject({ replayed: 3, skipped: 1, resultCount: 4, cursor: { '0': '4' }, state: 'paused', filter: { errorClass: 'permanent' }, targetMarks: { '0': '12' } });
        expect(await redriveResults(db, 'r1', 1, 2)).toEqual([
          { partition: 0, offset: '1', outcome: 'skipped', reason: 'dead-lettered by another algorithm' },
          { partition: 0, offset: '2', outcome: 'replayed' },
        ]);
        expect([...(await positionsWithResults(db, 'r1'))].sort()).toEqual(['0:0', '0:1', '0:2', '0:3']);
        const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
        expect((await listRedriveRuns(db, subscription, 10)).map((r) => r.id)).toEqual(['r2', 'r1']);
        expect((await listRedriveRuns(db, { ...subscription, by: 'max' }, 10)).map((r) => r.id)).toEqual(['r1']);
        expect((await getRedriveRun(db, 'r2'))?.selection).toEqual([{ partition: 0, offset: '3' }]);

        // r2 runs elsewhere: its lock is held, so start-up leaves it running; r1 (paused, no holder) is interrupted.
        let release = (): void => undefined;
        const held = new Promise<void>((resolve) => (release = resolve));
        const holding = (await db.replica()).withLock('redrive-run:r2', () => held);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await interruptStoppedRedrives(db, { waitMs: 300 })).toEqual({ interrupted: 1 });
        release();
        await holding;
        expect((await getRedriveRun(db, 'r1'))?.state).toBe('interrupted');
        expect((await getRedriveRun(db, 'r2'))?.state).toBe('running');
        // Of two resumes at once, one moves it.
        const moved = await Promise.all([moveRedriveRun(db, 'r1', ['interrupted'], 'running'), moveRedriveRun(db, 'r1', ['interrupted'], 'running')]);
        expect(moved.filter(Boolean)).toHaveLength(1);
        expect(await getRedriveRun(db, 'r1')).toMatchObject({ state: 'running', finishedAt: null });
      } finally {
        await db.close();
      }
    }, 60_000);
  }
});
