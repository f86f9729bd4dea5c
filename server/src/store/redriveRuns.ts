import type { Queryable } from '../db/db.ts';

/** What a redrive run does now, or how it ended; `interrupted`: the server stopped while it ran. */
export type RedriveState = 'running' | 'paused' | 'done' | 'cancelled' | 'failed' | 'interrupted';

/** A position in a DLQ topic. */
export interface RunPosition {
  readonly partition: number;
  readonly offset: string;
}

/** What became of one record a run looked at. */
export interface RunResult extends RunPosition {
  readonly outcome: 'replayed' | 'skipped' | 'failed';
  readonly reason?: string;
}

/** Per partition, offsets `[from, to)` as decimal strings (JSON has no bigint). */
export type StoredRanges = Record<string, { from: string; to: string }>;

/** A redrive run as it is kept: what it was asked, where it got, and how it ended. */
export interface StoredRedriveRun {
  readonly id: string;
  /** Who started it. */
  readonly by: string;
  readonly orgId: string;
  /** The subscription whose dead letters it sends. */
  readonly algorithm: string;
  readonly connection: string;
  readonly topic: string;
  readonly dlqConnection: string;
  readonly dlqTopic: string;
  /** Where it sends them, on the subscription's connection. */
  readonly to: string;
  /** Records per second, or null for the fastest a run may go. */
  readonly rate: number | null;
  /** How many records it looks at, when known. */
  readonly total: number | null;
  /** `'all'`, or the picked positions. */
  readonly selection: 'all' | RunPosition[];
  /** For `'all'`: one group, or a search. */
  readonly filter: Record<string, unknown> | null;
  /** For `'all'`: the DLQ's offsets it reads, fixed when it started. */
  readonly ranges: StoredRanges;
  /** Per partition of the target topic, its end offset when the run started. */
  readonly targetMarks: Record<string, string>;
  /** Per DLQ partition, the offset before which every record it looked at has its result kept. */
  readonly cursor: Record<string, string>;
  state: RedriveState;
  replayed: number;
  skipped: number;
  failed: number;
  resultCount: number;
  error: string | null;
  auditId: number | null;
  readonly startedAt: number;
  finishedAt: number | null;
}

interface RunRow {
  id: string;
  by_user: string;
  org_id: string;
  algorithm: string;
  connection_id: string;
  topic: string;
  dlq_connection_id: string;
  dlq_topic: string;
  to_topic: string;
  rate: number | null;
  total: number | null;
  selection: StoredRedriveRun['selection'];
  filter: Record<string, unknown> | null;
  ranges: StoredRanges;
  target_marks: Record<string, string>;
  cursor: Record<string, string>;
  state: RedriveState;
  replayed: number;
  skipped: number;
  failed: number;
  result_count: number;
  error: string | null;
  audit_id: string | number | null;
  started_at: Date | string;
  finished_at: Date | string | null;
}

function runOf(r: RunRow): StoredRedriveRun {
  return {
    id: r.id,
    by: r.by_user,
    orgId: r.org_id,
    algorithm: r.algorithm,
    connection: r.connection_id,
    topic: r.topic,
    dlqConnection: r.dlq_connection_id,
    dlqTopic: r.dlq_topic,
    to: r.to_topic,
    rate: r.rate,
    total: r.total,
    selection: r.selection,
    filter: r.filter,
    ranges: r.ranges,
    targetMarks: r.target_marks,
    cursor: r.cursor,
    state: r.state,
    replayed: r.replayed,
    skipped: r.skipped,
    failed: r.failed,
    resultCount: r.result_count,
    error: r.error,
    auditId: r.audit_id === null ? null : Number(r.audit_id),
    startedAt: new Date(r.started_at).getTime(),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at).getTime(),
  };
}

