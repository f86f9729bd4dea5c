import { canReadOrg, Id, limits, parseAlgorithmRef, testMessageRefusal, TopicName } from '@event-flows/model';
import type { BindingStatus } from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { User } from '../../identity/identity.ts';
import { listGrants } from '../../store/access.ts';
import { audit } from '../../store/audit.ts';
import { getConnectionConfig } from '../../store/connections.ts';
import { listBindings } from '../../store/deployState.ts';
import { assertCanRead, assertCanWrite, authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';
import { dlqRouter } from './dlqRouter.ts';
import { followProcedure } from './followProcedure.ts';

/** The bindings of `filter.orgId` (and of one flow, when given) that `user` may see. */
function visible<T extends Pick<BindingStatus, 'algorithm' | 'flowId'>>(user: User, statuses: readonly T[], filter: { orgId: string; flowId?: string | undefined }): T[] {
  return statuses.filter((s) => parseAlgorithmRef(s.algorithm)?.org === filter.orgId && canReadOrg(user, filter.orgId) && (!filter.flowId || s.flowId === filter.flowId));
}

export const runtimeRouter = router({
  status: authedProcedure.input(z.strictObject({ orgId: Id, flowId: Id.optional() })).query(async ({ ctx, input }) => {
    assertCanRead(ctx.user, input.orgId);
    return visible(ctx.user, await ctx.services.statuses.current(), input);
  }),

  /**
   * The last hour of each visible binding's lag (in messages and seconds), throughput, error and DLQ
   * rates, a sample every few seconds, oldest first.
   */
  history: authedProcedure.input(z.strictObject({ orgId: Id, flowId: Id.optional() })).query(({ ctx, input }) => {
    assertCanRead(ctx.user, input.orgId);
    return visible(ctx.user, ctx.services.history.histories(), input);
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
      yield visible(ctx.user, await ctx.services.statuses.current(), input);
      while (!signal?.aborted) {
        // Statuses pushed while the last ones were being sent are sent at once.
        if (!latest) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            signal?.addEventListener('abort', () => resolve(), { once: true });
          });
        }
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
    .input(z.strictObject({ orgId: Id, connection: Id, topic: TopicName, key: z.string().max(limits.messageKey).optional(), value: z.string().max(limits.messageChars) }))
    .mutation(async ({ ctx, input }) => {
      assertCanWrite(ctx.user, input.orgId);
      const refusal = testMessageRefusal(ctx.user, input, await listGrants(ctx.services.db), await listBindings(ctx.services.db));
      if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
      const config = await getConnectionConfig(ctx.services.db, ctx.services.secrets, input.connection);
      if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${input.connection}".` });
      const landed = await ctx.services.kafka.sendMessage(config, input.topic, { key: input.key ?? null, value: input.value, headers: { 'eventflows.test.by': ctx.user.id } });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'topic.test-message', target: `${input.connection}/${input.topic}`, result: 'ok' });
      return landed;
    }),

  /** The path of one record through a deployed flow: each algorithm call, its outputs or its dead letter. */
  follow: followProcedure,

  dlq: dlqRouter,
});
