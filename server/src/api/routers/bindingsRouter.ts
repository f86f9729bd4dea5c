import { AlgorithmRef, Id, TopicName, TopicRef, Version } from '@event-flows/model';
import { z } from 'zod';
import { accessRequests, disableAccess, editAccess, enableAccess, listAccess, requestAccess } from '../../bindings/eventsTab.ts';
import { authedProcedure, memberProcedure, router } from '../trpc.ts';

const Target = z.strictObject({ algorithm: AlgorithmRef, connection: Id, topic: TopicName, access: z.enum(['subscribe', 'publish']) });
const Change = Target.extend({ version: Version, dlq: TopicRef.nullable().optional() });

/** The platform's Events tab for one algorithm, through the same model and deploy path as the canvas. */
export const bindingsRouter = router({
  list: authedProcedure.input(z.strictObject({ algorithm: AlgorithmRef })).query(({ ctx, input }) => listAccess(ctx.services, ctx.user, input.algorithm)),
  enable: memberProcedure.input(Change).mutation(({ ctx, input }) => enableAccess(ctx.services, ctx.user, input)),
  edit: memberProcedure.input(Change).mutation(({ ctx, input }) => editAccess(ctx.services, ctx.user, input)),
  disable: memberProcedure.input(Target).mutation(({ ctx, input }) => disableAccess(ctx.services, ctx.user, input)),
  /** Files grant requests for the access an enable or edit the tab refused needs. */
  requestAccess: memberProcedure.input(Change).mutation(({ ctx, input }) => requestAccess(ctx.services, ctx.user, input)),
  /** The grant requests filed for the algorithm, newest first, with their state. */
  accessRequests: authedProcedure.input(z.strictObject({ algorithm: AlgorithmRef })).query(({ ctx, input }) => accessRequests(ctx.services, ctx.user, input.algorithm)),
});
