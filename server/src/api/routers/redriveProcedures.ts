import { limits, TopicName, type SubscribeBinding } from '@event-flows/model';
import { replayFromHeader, replayRunHeader, type DlqFilter, type DlqReader, type PartitionRange } from '@event-flows/runtime';
import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { User } from '../../identity/identity.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../store/audit.ts';
import {
  getRedriveRun,
  insertRedriveRun,
  listRedriveRuns,
  moveRedriveRun,
  positionsWithResults,
  recordRedriveProgress,
  redriveResults,
  type StoredRedriveRun,
} from '../../store/redriveRuns.ts';
import { assertCanRedrive, connectionConfig, Filter, filterOf, Position, redriveTarget, Subscription, subscriptionWithDlq } from '../dlqAccess.ts';
import { liveRedrive, rangesLeft, reserveRedrive, runRedrive, steerRedrive } from '../redriveRuns.ts';
import { authedProcedure, expensive, memberProcedure } from '../trpc.ts';

/** A redrive run as its caller sees it, with its kept results from `from` on (at most a page). */
async function runView(services: Services, run: StoredRedriveRun, from = 0) {
  const elapsed = ((run.finishedAt ?? Date.now()) - run.startedAt) / 1000;
  return {
    id: run.id,
    by: run.by,
    subscription: `${run.algorithm} ${run.connection}/${run.topic}`,
    dlqTopic: run.dlqTopic,
    to: run.to,
    rate: run.rate,
    total: run.total,
    state: run.state,
    replayed: run.replayed,
    skipped: run.skipped,
    failed: run.failed,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    error: run.error,
    auditId: run.auditId,
    resultCount: run.resultCount,
    results: await redriveResults(services.db, run.id, from, limits.dlqRedriveResultsPage),
    /** Records written per second since the start (pauses included). */
    measuredRate: elapsed > 0 ? Math.round(run.replayed / elapsed) : 0,
  };
}

/** The run `id` as `user` may see it, live or kept: their own, or any for a cluster admin; undefined otherwise. */
async function visibleRun(services: Services, user: User, id: string): Promise<StoredRedriveRun | undefined> {
  const run = liveRedrive(id)?.stored ?? (await getRedriveRun(services.db, id));
  return run && (run.by === user.id || user.role === 'admin') ? run : undefined;
}

/** Whether a run that ended so may be resumed: stopped by a restart, or by an error (e.g. Kafka was unreachable). */
const resumable = (state: StoredRedriveRun['state']) => state === 'interrupted' || state === 'failed';

/** Per partition, the string form a run keeps of offsets. */
const storedOffsets = (marks: ReadonlyArray<{ partition: number; high: bigint }>) => Object.fromEntries(marks.map((m) => [String(m.partition), String(m.high)]));

/** The audit entry of a run's end, answering its id. */
function auditEnd(services: Services, stored: StoredRedriveRun, resumed: boolean): Promise<number> {
  const view = { measuredRate: Math.round(stored.replayed / Math.max(0.001, ((stored.finishedAt ?? Date.now()) - stored.startedAt) / 1000)) };
  const detail = {
    run: stored.id,
    dlq: stored.dlqTopic,
    to: stored.to,
    rate: stored.rate,
    select: stored.selection === 'all' ? 'all' : stored.selection.length,
    filter: stored.filter,
    state: stored.state,
    replayed: stored.replayed,
    skipped: stored.skipped,
    failed: stored.failed,
    measuredRate: view.measuredRate,
    ...(resumed ? { resumed: true } : {}),
    ...(stored.error ? { error: stored.error } : {}),
  };
  const target = `${stored.algorithm} ${stored.connection}/${stored.topic}`;
  return audit(services.db, { actor: stored.by, action: 'dlq.redrive', target, result: stored.state === 'failed' ? 'failed' : 'ok', detail });
}

/**
 * The DLQ positions (`partition:offset`) a run wrote to its target topic since it started, found by the
 * run header on the target's records: what it sent after its last kept result, before it stopped.
 */
