/**
 * Discover (issue 21): what already runs on one Kafka connection, classified against the flows.
 * Reads once — the connection, the grants on it, the deployed and the newest revision of every flow,
 * and the cluster in one batched pass — then decides with the model (`classifyScan`, `visibleTo`) and
 * keeps the result for a short while (`DiscoverMemory`), so that each page of one kind (`discoverPage`)
 * reads the kept scan until it is stale or a person asks to rescan.
 */
import {
  algorithmForPrincipal,
  classifyScan,
  compile,
  discoverPage,
  visibleTo,
  type DeployedFlow,
  type UndeployedFlow,
  type DiscoverInput,
  type DiscoverKind,
  type DiscoverPage,
  type DiscoveredGroup,
  type DiscoveredPrincipal,
  type DiscoveredTopic,
  type Discovery,
  type FlowGraph,
  type NamingOptions,
} from '@event-flows/model';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import { KafkaLacksApi, readFailure } from '../kafka/kafkaFailures.ts';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { listLeftAlone } from '../store/leftAlone.ts';
import { deployedRevisionSql } from '../store/deployments.ts';
import { discoverStamp, visibilityOf } from './discoverMemory.ts';

/** What each kind of discovery lists. */
interface DiscoveredKinds {
  topics: DiscoveredTopic;
  acls: DiscoveredPrincipal;
  groups: DiscoveredGroup;
}

/** One page of discovery. */
export type DiscoverAnswer<T extends DiscoveredKinds[DiscoverKind]> = DiscoverPage<T> & {
  connection: { id: string; name: string };
  /** Whether the cluster has an authorizer (without one it has no ACLs to list). */
  authorizer: boolean;
  /** When the cluster was read: pages read the scan kept since then until it is stale or `rescan` is asked. */
  scannedAt: string;
};

/**
 * One page of what runs on `input.connection`, as `user` may see it: a cluster admin everything, anyone
 * else what the org's grants on the connection cover. Reads the scan kept for the connection and the
 * caller's visibility while it is recent and the studio's state has not changed since (no deploy,
 * saved flow, grant or mark); otherwise, or with `input.rescan`, scans again. Refuses a connection that
 * does not exist (NOT_FOUND) or a cluster that does not answer (PRECONDITION_FAILED), each with a sentence.
 */
export async function discover<K extends DiscoverKind>(
  services: Pick<Services, 'db' | 'secrets' | 'kafka' | 'naming' | 'discoverMemory'>,
  user: User,
  kind: K,
  input: DiscoverInput,
): Promise<DiscoverAnswer<DiscoveredKinds[K]>> {
  const config = await connectionConfig(services, input.connection);
  const stamp = await discoverStamp(services.db, config.id);
  const kept = await services.discoverMemory.read(config.id, visibilityOf(user), stamp, input.rescan === true, async () => (await discoverConnection(services, user, config.id)).discovery);
  const discovery = kept.discovery;
  const head = { connection: { id: config.id, name: config.name }, authorizer: discovery.authorizer, scannedAt: new Date(kept.scannedAt).toISOString() };
  const lists: { [Kind in DiscoverKind]: DiscoveredKinds[Kind][] } = { topics: discovery.topics, acls: discovery.principals, groups: discovery.groups };
  return { ...head, ...discoverPage(lists[kind], input) };
}

/**
 * Everything on `connection` that `user` may see, classified: read once (the connection, its grants,
 * the deployed flows, one batched scan of the cluster). Refuses as {@link discover} does.
 */
export async function discoverConnection(
  services: Pick<Services, 'db' | 'secrets' | 'kafka' | 'naming'>,
  user: User,
  connection: string,
): Promise<{ config: ConnectionConfig; discovery: Discovery }> {
  const config = await connectionConfig(services, connection);
  const [grants, deployed, undeployed, leftAlone] = await Promise.all([
    listGrants(services.db, { connection: config.id }),
    deployedFlows(services.db, user),
    undeployedFlows(services.db, user),
    listLeftAlone(services.db, config.id),
  ]);
  const scan = await services.kafka.scan(config).catch((error: unknown) => {
    if (error instanceof KafkaLacksApi) throw new DomainError('PRECONDITION_FAILED', error.message);
    throw new DomainError('PRECONDITION_FAILED', `${readFailure(config.name, error)} Try again once it answers, or ask a cluster admin to check the connection.`);
  });
  const wants = (f: DeployedRevision): DeployedFlow => ({ flowId: f.flowId, flowName: f.flowName, desired: compile(f.graph, { flowId: f.id, naming: services.naming }) });
  const pending: UndeployedFlow[] = undeployed.map(wants);
  const discovery = visibleTo(user, classifyScan(config.id, scan, deployed.map(wants), leftAlone, pending), grants, services.naming);
  return { config, discovery: { ...discovery, principals: discovery.principals.map((p) => withAlgorithm(p, services.naming)) } };
}

/** The principal with the algorithm it names under the naming template, when it follows it (what adopting it adds). */
function withAlgorithm(principal: DiscoveredPrincipal, naming: NamingOptions): DiscoveredPrincipal {
  const algorithm = algorithmForPrincipal(principal.name, naming);
  return algorithm ? { ...principal, algorithm } : principal;
}

async function connectionConfig(services: Pick<Services, 'db' | 'secrets'>, connection: string): Promise<ConnectionConfig> {
  const config = await getConnectionConfig(services.db, services.secrets, connection);
  if (!config) throw new DomainError('NOT_FOUND', `There is no connection "${connection}".`);
  return config;
}

/** A deployed flow's revision as Kafka runs it, named as `user` may see it. */
interface DeployedRevision {
  id: string;
  flowId: string | null;
  flowName: string;
  graph: FlowGraph;
}

/**
 * Every flow's deployed revision (its last successful deploy's graph), every org's: what is deployed
 * decides what is managed, whoever owns it. Another org's flow is not named to a member.
 */
async function deployedFlows(q: Queryable, user: User): Promise<DeployedRevision[]> {
  const rows = await q.query<{ id: string; org_id: string; name: string; graph: FlowGraph }>(
    `select f.id, f.org_id, r.name, r.graph from flows f
       join flow_revisions r on r.flow_id = f.id and r.revision = ${deployedRevisionSql('f.id')}
      order by f.id`,
  );
  return rows.map((r) => namedFor(user, r));
}

/**
 * Every flow's newest revision when it is not the deployed one (never deployed, or saved since): what
 * it wants and does not run yet, e.g. what was adopted into it. Named as {@link deployedFlows} does.
 */
async function undeployedFlows(q: Queryable, user: User): Promise<DeployedRevision[]> {
  const rows = await q.query<{ id: string; org_id: string; name: string; graph: FlowGraph }>(
    `select f.id, f.org_id, f.name, f.graph from flows f
      where f.revision is distinct from ${deployedRevisionSql('f.id')}
      order by f.id`,
  );
  return rows.map((r) => namedFor(user, r));
}

function namedFor(user: User, r: { id: string; org_id: string; name: string; graph: FlowGraph }): DeployedRevision {
  const shown = user.role === 'admin' || r.org_id === user.orgId;
  return { id: r.id, flowId: shown ? r.id : null, flowName: shown ? r.name : 'a flow of another org', graph: r.graph };
}
