import { countOf, Grant, Id, limits } from '@event-flows/model';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ConnectionInput } from '../../connections/connectionSchema.ts';
import { addCheckedGrants, decideRequest, deleteUnusedConnection, revokeGrant, updateConnection } from '../../admin/adminChanges.ts';
import { listGrantRequests, listGrants } from '../../store/access.ts';
import { audit, listAudit } from '../../store/audit.ts';
import { addRedriveGrant, listRedriveGrants, removeRedriveGrant } from '../../store/redriveGrants.ts';
import { getConnectionConfig, listConnections, upsertConnection } from '../../store/connections.ts';
import type { Services } from '../../services.ts';
import { peopleNames } from '../../identity/peopleNames.ts';
import { fromPlatform } from '../../platform/platform.ts';
import { adminProcedure, router } from '../trpc.ts';

const Reason = z.string().max(1_000).optional();
/** A person's redrive permission for an org. */
const RedriveGrantInput = z.strictObject({ orgId: Id, userId: Id });

/** Cluster admins only: connections, grants, grant requests and the audit log. */
export const adminRouter = router({
  connections: router({
    list: adminProcedure.query(({ ctx }) => listConnections(ctx.services.db)),
    create: adminProcedure.input(ConnectionInput).mutation(async ({ ctx, input }) => {
      const view = await upsertConnection(ctx.services.db, ctx.services.secrets, input, 'create').catch((error: unknown) => {
        if (String(error).includes('duplicate key')) throw new TRPCError({ code: 'CONFLICT', message: `A connection "${input.id}" exists already.` });
        throw error;
      });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'connection.create', target: input.id, result: 'ok', detail: { bootstrap: input.bootstrap, mechanism: input.auth.mechanism } });
      return view;
    }),
    update: adminProcedure.input(ConnectionInput).mutation(async ({ ctx, input }) => {
      const view = await updateConnection(ctx.services, input);
      if (!view) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${input.id}".` });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'connection.update', target: input.id, result: 'ok', detail: { bootstrap: input.bootstrap, mechanism: input.auth.mechanism } });
      return view;
    }),
    delete: adminProcedure.input(z.strictObject({ id: Id })).mutation(async ({ ctx, input }) => {
      if (!(await deleteUnusedConnection(ctx.services, input.id, ctx.user.id))) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${input.id}".` });
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'connection.delete', target: input.id, result: 'ok' });
      return { id: input.id };
    }),
    /** Connects to the cluster and reports what it sees, or why it could not. */
    test: adminProcedure.input(z.strictObject({ id: Id })).mutation(async ({ ctx, input }) => {
      const config = await getConnectionConfig(ctx.services.db, ctx.services.secrets, input.id);
      if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${input.id}".` });
      const started = Date.now();
      try {
        const seen = await ctx.services.kafka.test(config);
        return { ok: true as const, ...seen, ms: Date.now() - started };
      } catch (error) {
        return { ok: false as const, error: error instanceof Error ? error.message : String(error), ms: Date.now() - started };
      }
    }),
  }),

  grants: router({
    list: adminProcedure.input(z.strictObject({ algorithm: z.string().max(129).optional() }).optional()).query(({ ctx, input }) =>
      listGrants(ctx.services.db, input?.algorithm ? { algorithm: input.algorithm } : {}),
    ),
    add: adminProcedure.input(z.strictObject({ grants: z.array(Grant).min(1).max(1_000) })).mutation(async ({ ctx, input }) => {
      const added = await addCheckedGrants(ctx.services, input.grants, ctx.user.id);
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'grant.add', target: countOf(input.grants.length, 'grant'), result: 'ok', detail: { added } });
      return { added };
    }),
    remove: adminProcedure.input(Grant).mutation(async ({ ctx, input }) => {
      const removed = await revokeGrant(ctx.services, input);
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'grant.remove', target: `${input.algorithm} ${input.access} ${input.connection}/${input.topic}`, result: removed ? 'ok' : 'refused' });
      return { removed };
    }),
  }),

  /** Who besides cluster admins may redrive an org's dead letters: a person's redrive grant. */
  redriveGrants: router({
    /** The grants by org then person, each with the display names of the person and of who gave it, when the platform knows them. */
    list: adminProcedure.input(z.strictObject({ orgId: Id.optional() }).optional()).query(async ({ ctx, input }) => {
      const grants = await listRedriveGrants(ctx.services.db, input?.orgId ? { orgId: input.orgId } : {});
      const names = await peopleNames(ctx.services.platform, grants.flatMap((g) => [g.userId, g.grantedBy]));
      return grants.map((g) => ({ ...g, userName: names.get(g.userId) ?? null, grantedByName: names.get(g.grantedBy) ?? null }));
    }),
    /**
     * Whom the permission may be given: the org's people as the platform lists them (at most
     * `limits.orgPeople`, and `complete: false` when the org has more), named people by name then the
     * others by id, each saying whether they may redrive already (a cluster admin, or a grant for this
     * org) and whether they are a viewer, who may only read and so is not given it. A platform that cannot list them is refused with its sentence (PRECONDITION_FAILED); an org
     * there is not, NOT_FOUND.
     */
    people: adminProcedure.input(z.strictObject({ orgId: Id })).query(async ({ ctx, input }) => {
      const { platform, db } = ctx.services;
      if (!(await platform.orgs()).some((o) => o.id === input.orgId)) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no org "${input.orgId}".` });
      const [{ people, complete }, grants] = await Promise.all([fromPlatform(platform.people(input.orgId)), listRedriveGrants(db, { orgId: input.orgId })]);
      const granted = new Set(grants.map((g) => g.userId));
      const byName = (a: (typeof people)[number], b: (typeof people)[number]) =>
        a.name !== null && b.name !== null ? a.name.localeCompare(b.name) : a.name !== null ? -1 : b.name !== null ? 1 : a.id.localeCompare(b.id);
      return { complete, people: people.toSorted(byName).map((p) => ({ userId: p.id, name: p.name, clusterAdmin: p.clusterAdmin, viewer: p.viewer, granted: granted.has(p.id) })) };
    }),
    /** Gives the permission; a viewer, who may only read, is refused (PRECONDITION_FAILED) in one sentence. */
    add: adminProcedure.input(RedriveGrantInput).mutation(async ({ ctx, input }) => {
      const person = await ctx.services.platform.knownPerson(input.userId);
      if (person?.role === 'viewer') {
        const org = (await ctx.services.platform.orgs()).find((o) => o.id === input.orgId)?.name ?? input.orgId;
        await audit(ctx.services.db, { actor: ctx.user.id, action: 'redrive-grant.add', target: `${input.orgId} ${input.userId}`, result: 'refused', detail: { viewer: true } });
        throw new TRPCError({ code: 'PRECONDITION_FAILED', message: `${person.name} is a viewer of ${org}: a viewer may only read, so the redrive permission is not given to them.` });
      }
      const added = await addRedriveGrant(ctx.services.db, input, ctx.user.id);
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'redrive-grant.add', target: `${input.orgId} ${input.userId}`, result: 'ok', detail: { added } });
      return { added };
    }),
    remove: adminProcedure.input(RedriveGrantInput).mutation(async ({ ctx, input }) => {
      const removed = await removeRedriveGrant(ctx.services.db, input);
      await audit(ctx.services.db, { actor: ctx.user.id, action: 'redrive-grant.remove', target: `${input.orgId} ${input.userId}`, result: removed ? 'ok' : 'refused' });
      return { removed };
    }),
  }),

  grantRequests: router({
    /** Requests newest first, each with the display names of who asked and who decided, when the platform knows them. */
    list: adminProcedure.input(z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() }).optional()).query(async ({ ctx, input }) => {
      const requests = await listGrantRequests(ctx.services.db, input?.status ? { status: input.status } : {});
      const names = await peopleNames(ctx.services.platform, requests.flatMap((r) => (r.decidedBy ? [r.requestedBy, r.decidedBy] : [r.requestedBy])));
      return requests.map((r) => ({ ...r, requestedByName: names.get(r.requestedBy) ?? null, decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null }));
    }),
    approve: adminProcedure.input(z.strictObject({ id: z.int().min(1), reason: Reason })).mutation(async ({ ctx, input }) => decide(ctx, input, true)),
    reject: adminProcedure.input(z.strictObject({ id: z.int().min(1), reason: Reason })).mutation(async ({ ctx, input }) => decide(ctx, input, false)),
  }),

  /**
   * The audit log, newest first, a page at a time, narrowed by actor, action, target (a flow id) and
   * time; each entry with `names`: the display names, by user id, of its actor and of the people its
   * detail names (`requestedBy`), those the platform knows.
   */
  audit: adminProcedure
    .input(
      z
        .strictObject({
          limit: z.int().min(1).max(500).default(100),
          before: z.int().min(1).optional(),
          actor: z.string().min(1).max(limits.id).optional(),
          action: z.string().min(1).max(64).optional(),
          target: z.string().min(1).max(limits.name).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const entries = await listAudit(ctx.services.db, input ?? {});
      const peopleOf = (e: (typeof entries)[number]) => (typeof e.detail.requestedBy === 'string' ? [e.actor, e.detail.requestedBy] : [e.actor]);
      const names = await peopleNames(ctx.services.platform, entries.flatMap(peopleOf));
      return entries.map((e) => ({ ...e, names: Object.fromEntries(peopleOf(e).flatMap((id) => (names.has(id) ? [[id, names.get(id) ?? id]] : []))) }));
    }),
});

async function decide(
  ctx: { services: Services; user: { id: string } },
  input: { id: number; reason?: string | undefined },
  approve: boolean,
) {
  const decided = await decideRequest(ctx.services, { id: input.id, approve, decidedBy: ctx.user.id, ...(input.reason ? { reason: input.reason } : {}) });
  if (!decided) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no pending grant request ${input.id}.` });
  await audit(ctx.services.db, {
    actor: ctx.user.id,
    action: approve ? 'grant-request.approve' : 'grant-request.reject',
    target: `${decided.algorithm} ${decided.access} ${decided.connection}/${decided.topic}`,
    result: 'ok',
    detail: { request: decided.id, requestedBy: decided.requestedBy },
  });
  return decided;
}
