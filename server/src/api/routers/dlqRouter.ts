import { Id, limits, type DlqGroup, type SubscribeBinding } from '@event-flows/model';
import {
  attemptOf,
  groupDlq,
  originOf,
  peekDlq,
  replayDlq,
  replayedFrom,
  type DlqRecord,
  type ReplayChoice,
  type ReplayResult,
} from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { User } from '../../identity/identity.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../store/audit.ts';
import { listBindings } from '../../store/deployState.ts';
import { getFlow } from '../../store/flows.ts';
import { assertCanRedrive, connectionConfig, Filter, filterOf, Position, redriveRefusal, Subscription, subscriptionWithDlq } from '../dlqAccess.ts';
import { replayProgress, stopReplay, trackReplay } from '../replayRuns.ts';
import { redriveProcedures } from './redriveProcedures.ts';
import { assertCanRead, authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';

/** A name the caller gives a replay, to follow its progress and stop it. */
const RunName = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, { error: 'A replay run is named by 8 to 64 letters, digits or dashes' });
/** A dead letter's value as a person edited it before its replay: text, or Base64 for bytes. */
const EditedValue = z.strictObject({
  text: z.string().max(limits.messageChars, { error: `An edited value may have at most ${limits.messageChars.toLocaleString('en')} characters` }),
  base64: z.boolean().default(false),
}).refine((value) => !value.base64 || /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value.text.replace(/\s+/g, '')), {
  error: 'The edited value is marked as Base64 but is not valid Base64',
});

/** Per partition, the offset a page of older records starts before (a peek's `next`). */
const Cursor = z.array(Position).max(10_000);
/** Header names of a dead letter to send with its replay. */
const KeepHeaders = z.array(z.string().min(1).max(limits.dlqFilterText)).max(1_000);

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

/** The dead letters of a subscription or a flow: peek, groups, replay and bulk redrive (`runtime.dlq.*`). */
export const dlqRouter = router({
    ...redriveProcedures,
    /**
     * Reads the newest `limit` records of a subscription's DLQ with their error and source, without
     * consuming them, reading from the end and at most `peekScanBytes` of the DLQ; `complete` is false
     * when older records of the subscription may remain unshown. `redriveRefused` says why a member who
     * may change the subscription may not redrive (or replay) its dead letters, and who can let them.
     */
    peek: authedProcedure.use(expensive)
      .input(Subscription.extend({ limit: z.int().min(1).max(limits.dlqPeekRecords).default(50), filter: Filter.optional(), before: Cursor.optional() }))
      .query(async ({ ctx, input }) => {
        const { binding, dlq, reader, org } = await subscriptionWithDlq(ctx.services, ctx.user, input);
        const before = input.before && new Map(input.before.map((p) => [p.partition, BigInt(p.offset)]));
        // Only the subscription's own records: the DLQ may be shared with other algorithms, of other orgs too.
        const found = await peekDlq(reader, { topic: dlq.topic, owner: binding, limit: input.limit, ...(input.filter ? { filter: filterOf(input.filter) } : {}), ...(before ? { before } : {}) });
        const next = found.next ? [...found.next].map(([partition, offset]) => ({ partition, offset: String(offset) })) : null;
        // Said with the records, so the panel shows a member no redrive button that would be refused.
        const redriveRefused = await redriveRefusal(ctx.services, ctx.user, org);
        return { dlq, records: found.records.map((r) => viewOf(r, dlq.topic)), scanned: found.scanned, complete: found.complete, next, redriveRefused };
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
