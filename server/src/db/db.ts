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
   * Runs `work` while holding an exclusive lock named `key` that every server process sharing this
   * database respects (a PostgreSQL advisory lock on the server; on PGlite, which one process owns,
   * the same lock within that process).
   */
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Calls `onNotify` for each NOTIFY on `channel`; resolves to a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What a transaction can do. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}
