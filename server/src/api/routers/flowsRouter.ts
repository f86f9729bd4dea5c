import { canReadOrg, compactPlan, diffGraphs, emptyGraph, exportFlow, flowDocumentFormat, FlowGraph, Grant, Id, limits, Name, readFlowDocument, validateGraph } from '@event-flows/model';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { buildCatalog, connectionsNamedBy } from '../../catalog/buildCatalog.ts';
import { parseOffThread } from '../../import/parseOffThread.ts';
import { deleteUndeployedFlow, deployFlow, previewDeploy, undeployFlow } from '../../deploy/deployEngine.ts';
import { flowAccessRequests, requestFlowAccess } from '../../deploy/flowAccess.ts';
import type { Services } from '../../services.ts';
import { audit } from '../../store/audit.ts';
import { listConnections } from '../../store/connections.ts';
import { deployedRevision } from '../../store/deployments.ts';
import { createFlow, flowNamed, getFlow, getRevision, listFlows, listRevisions, saveFlow, unusedFlowName } from '../../store/flows.ts';
import { assertCanRead, assertCanWrite, authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';
import type { User } from '../../identity/identity.ts';
import { peopleNames, withUpdatedByName } from '../../identity/peopleNames.ts';
import { deployChannel, type DeployEvent, type StudioChange } from '../../events.ts';
import { pushed } from '../liveStream.ts';

const FlowId = z.strictObject({ id: Id });
const Description = z.string().max(limits.text);

/** The flow, or NOT_FOUND: another org's flow is answered as one that does not exist. */
async function readableFlow(services: Services, user: User, id: string) {
  const flow = await getFlow(services.db, id);
  if (!flow || !canReadOrg(user, flow.orgId)) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flow "${id}".` });
  return flow;
}

/** Refuses a rename onto a name another flow of the org has. */
async function assertNameFree(services: Services, orgId: string, name: string, id: string) {
  if (await flowNamed(services.db, orgId, name, id)) {
    throw new TRPCError({ code: 'CONFLICT', message: `Another flow is already named "${name}". Choose a different name.` });
  }
}

async function writableFlow(services: Services, user: User, id: string) {
  const flow = await readableFlow(services, user, id);
  assertCanWrite(user, flow.orgId);
  return flow;
}

/** The name a refusal calls who saved first by: their display name, or their user id. */
async function whoSaved(services: Services, userId: string): Promise<string> {
  return (await peopleNames(services.platform, [userId])).get(userId) ?? userId;
}

/**
 * Flows: list, get, create, save with a base revision, delete, history, import / export, validate, plan,
 * deploy, undeploy. list, get, save and history carry `updatedByName` next to `updatedBy`: the display
 * name of who saved (see {@link peopleNames}), `null` when there is none.
 */
export const flowsRouter = router({
  list: authedProcedure.input(z.strictObject({ orgId: Id })).query(async ({ ctx, input }) => {
    assertCanRead(ctx.user, input.orgId);
    const flows = await listFlows(ctx.services.db, input.orgId);
    const names = await peopleNames(ctx.services.platform, flows.map((f) => f.updatedBy));
    return flows.map((f) => withUpdatedByName(f, names));
  }),

  get: authedProcedure.input(FlowId).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    const names = await peopleNames(ctx.services.platform, [flow.updatedBy]);
    return { ...withUpdatedByName(flow, names), deployedRevision: await deployedRevision(ctx.services.db, flow.id) };
  }),

  create: memberProcedure
    .input(z.strictObject({ orgId: Id, name: Name, description: Description.default(''), graph: FlowGraph.optional() }))
    .mutation(async ({ ctx, input }) => {
      assertCanWrite(ctx.user, input.orgId);
      const name = await unusedFlowName(ctx.services.db, input.orgId, input.name, limits.name);
      return createFlow(ctx.services.db, { orgId: input.orgId, name, description: input.description, graph: input.graph ?? emptyGraph(), actor: ctx.user.id });
    }),

  save: memberProcedure
    .input(z.strictObject({ id: Id, baseRevision: z.int().min(1), name: Name, description: Description, graph: FlowGraph }))
    .mutation(async ({ ctx, input }) => {
      const flow = await writableFlow(ctx.services, ctx.user, input.id);
      await assertNameFree(ctx.services, flow.orgId, input.name, flow.id);
      const result = await saveFlow(ctx.services.db, { ...input, actor: ctx.user.id });
      if (result.status === 'missing') throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flow "${input.id}".` });
      if (result.status === 'conflict') {
        throw new TRPCError({
          code: 'CONFLICT',
          message: `${await whoSaved(ctx.services, result.current.updatedBy)} saved revision ${result.current.revision} after the revision ${input.baseRevision} you edited. Load it, then merge your changes or reload.`,
        });
      }
      return withUpdatedByName(result.flow, await peopleNames(ctx.services.platform, [result.flow.updatedBy]));
    }),

  /** Renames and describes a flow: a new revision with the same graph. */
  rename: memberProcedure
    .input(z.strictObject({ id: Id, baseRevision: z.int().min(1), name: Name, description: Description }))
    .mutation(async ({ ctx, input }) => {
      const flow = await writableFlow(ctx.services, ctx.user, input.id);
      await assertNameFree(ctx.services, flow.orgId, input.name, flow.id);
      const result = await saveFlow(ctx.services.db, { ...input, graph: flow.graph, actor: ctx.user.id });
      if (result.status === 'missing') throw new TRPCError({ code: 'NOT_FOUND', message: `There is no flow "${input.id}".` });
      if (result.status === 'conflict') {
        throw new TRPCError({ code: 'CONFLICT', message: `${await whoSaved(ctx.services, result.current.updatedBy)} saved revision ${result.current.revision} meanwhile. Reload the flow and rename it again.` });
      }
      return result.flow;
    }),

  /** A new flow with this flow's description and graph, named "name (2)" (or the next free number). */
  duplicate: memberProcedure.input(FlowId).mutation(async ({ ctx, input }) => {
    const flow = await writableFlow(ctx.services, ctx.user, input.id);
    const name = await unusedFlowName(ctx.services.db, flow.orgId, flow.name, limits.name);
    const copy = await createFlow(ctx.services.db, { orgId: flow.orgId, name, description: flow.description, graph: flow.graph, actor: ctx.user.id });
    await audit(ctx.services.db, { actor: ctx.user.id, action: 'flow.duplicate', target: copy.id, result: 'ok', detail: { from: flow.id } });
    return copy;
  }),

  delete: memberProcedure.input(FlowId).mutation(async ({ ctx, input }) => {
    const flow = await writableFlow(ctx.services, ctx.user, input.id);
    await deleteUndeployedFlow(ctx.services, flow.id);
    await audit(ctx.services.db, { actor: ctx.user.id, action: 'flow.delete', target: flow.id, result: 'ok' });
    return { id: flow.id };
  }),

  history: authedProcedure.input(FlowId).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    const revisions = await listRevisions(ctx.services.db, flow.id);
    const names = await peopleNames(ctx.services.platform, revisions.map((r) => r.updatedBy));
    return revisions.map((r) => withUpdatedByName(r, names));
  }),

  revision: authedProcedure.input(z.strictObject({ id: Id, revision: z.int().min(1) })).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    const revision = await getRevision(ctx.services.db, flow.id, input.revision);
    if (!revision) throw new TRPCError({ code: 'NOT_FOUND', message: `Flow "${flow.id}" has no revision ${input.revision}.` });
    return revision;
  }),

  export: authedProcedure.use(expensive).input(z.strictObject({ id: Id, format: z.enum(['json', 'yaml']) })).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    return { text: exportFlow({ format: flowDocumentFormat, name: flow.name, description: flow.description, graph: flow.graph }, input.format) };
  }),

  import: memberProcedure
    .use(expensive)
    .input(z.strictObject({ orgId: Id, text: z.string().max(limits.documentChars, `A flow document may have at most ${limits.documentChars} characters.`) }))
    .mutation(async ({ ctx, input }) => {
      assertCanWrite(ctx.user, input.orgId);
      const parsed = await parseOffThread(input.text);
      const result = parsed.ok ? readFlowDocument(parsed.data) : parsed;
      if (!result.ok) throw new TRPCError({ code: 'BAD_REQUEST', message: `The document cannot be imported: ${result.errors.slice(0, 5).join('; ')}` });
      const { description, graph } = result.document;
      // A name the org already uses gets " (2)", as a duplicate does.
      const name = await unusedFlowName(ctx.services.db, input.orgId, result.document.name, limits.name);
      const flow = await createFlow(ctx.services.db, { orgId: input.orgId, name, description, graph, actor: ctx.user.id });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'flow.import', target: flow.id, result: 'ok', detail: { name } });
      return flow;
    }),

  /** Validates a saved flow, or a draft graph for an org (the editor's unsaved state). */
  validate: authedProcedure.use(expensive)
    .input(z.union([FlowId, z.strictObject({ orgId: Id, graph: FlowGraph, flowId: Id.optional() })]))
    .query(async ({ ctx, input }) => {
      const target = 'id' in input ? await readableFlow(ctx.services, ctx.user, input.id) : { id: input.flowId, orgId: input.orgId, graph: input.graph };
      assertCanRead(ctx.user, target.orgId);
      const { catalog, unreachable } = await buildCatalog(ctx.services, target.orgId, { connections: connectionsNamedBy(target.graph) });
      const diagnostics = validateGraph(target.graph, catalog, { role: ctx.user.role, orgId: target.orgId }, target.id ? { flowId: target.id } : {});
      return { diagnostics, unreachable };
    }),

  plan: authedProcedure.use(expensive).input(FlowId).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    const preview = await previewDeploy(ctx.services, flow.id, ctx.user, { review: true });
    // Compact: the fields an action's object says by itself are derived again by the review (actionChanges).
    return { revision: preview.revision, plan: compactPlan(preview.plan), diagnostics: preview.diagnostics, unreachable: preview.unreachable };
  }),

  deploy: memberProcedure.use(expensive).input(z.strictObject({ id: Id, revision: z.int().min(1) })).mutation(async ({ ctx, input }) => {
    await writableFlow(ctx.services, ctx.user, input.id);
    return deployFlow(ctx.services, { flowId: input.id, revision: input.revision, actor: ctx.user });
  }),

  /** The newest request filed for each grant the flow needs: requested, approved or rejected. */
  accessRequests: authedProcedure.input(FlowId).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    return flowAccessRequests(ctx.services, flow);
  }),

  /** Asks a cluster admin for grants the flow's plan is blocked on (all of them when `grants` is left out). */
  requestAccess: memberProcedure
    .use(expensive)
    .input(z.strictObject({ id: Id, grants: z.array(Grant).min(1).max(limits.edges).optional() }))
    .mutation(async ({ ctx, input }) => {
      const flow = await writableFlow(ctx.services, ctx.user, input.id);
      return requestFlowAccess(ctx.services, ctx.user, flow, input.grants);
    }),

  undeploy: memberProcedure.use(expensive).input(FlowId).mutation(async ({ ctx, input }) => {
    await writableFlow(ctx.services, ctx.user, input.id);
    return undeployFlow(ctx.services, { flowId: input.id, actor: ctx.user });
  }),

  /** What changed from one revision to another (positions aside). */
  diff: authedProcedure.input(z.strictObject({ id: Id, from: z.int().min(1), to: z.int().min(1) })).query(async ({ ctx, input }) => {
    const flow = await readableFlow(ctx.services, ctx.user, input.id);
    const [from, to] = await Promise.all([getRevision(ctx.services.db, flow.id, input.from), getRevision(ctx.services.db, flow.id, input.to)]);
    if (!from || !to) throw new TRPCError({ code: 'NOT_FOUND', message: `Flow "${flow.id}" has no revision ${!from ? input.from : input.to}.` });
    const names = new Map((await listConnections(ctx.services.db)).map((c) => [c.id, c.name]));
    return diffGraphs(from.graph, to.graph, (id) => names.get(id) ?? id);
  }),

  /** Saves an earlier revision's graph as the newest revision (deploy it to roll Kafka back too). */
  rollback: memberProcedure.input(z.strictObject({ id: Id, toRevision: z.int().min(1), baseRevision: z.int().min(1) })).mutation(async ({ ctx, input }) => {
    const flow = await writableFlow(ctx.services, ctx.user, input.id);
    const target = await getRevision(ctx.services.db, flow.id, input.toRevision);
    if (!target) throw new TRPCError({ code: 'NOT_FOUND', message: `Flow "${flow.id}" has no revision ${input.toRevision}.` });
    const result = await saveFlow(ctx.services.db, { id: flow.id, baseRevision: input.baseRevision, name: target.name, description: target.description, graph: target.graph, actor: ctx.user.id });
    if (result.status !== 'saved') throw new TRPCError({ code: 'CONFLICT', message: 'The flow changed meanwhile; reload it and roll back again.' });
    await audit(ctx.services.db, { actor: ctx.user.id, action: 'flow.rollback', target: flow.id, result: 'ok', detail: { to: input.toRevision, revision: result.flow.revision } });
    return result.flow;
  }),

  /** A flow's deploy progress, step by step, as it happens in this server process (SSE). */
  deployProgress: authedProcedure.input(FlowId).subscription(async function* ({ ctx, input, signal }) {
    await readableFlow(ctx.services, ctx.user, input.id);
    yield* pushed<DeployEvent>((push) => ctx.services.events.subscribe(deployChannel(input.id), push), signal);
  }),

  /**
   * What changes in the org while a studio is open (SSE): flows saved, deployed, undeployed or deleted,
   * and catalog changes (grants, grant requests, connections), made through any server replica. A
   * cluster admin also hears every other org's catalog changes, which the admin pages list.
   */
  changes: authedProcedure.input(z.strictObject({ orgId: Id })).subscription(async function* ({ ctx, input, signal }) {
    assertCanRead(ctx.user, input.orgId);
    const user = ctx.user;
    const concernsMe = (orgId: string | null, change: StudioChange) =>
      orgId === null || orgId === input.orgId || (user.role === 'admin' && change.kind === 'catalog-changed');
    yield* pushed<StudioChange>((push) => ctx.services.events.subscribeChanges((orgId, change) => concernsMe(orgId, change) && push(change)), signal);
  }),
});
