/**
 * The database boundary: one small interface over PostgreSQL, implemented by an embedded PGlite
 * (default, in the data directory) and by a PostgreSQL server (`DATABASE_URL`). Both run the same
 * SQL and the same migrations.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `work` while holding the exclusive locks named `keys` (one name or several) that every server
   * process sharing this database respects (PostgreSQL advisory locks on the server; on PGlite, which
   * one process owns, the same locks within that process). They are taken in {@link lockOrder}, so
   * callers whose sets overlap never wait on each other in a cycle. Waiting for a lock never holds a
   * connection that queries need. Rejects with a {@link LockTimeoutError}, without running `work`, when
   * the locks are not all had within `waitMs` (default {@link defaultLockWaitMs}).
   */
  withLock<T>(keys: string | readonly string[], work: () => Promise<T>, options?: LockOptions): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What a transaction can do. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

/** How {@link Db.withLock} waits. */
export interface LockOptions {
  /** How long to wait for the lock before giving up with a {@link LockTimeoutError}. */
  waitMs?: number;
}

/**
 * How long {@link Db.withLock} waits by default: long enough for a queue of deploys on one connection
 * to drain, short enough that a lock held by a stuck process comes back as an error instead of a hang.
 */
export const defaultLockWaitMs = 120_000;

/** The lock of {@link Db.withLock} was not had in time: its holder, here or in another process, kept it. */
export class LockTimeoutError extends Error {
  /**
   * `guards`: what the lock protects, in words a person knows (e.g. `deploys on Kafka connection "x"`),
   * for the message; without it the message names only the lock.
   */
  constructor(
    readonly key: string,
    readonly waitedMs: number,
    readonly guards?: string,
  ) {
    super(
      guards
        ? `Waited ${Math.round(waitedMs / 1000)} s for the lock "${key}" of ${guards} without getting it: another process (this or another server) has held it longer than that. Try again once it has finished.`
        : `Waited ${waitedMs} ms for the lock "${key}" without getting it: its holder (this or another server process) has kept it longer than that.`,
    );
    this.name = 'LockTimeoutError';
  }
}

/** The order in which {@link Db.withLock} takes a set of locks: each name once, sorted. */
export function lockOrder(keys: string | readonly string[]): string[] {
  return [...new Set(typeof keys === 'string' ? [keys] : keys)].sort();
}

/**
 * Runs `work` holding each of `keys` in {@link lockOrder}, one inside the other, taking each with
 * `lockOne` in the time left of one `waitMs` for them all.
 */
export function inLockOrder<T>(
  keys: string | readonly string[],
  work: () => Promise<T>,
  waitMs: number,
  lockOne: (key: string, work: () => Promise<T>, waitMs: number) => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  const take = ([first, ...rest]: readonly string[]): Promise<T> =>
    first === undefined ? work() : lockOne(first, () => take(rest), Math.max(0, deadline - Date.now()));
  return take(lockOrder(keys));
}