/** Keeps a run that starts now. */
export async function insertRedriveRun(q: Queryable, run: StoredRedriveRun): Promise<void> {
  await q.query(
    `insert into redrive_runs (id, by_user, org_id, algorithm, connection_id, topic, dlq_connection_id, dlq_topic, to_topic, rate, total, selection, filter, ranges, target_marks, state, started_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      run.id, run.by, run.orgId, run.algorithm, run.connection, run.topic, run.dlqConnection, run.dlqTopic, run.to, run.rate, run.total,
      JSON.stringify(run.selection), run.filter === null ? null : JSON.stringify(run.filter), JSON.stringify(run.ranges), JSON.stringify(run.targetMarks), run.state, new Date(run.startedAt).toISOString(),
    ],
  );
}

/**
 * Keeps where a run got: its new results (numbered on from the run's `resultCount` before them, at most
 * up to `maxResults` kept), its counts, cursor and state, in one transaction.
 */
export async function recordRedriveProgress(
  db: { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> },
  run: Pick<StoredRedriveRun, 'id' | 'replayed' | 'skipped' | 'failed' | 'cursor' | 'state'>,
  results: { from: number; added: readonly RunResult[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (results.added.length > 0) {
      // One statement per page, whatever its size: the rows go as arrays.
      await tx.query(
        `insert into redrive_results (run_id, seq, dlq_partition, dlq_offset, outcome, reason)
         select $1, t.seq, t.p, t.o::bigint, t.outcome, t.reason from unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[]) as t(seq, p, o, outcome, reason)`,
        [
          run.id,
          results.added.map((_, i) => results.from + i),
          results.added.map((r) => r.partition),
          results.added.map((r) => r.offset),
          results.added.map((r) => r.outcome),
          results.added.map((r) => r.reason ?? null),
        ],
      );
    }
    await tx.query('update redrive_runs set replayed = $2, skipped = $3, failed = $4, cursor = $5, state = $6, result_count = $7 where id = $1', [
      run.id, run.replayed, run.skipped, run.failed, JSON.stringify(run.cursor), run.state, results.from + results.added.length,
    ]);
  });
}

/** Keeps how a run ended, and the audit entry that says so. */
export async function finishRedriveRun(q: Queryable, run: Pick<StoredRedriveRun, 'id' | 'state' | 'error' | 'finishedAt' | 'auditId'>): Promise<void> {
  await q.query('update redrive_runs set state = $2, error = $3, finished_at = $4, audit_id = $5 where id = $1', [
    run.id, run.state, run.error, run.finishedAt === null ? null : new Date(run.finishedAt).toISOString(), run.auditId,
  ]);
}

/** The run `id`, or undefined. */
export async function getRedriveRun(q: Queryable, id: string): Promise<StoredRedriveRun | undefined> {
  const [row] = await q.query<RunRow>('select * from redrive_runs where id = $1', [id]);
  return row ? runOf(row) : undefined;
}

/** A subscription's runs, newest first, at most `limit`; only `by`'s when given. */
export async function listRedriveRuns(q: Queryable, of: { algorithm: string; connection: string; topic: string; by?: string }, limit: number): Promise<StoredRedriveRun[]> {
  const rows = await q.query<RunRow>(
    `select * from redrive_runs where algorithm = $1 and connection_id = $2 and topic = $3 and ($4::text is null or by_user = $4)
      order by started_at desc, id limit $5`,
    [of.algorithm, of.connection, of.topic, of.by ?? null, limit],
  );
  return rows.map(runOf);
}

/** A run's kept results from `from` on, at most `limit`, in the order they came. */
export async function redriveResults(q: Queryable, id: string, from: number, limit: number): Promise<RunResult[]> {
  const rows = await q.query<{ dlq_partition: number; dlq_offset: string | number; outcome: RunResult['outcome']; reason: string | null }>(
    'select dlq_partition, dlq_offset, outcome, reason from redrive_results where run_id = $1 and seq >= $2 order by seq limit $3',
    [id, from, limit],
  );
  return rows.map((r) => ({ partition: r.dlq_partition, offset: String(r.dlq_offset), outcome: r.outcome, ...(r.reason === null ? {} : { reason: r.reason }) }));
}

/** The positions (`partition:offset`) a run has a kept result for. */
export async function positionsWithResults(q: Queryable, id: string): Promise<Set<string>> {
  const rows = await q.query<{ dlq_partition: number; dlq_offset: string | number }>('select dlq_partition, dlq_offset from redrive_results where run_id = $1', [id]);
  return new Set(rows.map((r) => `${r.dlq_partition}:${String(r.dlq_offset)}`));
}

/** The runs kept as running or paused: at start-up, those no process runs any more are interrupted. */
export async function listUnfinishedRedriveRuns(q: Queryable): Promise<StoredRedriveRun[]> {
  return (await q.query<RunRow>("select * from redrive_runs where state in ('running', 'paused') order by started_at")).map(runOf);
}

/** Marks run `id` as `to` if it is in one of the states `from`; `true` when it was (so two callers cannot both). */
export async function moveRedriveRun(q: Queryable, id: string, from: readonly RedriveState[], to: RedriveState): Promise<boolean> {
  const rows = await q.query("update redrive_runs set state = $3::text, finished_at = case when $3::text in ('running', 'paused') then null else now() end where id = $1 and state = any($2::text[]) returning 1", [id, [...from], to]);
  return rows.length > 0;
}
