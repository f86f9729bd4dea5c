import { AlgorithmRef, Id, limits, parseAlgorithmRef, TopicName, topicsOf, type SubscribeBinding } from '@event-flows/model';
import { kafkaClient, peekDlq, replayDlq, type BindingStatus, type DlqRecord, type ReplayResult } from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { canRead, type User } from '../../identity/identity.ts';
import { kafkaConnectionOf } from '../../runtime/runtimeHost.ts';
import type { Services } from '../../services.ts';
import { listGrants } from '../../store/access.ts';
import { audit } from '../../store/audit.ts';
import { getConnectionConfig } from '../../store/connections.ts';
import { listBindings } from '../../store/deployState.ts';
import { assertCanRead, assertCanWrite, authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';

const Subscription = z.strictObject({ algorithm: AlgorithmRef, connection: Id, topic: TopicName });
const Position = z.strictObject({ partition: z.int().min(0).max(1_000_000), offset: z.string().regex(/^\d{1,19}$/) });

function visible(user: User, statuses: readonly BindingStatus[], filter: { orgId: string; flowId?: string | undefined }): BindingStatus[] {
  return statuses.filter((s) => parseAlgorithmRef(s.algorithm)?.org === filter.orgId && canRead(user, filter.orgId) && (!filter.flowId || s.flowId === filter.flowId));
}

/** A record's bytes as text when they are UTF-8, else Base64 (so any DLQ record can be shown and replayed). */
function text(bytes: Buffer | null): { text: string | null; base64: boolean } {
  if (bytes === null) return { text: null, base64: false };
  const decoded = bytes.toString('utf8');
  return Buffer.from(decoded, 'utf8').equals(bytes) ? { text: decoded, base64: false } : { text: bytes.toString('base64'), base64: true };
}

function viewOf(record: DlqRecord) {
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
  };
}

/** The enabled subscription and its DLQ, with a client of the DLQ's connection, or a clear refusal. */
async function subscriptionWithDlq(services: Services, user: User, input: z.infer<typeof Subscription>) {
  const org = parseAlgorithmRef(input.algorithm)?.org ?? '';
  assertCanRead(user, org);
  const binding = (await listBindings(services.db, { algorithm: input.algorithm })).find(
    (b): b is SubscribeBinding => b.direction === 'subscribe' && b.connection === input.connection && b.topic === input.topic,
  );
  if (!binding) throw new TRPCError({ code: 'NOT_FOUND', message: `${input.algorithm} does not subscribe to "${input.topic}".` });
  if (!binding.dlq) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This subscription has no dead-letter queue.' });
  return { binding, dlq: binding.dlq, kafka: await adminKafka(services, binding.dlq.connection), org };
}

/** A kafkajs client signed in as the server's own (admin) principal on a connection. */
async function adminKafka(services: Services, connection: string) {
  const config = await getConnectionConfig(services.db, services.secrets, connection);
  if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${connection}".` });
  return kafkaClient(kafkaConnectionOf(config), config.auth.mechanism === 'none' ? undefined : config.auth, 'event-flows-studio');
}

/** Refuses, with the reason, a topic that the org's algorithms are not granted or that another org's algorithms are granted or use. */
async function assertOrgOwnsTopic(services: Services, input: { orgId: string; connection: string; topic: string }): Promise<void> {
  const onTopic = (ref: { connection: string; topic: string } | null | undefined) => ref?.connection === input.connection && ref.topic === input.topic;
  const ofOtherOrg = (algorithm: string) => parseAlgorithmRef(algorithm)?.org !== input.orgId;
  const grants = (await listGrants(services.db)).filter(onTopic);
  if (!grants.some((g) => !ofOtherOrg(g.algorithm))) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `No algorithm of "${input.orgId}" is granted "${input.topic}"; test messages go only to the org's own topics.` });
  }
  // Every topic another org's binding names counts (its own, its DLQ, its outputs): the rule is about
  // whose pipeline uses the topic, not only about the allow-list.
  const shared =
    grants.some((g) => ofOtherOrg(g.algorithm)) ||
    (await listBindings(services.db)).some((b) => ofOtherOrg(b.algorithm) && topicsOf(b).some(onTopic));
  if (shared) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `"${input.topic}" is also granted to or used by another org's algorithms, so a test message could reach their pipeline; only a cluster admin may send one there.`,
    });
  }
}

