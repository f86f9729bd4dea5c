import { AlgorithmRef, Id, limits, parseAlgorithmRef, TopicName, type DlqGroup, type SubscribeBinding } from '@event-flows/model';
import {
  attemptOf,
  groupDlq,
  originOf,
  peekDlq,
  replayDlq,
  replayedFrom,
  type DlqFilter,
  type DlqRecord,
  type ReplayChoice,
  type ReplayResult,
} from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { User } from '../../identity/identity.ts';
import type { Services } from '../../services.ts';
import { listGrants } from '../../store/access.ts';
import { audit } from '../../store/audit.ts';
import { getConnectionConfig } from '../../store/connections.ts';
import { listBindings } from '../../store/deployState.ts';
import { getFlow } from '../../store/flows.ts';
import { hasRedriveGrant } from '../../store/redriveGrants.ts';
import { redriveRun, replayProgress, startRedrive, steerRedrive, stopReplay, trackReplay, type RedriveRun } from '../replayRuns.ts';
import { assertCanRead, assertCanWrite, authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';

const Subscription = z.strictObject({ algorithm: AlgorithmRef, connection: Id, topic: TopicName });
/** A name the caller gives a replay, to follow its progress and stop it. */
const RunName = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { error: 'A replay run is named by 8 to 64 letters, digits or dashes' });
const Position = z.strictObject({ partition: z.int().min(0).max(1_000_000), offset: z.string().regex(/^\d{1,19}$/) });
/** A dead letter's value as a person edited it before its replay: text, or Base64 for bytes. */
const EditedValue = z.strictObject({
  text: z.string().max(limits.messageChars, { error: `An edited value may have at most ${limits.messageChars.toLocaleString('en')} characters` }),
  base64: z.boolean().default(false),
}).refine((value) => !value.base64 || /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value.text.replace(/\s+/g, '')), {
  error: 'The edited value is marked as Base64 but is not valid Base64',
});

const FilterText = z.string().min(1).max(limits.dlqFilterText, { error: `A filter text may have at most ${limits.dlqFilterText} characters` });
/** Which dead letters to look at (see the runtime's `DlqFilter`): times in ms since the epoch. */
const Filter = z.strictObject({
  from: z.number().optional(),
  until: z.number().optional(),
  errorClass: z.string().max(100).optional(),
  stage: z.string().max(100).optional(),
  key: FilterText.optional(),
  header: z.strictObject({ name: FilterText, value: z.string().max(limits.dlqFilterText).optional() }).optional(),
  text: FilterText.optional(),
});
/** Per partition, the offset a page of older records starts before (a peek's `next`). */
const Cursor = z.array(Position).max(10_000);
/** Header names of a dead letter to send with its replay. */
const KeepHeaders = z.array(z.string().min(1).max(limits.dlqFilterText)).max(1_000);

/** A zod-parsed filter as the runtime takes it (fields left out, not undefined). */
function filterOf(filter: z.infer<typeof Filter> | undefined): DlqFilter | undefined {
  return filter && (Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as DlqFilter);
}

/** A record's bytes as text when they are UTF-8, else Base64 (so any DLQ record can be shown and replayed). */
function text(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (bytes === null) return { text: null, base64: false };
  const decoded = bytes.toString('utf8');
  return Buffer.from(decoded, 'utf8').equals(bytes) ? { text: decoded, base64: false } : { text: bytes.toString('base64'), base64: true };
}

function viewOf(record: DlqRecord, dlqTopic: string) {
  const key = text(record.key);
  const value = text(record.value);
  return {
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: key.text,
    keyBase64: key.base64,
    value: value.text,
    valueBase64: value.base64,
    headers: record.headers,
    error: record.error,
    source: record.source,
    algorithm: record.algorithm ?? null,
    version: record.version ?? null,
    /** The DLQ record this one is a failed replay of, when it is one. */
    replayOf: replayedFrom(record, dlqTopic) ?? null,
    /** 1 for a record dead-lettered at first; n + 1 for a failed replay of attempt n. */
    attempt: attemptOf(record),
    /** The first dead letter of its chain, `topic/partition/offset` (itself at attempt 1). */
    origin: originOf(record, dlqTopic),
  };
}

