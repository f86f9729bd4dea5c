import { FollowRequest, type SubscribeBinding, type TopicRef } from '@event-flows/model';
import { followMessage, type FollowResult } from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import type { Services } from '../../services.ts';
import { getConnectionConfig } from '../../store/connections.ts';
import { listBindings } from '../../store/deployState.ts';
import { getFlow } from '../../store/flows.ts';
import { assertCanRead, authedProcedure, expensive } from '../trpc.ts';

/** Every topic a flow's deployed subscriptions read or write: the only topics a follow may read. */
function flowTopics(bindings: readonly SubscribeBinding[]): TopicRef[] {
  const all = bindings.flatMap((b) => [{ connection: b.connection, topic: b.topic }, ...b.outputs, ...(b.dlq ? [b.dlq] : [])]);
  return all.filter((t, i) => all.findIndex((o) => o.connection === t.connection && o.topic === t.topic) === i);
}

/** The connection of the flow's topic `topic`: the one named, or the only one the flow has it on; else a sentence. */
function connectionOf(topics: readonly TopicRef[], topic: string, named: string | undefined): string {
  const on = topics.filter((t) => t.topic === topic && (named === undefined || t.connection === named)).map((t) => t.connection);
  if (on.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: `The deployed flow has no topic "${topic}"${named === undefined ? '' : ` on connection "${named}"`}: follow a record of one of its topics.` });
  if (on.length > 1) throw new TRPCError({ code: 'BAD_REQUEST', message: `The flow has a topic "${topic}" on ${on.length} connections: name the connection.` });
  return on[0] as string;
}

/**
 * `runtime.follow`: the path of one record through a deployed flow (see the runtime's `followMessage`),
 * for whoever may read the flow's org. It reads only the flow's own topics, through the DLQ readers the
 * server keeps per connection, and at most the request's record and stage bounds (the model's limits).
 */
export const followProcedure = authedProcedure
  .use(expensive)
  .input(FollowRequest)
  .query(async ({ ctx, input }): Promise<FollowResult> => {
    const flow = await getFlow(ctx.services.db, input.flowId);
    if (flow) assertCanRead(ctx.user, flow.orgId);
    if (!flow) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such flow.' });
    const bindings = (await listBindings(ctx.services.db, { flowId: flow.id })).filter((b): b is SubscribeBinding => b.direction === 'subscribe');
    if (bindings.length === 0) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This flow is not deployed: deploy it, then follow a message through it.' });
    const connection = connectionOf(flowTopics(bindings), input.topic, input.connection);
    const start =
      input.key !== undefined
        ? { connection, topic: input.topic, key: input.key }
        : { connection, topic: input.topic, partition: input.partition ?? 0, offset: input.offset ?? '0' };
    return followMessage({ readerFor: (id) => readerFor(ctx.services, id), bindings, start, maxStages: input.maxStages, maxRecords: input.maxRecords });
  });

async function readerFor(services: Services, connection: string) {
  const config = await getConnectionConfig(services.db, services.secrets, connection);
  if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${connection}".` });
  return services.kafka.dlqReader(config);
}
