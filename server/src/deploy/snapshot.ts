import type { Acl, Actual, ActualTopic, Catalog, ListenerOrigin, TopicDefaults } from '@event-flows/model';
import { catalogOf, readCatalogRecords, type CatalogRecords, type CatalogSources, type CatalogView } from '../catalog/buildCatalog.ts';
import type { ConnectionAnswer } from '../catalog/catalogCache.ts';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { DomainError } from '../errors.ts';
import type { KafkaGateway } from '../kafka/kafkaGateway.ts';
import { KafkaLacksApi, readFailure } from '../kafka/kafkaFailures.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { listAdoptedTopics, listManagedAcls } from '../store/deployState.ts';
import { listListenerOrigins } from '../store/listenerOrigins.ts';
import { PlatformError } from '../platform/platform.ts';
import type { DeployScope } from './flowLocks.ts';

/** Where a deploy's snapshot is read from: the database, the platform and the clusters. */
export type SnapshotSources = CatalogSources & { kafka: KafkaGateway };

/** Everything a deploy decides on, read once under its locks. */
export interface Snapshot {
  catalog: Catalog;
  /** Connections whose topics could not be read (their topics count as missing). */
  unreachable: CatalogView['unreachable'];
  actual: Actual;
  /** The settings of each connection the deploy touches that still exists, by id. */
  connections: ReadonlyMap<string, ConnectionConfig>;
  /** Whether the studio can delete listeners on the platform (it is connected to the platform's API). */
  removesPlatformListeners: boolean;
  /** The platform's sentence when it did not answer for the flow's adopted listeners' owners (then none is changed). */
  platformProblem?: string;
}

/** What one cluster answered: its topics and defaults, and its ACLs, each or why not. */
interface ClusterAnswer {
  config: ConnectionConfig;
  topics: PromiseSettledResult<{ topics: ActualTopic[]; defaults: TopicDefaults | undefined }>;
  acls: PromiseSettledResult<{ authorizer: boolean; acls: Acl[] }>;
}

/**
 * Reads, once, what a deploy or undeploy of the scope's flow decides on: the org's catalog records
 * (with every grant and enabled binding), the ACLs the studio manages, the topics flows adopted, the
 * flow's subscriptions adopted from listeners of the platform, each touched connection's
 * settings, and from each of those clusters its topics, defaults and ACLs (one Metadata, one
 * DescribeConfigs and one DescribeAcls each; the catalog's memory keeps the topics it heard). Only the
 * flow's connections are asked, fresh: a cluster that does not answer holds up only the flows that
 * use it. One that does not answer (or lacks an API the read needs) refuses the deploy with
 * `PRECONDITION_FAILED` naming it, unless the deploy only looks at it for what an earlier one left
 * there (an undeploy's connections that only the graph names; any deploy's that only left-over ACLs
 * name): it is then left out of `actual.aclsReadOn`, so the plan leaves its ACLs alone.
 */
export async function readSnapshot(sources: SnapshotSources, scope: DeployScope, kind: 'deploy' | 'undeploy'): Promise<Snapshot> {
  const { flow } = scope;
  const [records, managedAcls, flowAcls, adoptedTopics, listenerOrigins, connections] = await Promise.all([
    readCatalogRecords(sources, flow.orgId),
    listManagedAcls(sources.db),
    listManagedAcls(sources.db, { flowId: flow.id }),
    listAdoptedTopics(sources.db),
    listListenerOrigins(sources.db, { flowId: flow.id }),
    connectionConfigs(sources, scope.connections),
  ]);
  const clusters = await Promise.all([...connections.values()].map((config) => askCluster(sources.kafka, config)));
  const answers = new Map<string, ConnectionAnswer>();
  for (const cluster of clusters) {
    const answer = answerOf(cluster);
    answers.set(cluster.config.id, answer);
    sources.catalogCache.remember(cluster.config, answer);
  }
  const optional = new Set([...scope.aclsOnly, ...(kind === 'undeploy' ? scope.graphOnly : [])]);
  const read = clusters.flatMap((cluster) => wholeAnswer(cluster, optional) ?? []);
  const { catalog, unreachable } = catalogOf(flow.orgId, records, answers);
  const actual = { ...actualOf(read, records, managedAcls, flowAcls), adoptedTopics, ...(listenerOrigins.length > 0 ? { listenerOrigins } : {}) };
  const platformProblem = await platformAnswers(sources.platform, listenerOrigins);
  return { catalog, unreachable, actual, connections, removesPlatformListeners: sources.platform.eventListeners !== undefined, ...(platformProblem ? { platformProblem } : {}) };
}