/** The enabled subscription and its DLQ, with the shared reader of the DLQ's connection, or a clear refusal. */
async function subscriptionWithDlq(services: Services, user: User, input: z.infer<typeof Subscription>) {
  const org = parseAlgorithmRef(input.algorithm)?.org ?? '';
  assertCanRead(user, org);
  const binding = (await listBindings(services.db, { algorithm: input.algorithm })).find(
    (b): b is SubscribeBinding => b.direction === 'subscribe' && b.connection === input.connection && b.topic === input.topic,
  );
  if (!binding) throw new TRPCError({ code: 'NOT_FOUND', message: `${input.algorithm} does not subscribe to "${input.topic}".` });
  if (!binding.dlq) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This subscription has no dead-letter queue.' });
  return { binding, dlq: binding.dlq, reader: await services.kafka.dlqReader(await connectionConfig(services, binding.dlq.connection)), org };
}

/**
 * Refuses a user who may not redrive `org`'s dead letters: a redrive puts records back in front of an
 * algorithm, so it takes its own permission, a cluster admin's role or a redrive grant an admin gave.
 * A refusal of a member is written to the audit log.
 */
async function assertCanRedrive(services: Services, user: User, org: string, target: string): Promise<void> {
  assertCanWrite(user, org);
  if (user.role === 'admin' || (await hasRedriveGrant(services.db, org, user.id))) return;
  await audit(services.db, { actor: user.id, action: 'dlq.redrive', target, result: 'refused', detail: { reason: 'no redrive permission' } });
  throw new TRPCError({ code: 'FORBIDDEN', message: `Redriving dead letters of ${org} needs the redrive permission: ask a cluster admin to grant it to you.` });
}

/**
 * The topic a redrive writes to: the subscription's own, or another on its connection that its algorithm
 * has a subscribe grant for (it may read it); anything else is refused with a sentence.
 */
async function redriveTarget(services: Services, binding: SubscribeBinding, to: string | undefined): Promise<string> {
  if (to === undefined || to === binding.topic) return binding.topic;
  const grants = await listGrants(services.db, { algorithm: binding.algorithm, connection: binding.connection });
  if (grants.some((g) => g.topic === to && g.access === 'subscribe')) return to;
  throw new TRPCError({ code: 'FORBIDDEN', message: `${binding.algorithm} may not read "${to}": redrive to its own topic "${binding.topic}" or to a topic it has a subscribe grant for.` });
}

/** A redrive run as its caller sees it, with its results from `from` on (at most a page). */
function runView(run: RedriveRun, from = 0) {
  const elapsed = ((run.finishedAt ?? Date.now()) - run.startedAt) / 1000;
  return {
    id: run.id,
    subscription: run.subscription,
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
    resultCount: run.results.length,
    results: run.results.slice(from, from + limits.dlqRedriveResultsPage),
    /** Records written per second since the start (pauses included). */
    measuredRate: elapsed > 0 ? Math.round(run.replayed / elapsed) : 0,
  };
}

/** A DLQ topic and the subscriptions whose records in it are looked at. */
type DlqTarget = { dlq: NonNullable<SubscribeBinding['dlq']>; owners: SubscribeBinding[] };

/** The DLQ of one subscription, as a {@link DlqTarget}. */
async function subscriptionDlq(services: Services, user: User, input: z.infer<typeof Subscription>): Promise<DlqTarget[]> {
  const { binding, dlq } = await subscriptionWithDlq(services, user, input);
  return [{ dlq, owners: [binding] }];
}

/** The DLQs of a flow's deployed subscriptions, each with the subscriptions that write to it. */
async function flowDlqs(services: Services, user: User, flowId: string): Promise<DlqTarget[]> {
  const flow = await getFlow(services.db, flowId);
  if (flow) assertCanRead(user, flow.orgId);
  if (!flow) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such flow.' });
  const byDlq = new Map<string, DlqTarget>();
  for (const binding of await listBindings(services.db, { flowId })) {
    if (binding.direction !== 'subscribe' || !binding.dlq) continue;
    const key = `${binding.dlq.connection}\n${binding.dlq.topic}`;
    const target = byDlq.get(key) ?? { dlq: binding.dlq, owners: [] };
    target.owners.push(binding);
    byDlq.set(key, target);
  }
  return [...byDlq.values()];
}

/** A connection's settings, with its credentials, or a clear refusal. */
async function connectionConfig(services: Services, connection: string) {
  const config = await getConnectionConfig(services.db, services.secrets, connection);
  if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${connection}".` });
  return config;
}

/**
 * Replays records of a subscription's DLQ (see `dlq.replay`) as `user`, who must be able to change
 * the subscription's org, and records it in the audit log, whether or not it succeeds.
 */
