import { AdoptListenersRequest, Id } from '@event-flows/model';
import { z } from 'zod';
import { adoptPlatformListeners, listPlatformListeners } from '../../platform/listenerAdoption.ts';
import { authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';

/**
 * The platform's own event listeners (Algorithmia's API): those of an org's members, and adopting
 * them into a flow. Each call asks the platform, so it counts as expensive.
 */
export const platformRouter = router({
  /** The Kafka event listeners of the org's members, each with its studio connection and whether it can be adopted (anyone who may read the org). */
  listeners: authedProcedure
    .use(expensive)
    .input(z.strictObject({ orgId: Id }))
    .query(({ ctx, input }) => listPlatformListeners(ctx.services, ctx.user, input.orgId)),
  /** Adopts chosen listeners into a new flow of the org or an existing one (members and admins); audited. Nothing changes until the flow is deployed. */
  adoptListeners: memberProcedure
    .use(expensive)
    .input(AdoptListenersRequest)
    .mutation(({ ctx, input }) => adoptPlatformListeners(ctx.services, ctx.user, input)),
});