async function sentByRun(reader: DlqReader, run: StoredRedriveRun): Promise<Set<string>> {
  const ranges = new Map<number, PartitionRange>();
  for (const mark of await reader.watermarks(run.to)) {
    const from = run.targetMarks[mark.partition];
    ranges.set(mark.partition, { from: from === undefined ? mark.low : BigInt(from), to: mark.high });
  }
  const sent = new Set<string>();
  const prefix = `${run.dlqTopic}/`;
  await reader.read(run.to, ranges, (record) => {
    const from = record.headers[replayFromHeader];
    if (record.headers[replayRunHeader] === run.id && from?.startsWith(prefix)) {
      const [partition, offset] = from.slice(prefix.length).split('/');
      sent.add(`${partition}:${offset}`);
    }
    return true;
  });
  return sent;
}

/** The redrive procedures of `runtime.dlq`: start, follow, steer, list and resume runs. */
export const redriveProcedures = {
  /**
   * Starts a redrive of a subscription's dead letters on the server and answers at once with the run:
   * picked records, or all (narrowed by `filter`, e.g. one group), to the subscription's topic or
   * another its algorithm may read, at most `rate` records a second. Follow it with `redriveRun`, pause
   * or cancel it with `steerRedrive`; when it ends, it is written to the audit log with its counts. The
   * run and each record's result are kept, so a restart does not lose them. Takes the redrive permission,
   * and room: one person's runs at once, and the server's total rate, are bounded.
   */
  redrive: memberProcedure.use(expensive)
    .input(
      Subscription.extend({
        select: z.union([z.literal('all'), z.array(Position).min(1).max(limits.dlqRedrivePicked)]),
        filter: Filter.optional(),
        to: TopicName.optional(),
        rate: z.int().min(1).max(limits.dlqRedriveRate, { error: `A redrive may send at most ${limits.dlqRedriveRate.toLocaleString('en')} records a second` }).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { services, user } = ctx;
      const { binding, dlq, reader, org } = await subscriptionWithDlq(services, user, input);
      await assertCanRedrive(services, user, org, `${input.algorithm} ${input.connection}/${input.topic}`);
      const to = await redriveTarget(services, binding, input.to);
      const reservation = reserveRedrive(user.id, input.rate ?? limits.dlqRedriveRate);
      try {
        const config = await connectionConfig(services, binding.connection);
        const producer = await services.kafka.producer(config);
        const targetMarks = storedOffsets(await (await services.kafka.dlqReader(config)).watermarks(to));
        const filter = filterOf(input.filter);
        // 'all' reads the DLQ as it ends now: a resume reads on to there, not to what came since.
        const marks = input.select === 'all' ? await reader.watermarks(dlq.topic) : [];
        const ranges = Object.fromEntries(marks.map((m) => [String(m.partition), { from: String(m.low), to: String(m.high) }]));
        const whole = marks.reduce((n, m) => n + Number(m.high - m.low), 0);
        const stored: StoredRedriveRun = {
          id: randomUUID(), by: user.id, orgId: org, algorithm: binding.algorithm, connection: binding.connection, topic: binding.topic,
          dlqConnection: dlq.connection, dlqTopic: dlq.topic, to, rate: input.rate ?? null,
          total: input.select === 'all' ? (filter ? null : whole) : input.select.length,
          selection: input.select, filter: filter ? { ...filter } : null, ranges, targetMarks, cursor: {},
          state: 'running', replayed: 0, skipped: 0, failed: 0, resultCount: 0, error: null, auditId: null, startedAt: Date.now(), finishedAt: null,
        };
        await insertRedriveRun(services.db, stored);
        const replay = { ...replayOf(binding, stored, filter, input.select), producer, ...(marks.length > 0 ? { ranges: rangesLeft(stored) } : {}) };
        const run = runRedrive(services.db, stored, reservation, { reader, replay, audit: (ended) => auditEnd(services, ended, false) });
        return runView(services, run.stored, run.stored.resultCount);
      } catch (error) {
        reservation.release();
        throw error;
      }
    }),

  /** A redrive run of the caller's (any, for a cluster admin) with its results from `from` on; `null` when there is none. */
  redriveRun: authedProcedure.input(z.strictObject({ id: z.uuid(), from: z.int().min(0).default(0) })).query(async ({ ctx, input }) => {
    const run = await visibleRun(ctx.services, ctx.user, input.id);
    return run ? runView(ctx.services, run, input.from) : null;
  }),

  /** Pauses, resumes or cancels a redrive run of the caller's; `false` when it has ended, is not theirs, or runs on another replica. */
  steerRedrive: authedProcedure.input(z.strictObject({ id: z.uuid(), action: z.enum(['pause', 'resume', 'cancel']) })).mutation(({ ctx, input }) => {
    const run = liveRedrive(input.id);
    return run && (run.stored.by === ctx.user.id || ctx.user.role === 'admin') ? steerRedrive(run, input.action) : false;
  }),

  /**
   * The subscription's redrive runs, newest first (at most `dlqRedrivePastRuns`), with their first page
   * of results: a member sees their own, a cluster admin everyone's. An interrupted run says how far it got.
   */
  redriveRuns: authedProcedure.input(Subscription).query(async ({ ctx, input }) => {
    const { binding } = await subscriptionWithDlq(ctx.services, ctx.user, input);
    const by = ctx.user.role === 'admin' ? {} : { by: ctx.user.id };
    const kept = await listRedriveRuns(ctx.services.db, { algorithm: binding.algorithm, connection: binding.connection, topic: binding.topic, ...by }, limits.dlqRedrivePastRuns);
    return Promise.all(kept.map((run) => runView(ctx.services, liveRedrive(run.id)?.stored ?? run)));
  }),

  /**
   * Resumes an interrupted or failed redrive run of the caller's where it stopped: records it had sent (those with
   * a kept result, and those its run header marks on the target topic since it started) are not sent
   * again. Takes the redrive permission and room, as a start does.
   */
  resumeRedrive: memberProcedure.use(expensive).input(z.strictObject({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const { services, user } = ctx;
    const found = await visibleRun(services, user, input.id);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such redrive run of yours.' });
    if (!resumable(found.state)) throw new TRPCError({ code: 'CONFLICT', message: `This redrive is ${found.state}: only an interrupted or failed run resumes.` });
    const { binding, reader, org } = await subscriptionWithDlq(services, user, { algorithm: found.algorithm, connection: found.connection, topic: found.topic });
    await assertCanRedrive(services, user, org, `${found.algorithm} ${found.connection}/${found.topic}`);
    await redriveTarget(services, binding, found.to);
    const reservation = reserveRedrive(user.id, found.rate ?? limits.dlqRedriveRate);
    try {
      if (!(await moveRedriveRun(services.db, found.id, ['interrupted', 'failed'], 'running'))) throw new TRPCError({ code: 'CONFLICT', message: 'This redrive was resumed already.' });
      const stored: StoredRedriveRun = { ...found, state: 'running', finishedAt: null, error: null, auditId: null };
      const config = await connectionConfig(services, binding.connection);
      const producer = await services.kafka.producer(config);
      const kept = await positionsWithResults(services.db, stored.id);
      const sentUnkept = [...(await sentByRun(await services.kafka.dlqReader(config), stored))].filter((p) => !kept.has(p));
      // Sent before the stop but not kept: they count as redriven now, and are passed over.
      const results = sentUnkept.map((p) => ({ partition: Number(p.split(':')[0]), offset: p.split(':')[1] ?? '0', outcome: 'replayed' as const }));
      stored.replayed += results.length;
      await recordRedriveProgress(services.db, stored, { from: stored.resultCount, added: results.slice(0, Math.max(0, limits.dlqRedriveResults - stored.resultCount)) });
      stored.resultCount = Math.min(limits.dlqRedriveResults, stored.resultCount + results.length);
      const done = new Set([...kept, ...sentUnkept]);
      const select = stored.selection === 'all' ? 'all' : stored.selection.filter((p) => !done.has(`${p.partition}:${p.offset}`));
      const filter = (stored.filter ?? undefined) as DlqFilter | undefined;
      const replay = { ...replayOf(binding, stored, filter, select), producer, ...(select === 'all' ? { ranges: rangesLeft(stored), passOver: done } : {}) };
      const run = runRedrive(services.db, stored, reservation, { reader, replay, audit: (ended) => auditEnd(services, ended, true) });
      return runView(services, run.stored, run.stored.resultCount);
    } catch (error) {
      reservation.release();
      throw error;
    }
  }),
};

/** The replay a run of `stored` sends, but for its producer (the server's, of the subscription's connection). */
function replayOf(binding: SubscribeBinding, stored: StoredRedriveRun, filter: DlqFilter | undefined, select: 'all' | StoredRedriveRun['selection']) {
  return { dlqTopic: stored.dlqTopic, owner: binding, select, to: stored.to, replayedBy: stored.by, ...(filter ? { filter } : {}) } as const;
}