async function replay(
  services: Services,
  user: User,
  input: z.infer<typeof Subscription>,
  select: 'all' | readonly ReplayChoice[],
  note: { edited?: boolean } = {},
  run?: string,
): Promise<ReplayResult> {
  const { binding, dlq, reader, org } = await subscriptionWithDlq(services, user, input);
  await assertCanRedrive(services, user, org, `${input.algorithm} ${input.connection}/${input.topic}`);
  // The records go to the subscription's own topic on its own connection, whatever their headers say,
  // through the producer the server keeps for that connection.
  const producer = await services.kafka.producer(await connectionConfig(services, binding.connection));
  const entry = { actor: user.id, action: 'dlq.replay', target: `${input.algorithm} ${input.connection}/${input.topic}` };
  let result: ReplayResult;
  try {
    result = await trackReplay(user.id, run, (track) => replayDlq(reader, { dlqTopic: dlq.topic, owner: binding, producer, select, replayedBy: user.id, ...track }));
  } catch (error) {
    // A replay sends as it reads: one that fails may have written some records, which the log must show.
    await audit(services.db, { ...entry, result: 'failed', detail: { dlq: dlq.topic, ...note, error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
  await audit(services.db, { ...entry, result: 'ok', detail: { dlq: dlq.topic, ...note, replayed: result.replayed, skipped: result.skipped, ...(result.stopped ? { stopped: true } : {}) } });
  return result;
}

/** Live status of the running bindings, and the DLQ tools. */
/** The dead letters of a subscription or a flow: peek, groups, replay and bulk redrive (`runtime.dlq.*`). */
export const dlqRouter = router({
    /**
     * Reads the newest `limit` records of a subscription's DLQ with their error and source, without
     * consuming them, reading from the end and at most `peekScanBytes` of the DLQ; `complete` is false
     * when older records of the subscription may remain unshown.
     */
    peek: authedProcedure.use(expensive)
      .input(Subscription.extend({ limit: z.int().min(1).max(limits.dlqPeekRecords).default(50), filter: Filter.optional(), before: Cursor.optional() }))
      .query(async ({ ctx, input }) => {
        const { binding, dlq, reader } = await subscriptionWithDlq(ctx.services, ctx.user, input);
        const before = input.before && new Map(input.before.map((p) => [p.partition, BigInt(p.offset)]));
        // Only the subscription's own records: the DLQ may be shared with other algorithms, of other orgs too.
        const found = await peekDlq(reader, { topic: dlq.topic, owner: binding, limit: input.limit, ...(input.filter ? { filter: filterOf(input.filter) } : {}), ...(before ? { before } : {}) });
        const next = found.next ? [...found.next].map(([partition, offset]) => ({ partition, offset: String(offset) })) : null;
        return { dlq, records: found.records.map((r) => viewOf(r, dlq.topic)), scanned: found.scanned, complete: found.complete, next };
      }),

    /**
     * The dead letters of a subscription, or of every subscription of a flow, grouped by error class and
     * stage with counts and first and last time; reads each DLQ from the newest back, at most
     * `groupScanBytes` of it (`complete` is false when older records were not read).
     */
    groups: authedProcedure.use(expensive)
      .input(z.strictObject({ of: z.union([Subscription, z.strictObject({ flowId: Id })]), filter: Filter.optional() }))
      .query(async ({ ctx, input }) => {
        const filter = filterOf(input.filter);
        const targets = 'flowId' in input.of ? await flowDlqs(ctx.services, ctx.user, input.of.flowId) : await subscriptionDlq(ctx.services, ctx.user, input.of);
        const groups: DlqGroup[] = [];
        let complete = true;
        const scanned = { records: 0, bytes: 0 };
        for (const target of targets) {
          const reader = await ctx.services.kafka.dlqReader(await connectionConfig(ctx.services, target.dlq.connection));
          const found = await groupDlq(reader, { topic: target.dlq.topic, owners: target.owners, ...(filter ? { filter } : {}) });
          groups.push(...found.groups.map((g) => ({ ...g, dlqTopic: target.dlq.topic })));
          complete &&= found.complete;
          scanned.records += found.scanned.records;
          scanned.bytes += found.scanned.bytes;
        }
        groups.sort((a, b) => b.records - a.records);
        return { groups, complete, scanned };
      }),

    /**
     * Starts a redrive of a subscription's dead letters on the server and answers at once with the run:
     * picked records, or all (narrowed by `filter`, e.g. one group), to the subscription's topic or
     * another its algorithm may read, at most `rate` records a second. Follow it with `redriveRun`, pause
     * or cancel it with `steerRedrive`; when it ends, it is written to the audit log with its counts.
     * Takes the redrive permission.
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
        const { binding, dlq, reader, org } = await subscriptionWithDlq(ctx.services, ctx.user, input);
        const target = `${input.algorithm} ${input.connection}/${input.topic}`;
        await assertCanRedrive(ctx.services, ctx.user, org, target);
        const to = await redriveTarget(ctx.services, binding, input.to);
        const producer = await ctx.services.kafka.producer(await connectionConfig(ctx.services, binding.connection));
        const filter = filterOf(input.filter);
        const user = ctx.user;
        const db = ctx.services.db;
        const run = startRedrive(
          { by: user.id, subscription: target, dlqTopic: dlq.topic, to, rate: input.rate ?? null, total: input.select === 'all' ? null : input.select.length },
          limits.dlqRedriveResults,
          (track) =>
            replayDlq(reader, { dlqTopic: dlq.topic, owner: binding, producer, select: input.select, to, replayedBy: user.id, ...(filter ? { filter } : {}), ...(input.rate ? { rate: input.rate } : {}), ...track }),
          async (ended) => {
            const view = runView(ended);
            const detail = { run: ended.id, dlq: dlq.topic, to, rate: ended.rate, select: input.select === 'all' ? 'all' : input.select.length, filter: filter ?? null, state: ended.state, replayed: ended.replayed, skipped: ended.skipped, failed: ended.failed, measuredRate: view.measuredRate, ...(ended.error ? { error: ended.error } : {}) };
            await audit(db, { actor: user.id, action: 'dlq.redrive', target, result: ended.state === 'failed' ? 'failed' : 'ok', detail });
          },
        );
        return runView(run, run.results.length);
      }),

    /** A redrive run of the caller's (any, for a cluster admin) with its results from `from` on; `null` when there is none. */
    redriveRun: authedProcedure.input(z.strictObject({ id: z.uuid(), from: z.int().min(0).default(0) })).query(({ ctx, input }) => {
      const run = redriveRun(ctx.user, input.id);
      return run ? runView(run, input.from) : null;
    }),

    /** Pauses, resumes or cancels a redrive run of the caller's; `false` when it has ended or is not theirs. */
    steerRedrive: authedProcedure.input(z.strictObject({ id: z.uuid(), action: z.enum(['pause', 'resume', 'cancel']) })).mutation(({ ctx, input }) => {
      const run = redriveRun(ctx.user, input.id);
      return run ? steerRedrive(run, input.action) : false;
    }),

    /**
     * Puts chosen DLQ records (or all) of the subscription back on its topic with their original key and
     * value; records of the DLQ that are not the subscription's are skipped, and so, replaying all, are
     * failed replays of dead letters still there (each dead letter is sent once). Answers in counts.
     * Named with `run`, its progress is read with `replayProgress` and it is stopped with `stopReplay`.
     */
    replay: memberProcedure.use(expensive)
      .input(Subscription.extend({ select: z.union([z.literal('all'), z.array(Position).min(1).max(1_000)]), run: RunName.optional() }))
      .mutation(({ ctx, input }) => replay(ctx.services, ctx.user, input, input.select, {}, input.run)),

    /** How many records the caller's replay named `run` has written so far; `null` once it has ended (or never ran). */
    replayProgress: authedProcedure.input(z.strictObject({ run: RunName })).query(({ ctx, input }) => replayProgress(ctx.user.id, input.run)),

    /** Stops the caller's replay named `run` once the records being sent are written; `false` when it is not running. */
    stopReplay: authedProcedure.input(z.strictObject({ run: RunName })).mutation(({ ctx, input }) => stopReplay(ctx.user.id, input.run)),

    /**
     * Puts one DLQ record of the subscription back on its topic with a value a person edited (its key,
     * headers and timestamp kept), as `replay` does for a chosen record; refused the same way.
     */
    replayEdited: memberProcedure.use(expensive)
      .input(Subscription.extend({ record: Position, value: EditedValue, keepHeaders: KeepHeaders.optional() }))
      .mutation(({ ctx, input }) => {
        const value = Buffer.from(input.value.text, input.value.base64 ? 'base64' : 'utf8');
        const choice = { ...input.record, value, ...(input.keepHeaders ? { keepHeaders: input.keepHeaders } : {}) };
        return replay(ctx.services, ctx.user, input, [choice], { edited: true });
      }),
});
