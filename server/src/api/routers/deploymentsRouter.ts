import { canReadOrg, Id } from '@event-flows/model';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { getDeployment, listDeployments } from '../../store/deployments.ts';
import { getFlow } from '../../store/flows.ts';
import { peopleNames } from '../../identity/peopleNames.ts';
import { authedProcedure, router } from '../trpc.ts';

/** Deploy history with per-step results, actor (and `actorName`, their display name or `null`) and time. */
export const deploymentsRouter = router({
  list: authedProcedure.input(z.strictObject({ flowId: Id, limit: z.int().min(1).max(200).default(50) })).query(async ({ ctx, input }) => {
    const flow = await getFlow(ctx.services.db, input.flowId);
    if (!flow || !canReadOrg(ctx.user, flow.orgId)) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flow "${input.flowId}".` });
    const deployments = await listDeployments(ctx.services.db, { flowId: flow.id, limit: input.limit });
    const names = await peopleNames(ctx.services.platform, deployments.map((d) => d.actor));
    return deployments.map((d) => ({ ...d, actorName: names.get(d.actor) ?? null }));
  }),
  get: authedProcedure.input(z.strictObject({ id: z.int().min(1) })).query(async ({ ctx, input }) => {
    const deployment = await getDeployment(ctx.services.db, input.id);
    const flow = deployment ? await getFlow(ctx.services.db, deployment.flowId) : undefined;
    // Another org's deployment, or one of a deleted flow (only a cluster admin sees those), answers as a missing one.
    const visible = deployment && (flow ? canReadOrg(ctx.user, flow.orgId) : ctx.user.role === 'admin');
    if (!visible) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no deployment ${input.id}.` });
    return { ...deployment, actorName: (await peopleNames(ctx.services.platform, [deployment.actor])).get(deployment.actor) ?? null };
  }),
});
