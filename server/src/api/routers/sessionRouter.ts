import { authedProcedure, publicProcedure, router } from '../trpc.ts';

/** Who is signed in. */
export const sessionRouter = router({
  /** The signed-in user and their orgs, or 401. */
  me: authedProcedure.query(async ({ ctx }) => {
    const orgs = await ctx.services.platform.orgs();
    const visible = ctx.user.role === 'admin' ? orgs : orgs.filter((o) => o.id === ctx.user.orgId);
    return { user: ctx.user, orgs: visible, platform: ctx.services.platform.kind };
  }),
  /** Whether a token is present and valid, without failing (for sign-in screens). */
  status: publicProcedure.query(({ ctx }) => ({ signedIn: ctx.user !== undefined })),
});