/**
 * Whether the platform answers for the owners of the flow's adopted listeners (one list request per
 * owner), so that the plan can say plainly when it cannot hand over or remove them: the platform's
 * sentence when it does not, else `undefined`.
 */
async function platformAnswers(platform: SnapshotSources['platform'], origins: readonly ListenerOrigin[]): Promise<string | undefined> {
  const api = platform.eventListeners;
  if (!api || origins.length === 0) return undefined;
  for (const userId of [...new Set(origins.map((o) => o.listener.userId))]) {
    try {
      await api.list(userId);
    } catch (error) {
      if (error instanceof PlatformError) return `the platform did not answer (${error.message.replace(/\.$/, '')})`;
      throw error;
    }
  }
  return undefined;
}

/** Each connection's settings (its password decrypted), by id; one deleted meanwhile is left out. */
async function connectionConfigs(sources: Pick<SnapshotSources, 'db' | 'secrets'>, ids: readonly string[]): Promise<Map<string, ConnectionConfig>> {
  const configs = new Map<string, ConnectionConfig>();
  for (const id of ids) {
    const config = await getConnectionConfig(sources.db, sources.secrets, id);
    if (config) configs.set(id, config);
  }
  return configs;
}

/** Asks one cluster for its topics, its defaults for new topics and its ACLs, at once. */
async function askCluster(kafka: KafkaGateway, config: ConnectionConfig): Promise<ClusterAnswer> {
  const [topics, acls] = await Promise.allSettled([
    // Defaults are a convenience: a cluster that will not describe its configs still lists its topics.
    Promise.all([kafka.readTopics(config), kafka.readTopicDefaults(config).catch((): undefined => undefined)]).then(([topics, defaults]) => ({ topics, defaults })),
    kafka.readAcls(config),
  ]);
  return { config, topics, acls };
}

/** A cluster's topics as the catalog keeps them. */
function answerOf(cluster: ClusterAnswer): ConnectionAnswer {
  if (cluster.topics.status === 'rejected') return { ok: false, error: readFailure(cluster.config.name, cluster.topics.reason) };
  return { ok: true, ...cluster.topics.value };
}

/** A cluster's whole answer. */
interface ClusterRead {
  config: ConnectionConfig;
  topics: ActualTopic[];
  authorizer: boolean;
  acls: Acl[];
}

/**
 * The cluster's whole answer; `undefined` when it gave none and the deploy can do without it (an
 * `optional` one); throws when it gave none and the deploy needs it.
 */
function wholeAnswer(cluster: ClusterAnswer, optional: ReadonlySet<string>): ClusterRead | undefined {
  const { config, topics, acls } = cluster;
  if (topics.status === 'fulfilled' && acls.status === 'fulfilled') return { config, topics: topics.value.topics, ...acls.value };
  if (optional.has(config.id)) return undefined;
  const error: unknown = topics.status === 'rejected' ? topics.reason : acls.status === 'rejected' ? acls.reason : undefined;
  // Asking again will not help a cluster that lacks the API.
  if (error instanceof KafkaLacksApi) throw new DomainError('PRECONDITION_FAILED', error.message);
  throw new DomainError('PRECONDITION_FAILED', `${readFailure(config.name, error)} Plan and deploy again once it answers, or ask a cluster admin to check the connection.`);
}

/**
 * What exists now on the clusters that answered: their topics and ACLs, the ACLs we created on them
 * (those recorded as the flow's apart), and every enabled binding and grant.
 */
function actualOf(
  clusters: readonly ClusterRead[],
  records: CatalogRecords,
  managedAcls: readonly Acl[],
  flowAcls: readonly Acl[],
): Actual {
  const ids = new Set(clusters.map((c) => c.config.id));
  return {
    topics: clusters.flatMap((c) => c.topics),
    acls: clusters.flatMap((c) => c.acls),
    managedAcls: managedAcls.filter((a) => ids.has(a.connection)),
    flowAcls: flowAcls.filter((a) => ids.has(a.connection)),
    // Every binding: each ACL one of them needs must count as needed, whichever connections its
    // binding touches. The plan changes ACLs only on the connections read.
    bindings: records.bindings,
    grants: records.grants.map(({ connection, topic, algorithm, access }) => ({ connection, topic, algorithm, access })),
    connectionsWithoutAuthorizer: clusters.filter((c) => !c.authorizer).map((c) => c.config.id),
    aclsReadOn: [...ids],
  };
}
