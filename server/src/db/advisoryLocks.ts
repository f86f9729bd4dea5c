import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { LockTimeoutError } from './db.ts';
import { KeyedMutex } from './keyedMutex.ts';

/** The PostgreSQL advisory locks of one server process; see {@link advisoryLocks}. */
export interface AdvisoryLocks {
  /**
   * Runs `work` holding the lock `key` against every process on the database. Rejects with a
   * {@link LockTimeoutError}, without running `work`, when the lock is not had within `waitMs`.
   */
  run<T>(key: string, work: () => Promise<T>, waitMs: number): Promise<T>;
  /** Ends the lock connection, which releases every lock it holds. */
  close(): Promise<void>;
}

/** The connection locks are taken on, and whether it is still up (its locks end with it). */
interface LockSession {
  client: pg.Client;
  open: boolean;
}

/** The longest pause between two attempts at a lock another process holds. */
const maxPauseMs = 250;

/**
 * Session advisory locks on one connection of their own, outside the query pool, so holding or
 * awaiting a lock never takes a pool client that queries (the holder's own included) need. Callers in
 * this process queue per key before they reach PostgreSQL, because a session may take a lock it
 * already holds; the caller at the head of a key's queue polls `pg_try_advisory_lock`, so a wait never
 * blocks the connection for other keys and always ends by `waitMs`.
 */
export function advisoryLocks(url: string): AdvisoryLocks {
  const queue = new KeyedMutex();
  let session: Promise<LockSession> | undefined;
  let closed = false;

  const currentSession = (): Promise<LockSession> => {
    if (closed) return Promise.reject(new Error('The database is closed.'));
    if (!session) {
      const forget = () => {
        if (session === pending) session = undefined;
      };
      const pending = connect(url, forget);
      pending.catch(forget);
      session = pending;
    }
    return session;
  };

  return {
    run(key, work, waitMs) {
      const deadline = Date.now() + waitMs;
      return queue.run(
        key,
        async () => {
          const locks = await currentSession();
          await acquire(locks, key, deadline, waitMs);
          try {
            return await work();
          } finally {
            await release(locks, key);
          }
        },
        waitMs,
      );
    },
    async close() {
      closed = true;
      const locks = await session?.catch(() => undefined);
      session = undefined;
      if (locks?.open) await locks.client.end();
    },
  };
}

async function connect(url: string, onLost: () => void): Promise<LockSession> {
  const client = new pg.Client({ connectionString: url });
  const locks: LockSession = { client, open: true };
  const lost = () => {
    locks.open = false;
    onLost();
  };
  // A lost connection is not fatal: the next lock opens a new one.
  client.on('error', lost);
  client.on('end', lost);
  await client.connect();
  return locks;
}

async function acquire(locks: LockSession, key: string, deadline: number, waitMs: number): Promise<void> {
  for (let pause = 5; ; pause = Math.min(pause * 2, maxPauseMs)) {
    const { rows } = await locks.client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as locked', [key]);
    if (rows[0]?.locked) return;
    const left = deadline - Date.now();
    if (left <= 0) throw new LockTimeoutError(key, waitMs);
    await sleep(Math.min(pause, left));
  }
}

async function release(locks: LockSession, key: string): Promise<void> {
  // A session that ended took its locks with it: there is nothing left to release.
  if (!locks.open) return;
  try {
    await locks.client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  } catch (error) {
    if (locks.open) throw error;
  }
}
