import { Id } from '@event-flows/model';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { buildCatalog } from '../../catalog/buildCatalog.ts';
import { getConnectionConfig, listConnections } from '../../store/connections.ts';
import { assertCanRead, authedProcedure, router } from '../trpc.ts';

/** What a flow can use: the org's algorithms and versions, the connections and their topics (as read from Kafka at most 15 s ago). */
export const catalogRouter = router({
  /** The whole catalog the editor validates against (the same one the server validates with). */
  get: authedProcedure.input(z.strictObject({ orgId: Id })).query(async ({ ctx, input }) => {
    assertCanRead(ctx.user, input.orgId);
    return buildCatalog(ctx.services, input.orgId);
  }),
  algorithms: authedProcedure.input(z.strictObject({ orgId: Id })).query(async ({ ctx, input }) => {
    assertCanRead(ctx.user, input.orgId);
    return ctx.services.platform.algorithms(input.orgId);
  }),
  connections: authedProcedure.query(async ({ ctx }) => (await listConnections(ctx.services.db)).map((c) => ({ id: c.id, name: c.name }))),
  topics: authedProcedure.input(z.strictObject({ connection: Id })).query(async ({ ctx, input }) => {
    const config = await getConnectionConfig(ctx.services.db, ctx.services.secrets, input.connection);
    if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${input.connection}".` });
    const answer = await ctx.services.catalogCache.read(config);
    if (!answer?.ok) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: answer?.error ?? `Kafka connection '${config.name}' did not answer.` });
    return answer.topics;
  }),
});
