import { AdoptRequest, DiscoverInput, LeaveAloneRequest } from '@event-flows/model';
import { adoptDiscovered } from '../../discover/adoptDiscovered.ts';
import { discover } from '../../discover/discover.ts';
import { leaveAlone } from '../../discover/leaveAlone.ts';
import { adminProcedure, authedProcedure, expensive, memberProcedure, router } from '../trpc.ts';

/**
 * Discover: what already runs on a connection (topics, ACLs by principal, consumer groups), classified
 * against the deployed flows, a page at a time; and adopt of what was found into a flow. A cluster admin sees everything; anyone else what the
 * org's grants on the connection cover. Each call reads the cluster, so it counts as expensive.
 */
export const discoverRouter = router({
  /** Topics with partitions, replication and the configs that differ from the defaults. */
  topics: authedProcedure.use(expensive).input(DiscoverInput).query(({ ctx, input }) => discover(ctx.services, ctx.user, 'topics', input)),
  /** ACLs grouped by principal. */
  acls: authedProcedure.use(expensive).input(DiscoverInput).query(({ ctx, input }) => discover(ctx.services, ctx.user, 'acls', input)),
  /** Consumer groups with members, state and lag per partition. */
  groups: authedProcedure.use(expensive).input(DiscoverInput).query(({ ctx, input }) => discover(ctx.services, ctx.user, 'groups', input)),
  /**
   * Adopts selected topics and principals into a new flow or an existing one (a member: only what the
   * org's grants cover, into the org's flows); audited. Kafka is not changed until the flow is deployed.
   */
  adopt: memberProcedure.use(expensive).input(AdoptRequest).mutation(({ ctx, input }) => adoptDiscovered(ctx.services, ctx.user, input)),
  /**
   * Cluster admins: marks unmanaged topics, principals or groups to be left alone (no longer proposed
   * for adoption), or takes the marks back; audited.
   */
  leaveAlone: adminProcedure.input(LeaveAloneRequest).mutation(({ ctx, input }) => leaveAlone(ctx.services, ctx.user, input)),
});
