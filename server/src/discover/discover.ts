/**
 * Discover (issue 21): what already runs on one Kafka connection, classified against the deployed
 * flows. Reads once — the connection, the grants on it, the deployed revision of every flow, and the
 * cluster in one batched pass — then decides with the model (`classifyScan`, `visibleTo`,
 * `discoverPage`) and answers one page of one kind.
 */
import {
  classifyScan,
  compile,
  discoverPage,
  visibleTo,
  type DeployedFlow,
  type DiscoverInput,
  type DiscoverKind,
  type DiscoverPage,
  type DiscoveredGroup,
  type DiscoveredPrincipal,
  type DiscoveredTopic,
  type Discovery,
  type FlowGraph,
} from '@event-flows/model';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import { KafkaLacksApi, readFailure } from '../kafka/kafkaGateway.ts';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { listLeftAlone } from '../store/leftAlone.ts';
import { deployedRevisionSql } from '../store/deployments.ts';

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
  scannedAt: string;
};

/**
 * One page of what runs on `input.connection`, as `user` may see it: a cluster admin everything, anyone
 * else what the org's grants on the connection cover. Refuses a connection that does not exist
 * (NOT_FOUND) or a cluster that does not answer (PRECONDITION_FAILED), each with a sentence.
 */
export async function discover<K extends DiscoverKind>(
  services: Pick<Services, 'db' | 'secrets' | 'kafka' | 'naming'>,
  user: User,
  kind: K,
  input: DiscoverInput,
): Promise<DiscoverAnswer<DiscoveredKinds[K]>> {
  const { config, discovery } = await discoverConnection(services, user, input.connection);
  const head = { connection: { id: config.id, name: config.name }, authorizer: discovery.authorizer, scannedAt: new Date().toISOString() };
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
  const config = await getConnectionConfig(services.db, services.secrets, connection);
  if (!config) throw new DomainError('NOT_FOUND', `There is no connection "${connection}".`);
  const [grants, deployed, leftAlone] = await Promise.all([listGrants(services.db, { connection: config.id }), deployedFlows(services.db, user), listLeftAlone(services.db, config.id)]);
  const scan = await services.kafka.scan(config).catch((error: unknown) => {
    if (error instanceof KafkaLacksApi) throw new DomainError('PRECONDITION_FAILED', error.message);
    throw new DomainError('PRECONDITION_FAILED', `${readFailure(config.name, error)} Try again once it answers, or ask a cluster admin to check the connection.`);
  });
  const flows: DeployedFlow[] = deployed.map((f) => ({ flowId: f.flowId, flowName: f.flowName, desired: compile(f.graph, { flowId: f.id, naming: services.naming }) }));
  return { config, discovery: visibleTo(user, classifyScan(config.id, scan, flows, leftAlone), grants, services.naming) };
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
  return rows.map((r) => {
    const shown = user.role === 'admin' || r.org_id === user.orgId;
    return { id: r.id, flowId: shown ? r.id : null, flowName: shown ? r.name : 'a flow of another org', graph: r.graph };
  });
}