/** Live status of the running bindings, and the DLQ tools. */
export const runtimeRouter = router({
  status: authedProcedure.input(z.strictObject({ orgId: Id, flowId: Id.optional() })).query(({ ctx, input }) => {
    assertCanRead(ctx.user, input.orgId);
    return visible(ctx.user, ctx.services.statuses.current(), input);
  }),

  /** The same as `status`, pushed (SSE) about once a second while anything changes. */
  statusStream: authedProcedure.input(z.strictObject({ orgId: Id, flowId: Id.optional() })).subscription(async function* ({ ctx, input, signal }) {
    assertCanRead(ctx.user, input.orgId);
    let latest: BindingStatus[] | undefined;
    let wake: (() => void) | undefined;
    const unsubscribe = ctx.services.statuses.subscribe((statuses) => {
      latest = statuses;
      wake?.();
    });
    try {
      yield visible(ctx.user, ctx.services.statuses.current(), input);
      while (!signal?.aborted) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          signal?.addEventListener('abort', () => resolve(), { once: true });
        });
        if (latest) {
          const next = latest;
          latest = undefined;
          yield visible(ctx.user, next, input);
        }
      }
    } finally {
      unsubscribe();
    }
  }),

  /**
   * Sends one message to a topic, as the canvas's "send test message". The server writes as its own
   * (admin) principal, so a member may send only to the org's own topics: granted to the org's
   * algorithms and to no other org's, nor used by another org's binding (another org's pipeline must
   * not receive what a member of this one made up). A cluster admin may send to any topic.
   */
  sendTestMessage: memberProcedure.use(expensive)
    .input(z.strictObject({ orgId: Id, connection: Id, topic: TopicName, key: z.string().max(limits.messageKey).optional(), value: z.string().max(limits.testMessage) }))
    .mutation(async ({ ctx, input }) => {
      assertCanWrite(ctx.user, input.orgId);
      if (ctx.user.role !== 'admin') await assertOrgOwnsTopic(ctx.services, input);
      const config = await getConnectionConfig(ctx.services.db, ctx.services.secrets, input.connection);
      if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${input.connection}".` });
      const landed = await ctx.services.kafka.sendMessage(config, input.topic, { key: input.key ?? null, value: input.value, headers: { 'eventflows.test.by': ctx.user.id } });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'topic.test-message', target: `${input.connection}/${input.topic}`, result: 'ok' });
      return landed;
    }),

  dlq: router({
    /**
     * Reads the newest `limit` records of a subscription's DLQ with their error and source, without
     * consuming them, reading from the end and at most `peekScanBytes` of the DLQ; `complete` is false
     * when older records of the subscription may remain unshown.
     */
    peek: authedProcedure.use(expensive).input(Subscription.extend({ limit: z.int().min(1).max(500).default(50) })).query(async ({ ctx, input }) => {
      const { binding, dlq, kafka } = await subscriptionWithDlq(ctx.services, ctx.user, input);
      // Only the subscription's own records: the DLQ may be shared with other algorithms, of other orgs too.
      const { records, scanned, complete } = await peekDlq(kafka, { topic: dlq.topic, owner: binding, limit: input.limit });
      return { dlq, records: records.map(viewOf), scanned, complete };
    }),

    /**
     * Puts chosen DLQ records (or all) of the subscription back on its topic with their original key and
     * value; records of the DLQ that are not the subscription's are skipped, and so, replaying all, are
     * failed replays of dead letters still there (each dead letter is sent once). Answers in counts.
     */
    replay: memberProcedure.use(expensive)
      .input(Subscription.extend({ select: z.union([z.literal('all'), z.array(Position).min(1).max(1_000)]) }))
      .mutation(async ({ ctx, input }) => {
        const { binding, dlq, kafka, org } = await subscriptionWithDlq(ctx.services, ctx.user, input);
        assertCanWrite(ctx.user, org);
        // The records go to the subscription's own topic on its own connection, whatever their headers say.
        const sourceKafka = binding.connection === dlq.connection ? kafka : await adminKafka(ctx.services, binding.connection);
        const entry = { actor: ctx.user.id, action: 'dlq.replay', target: `${input.algorithm} ${input.connection}/${input.topic}` };
        let result: ReplayResult;
        try {
          result = await replayDlq(kafka, { dlqTopic: dlq.topic, owner: binding, sourceKafka, select: input.select, replayedBy: ctx.user.id });
        } catch (error) {
          // A replay sends as it reads: one that fails may have written some records, which the log must show.
          await audit(ctx.services.db, { ...entry, result: 'failed', detail: { dlq: dlq.topic, error: error instanceof Error ? error.message : String(error) } });
          throw error;
        }
        await audit(ctx.services.db, { ...entry, result: 'ok', detail: { dlq: dlq.topic, replayed: result.replayed, skipped: result.skipped } });
        return result;
      }),
  }),
});
