import { DiscoverInput } from '@event-flows/model';
import { discover } from '../../discover/discover.ts';
import { authedProcedure, expensive, router } from '../trpc.ts';

/**
 * Discover: what already runs on a connection (topics, ACLs by principal, consumer groups), classified
 * against the deployed flows, a page at a time. A cluster admin sees everything; anyone else what the
 * org's grants on the connection cover. Each call reads the cluster, so it counts as expensive.
 */
export const discoverRouter = router({
  /** Topics with partitions, replication and the configs that differ from the defaults. */
  topics: authedProcedure.use(expensive).input(DiscoverInput).query(({ ctx, input }) => discover(ctx.services, ctx.user, 'topics', input)),
  /** ACLs grouped by principal. */
  acls: authedProcedure.use(expensive).input(DiscoverInput).query(({ ctx, input }) => discover(ctx.services, ctx.user, 'acls', input)),
  /** Consumer groups with members, state and lag per partition. */
  groups: authedProcedure.use(expensive).input(DiscoverInput).query(({ ctx, input }) => discover(ctx.services, ctx.user, 'groups', input)),
});
