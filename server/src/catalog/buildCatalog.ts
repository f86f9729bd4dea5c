import {
  isLegalTopicName,
  limits,
  parseAlgorithmRef,
  type Binding,
  type Catalog,
  type CatalogAlgorithm,
  type CatalogConnection,
  type FlowGraph,
  type Org,
  type PlannedTopic,
  type TopicDefaults,
} from '@event-flows/model';
import type { ConnectionView } from '../connections/connectionSchema.ts';
import type { Services } from '../services.ts';
import { listGrants, type GrantRecord } from '../store/access.ts';
import { getConnectionConfig, listConnections } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';
import { listFlows, listFlowTopics, type FlowSummary, type FlowTopic } from '../store/flows.ts';
import type { ConnectionAnswer } from './catalogCache.ts';

/** A catalog, and the connections whose topics could not be read just now. */
export interface CatalogView {
  catalog: Catalog;
  unreachable: Array<{ connection: string; error: string }>;
}

/**
 * Longest the whole catalog (the palette's) waits, after the cluster was first asked, for a connection
 * this server has no answer of yet; the connection is then listed as not answering yet, and its read
 * goes on.
 */
export const paletteWaitMs = 1_000;

/** Where a catalog is read from: the database, the platform, and what the clusters last answered. */
export type CatalogSources = Pick<Services, 'db' | 'secrets' | 'catalogCache' | 'platform'>;

/** What the platform and the database hold for an org's catalog, as read once. */
export interface CatalogRecords {
  orgs: Org[];
  algorithms: CatalogAlgorithm[];
  connections: ConnectionView[];
  /** Every grant (all orgs): the catalog keeps its org's; a deploy's actual state needs them all. */
  grants: GrantRecord[];
  /** Every enabled binding (all flows), likewise. */
  bindings: Binding[];
  flows: FlowSummary[];
  flowTopics: FlowTopic[];
}

/** Reads what an org's catalog is made of, from the platform and the database (no cluster is asked). */
export async function readCatalogRecords(sources: Pick<CatalogSources, 'db' | 'platform'>, orgId: string): Promise<CatalogRecords> {
  const [orgs, algorithms, connections, grants, bindings, flows, flowTopics] = await Promise.all([
    sources.platform.orgs(),
    sources.platform.algorithms(orgId),
    listConnections(sources.db),
    listGrants(sources.db),
    listBindings(sources.db),
    listFlows(sources.db, orgId),
    listFlowTopics(sources.db, orgId, limits.listItems),
  ]);
  return { orgs, algorithms, connections, grants, bindings, flows, flowTopics };
}

/**
 * Builds the catalog for an org: its algorithms from the platform, every connection with its topics
 * and its defaults for new topics as last read from Kafka (kept by `CatalogCache`), the topics the org's
 * flows name that the connection does not have yet, and the grants and enabled bindings (as claims) of
 * the org's algorithms. A flow uses only its own org's algorithms, so that is all validation looks up;
 * other orgs' grants, bindings and flows are theirs, and a member of one org does not see them.
 *
 * With `connections` (those a flow names), only their topics are read: the others are listed without
 * topics, and a request for one flow never waits for a cluster it does not use. Without, every
 * connection is read, waiting at most {@link paletteWaitMs} for one that never answered. A connection
 * that does not answer contributes no topics and is listed in `unreachable`, with the reason.
 */
export async function buildCatalog(sources: CatalogSources, orgId: string, options: { connections?: Iterable<string> } = {}): Promise<CatalogView> {
  const records = await readCatalogRecords(sources, orgId);
  const only = options.connections ? new Set(options.connections) : undefined;
  if (!only) sources.catalogCache.keepOnly(new Set(records.connections.map((v) => v.id)));
  const read = records.connections.filter((view) => !only || only.has(view.id));
  const answers = new Map(
    await Promise.all(
      read.map(async (view) => {
        const config = await getConnectionConfig(sources.db, sources.secrets, view.id);
        const answer = config ? await sources.catalogCache.read(config, only ? {} : { waitMs: paletteWaitMs }) : { ok: true as const, topics: [], defaults: undefined };
        return [view.id, answer] as const;
      }),
    ),
  );
  return catalogOf(orgId, records, answers);
}

/**
 * The org's catalog from its records and the answers of the connections that were asked (by connection
 * id; `undefined`: no answer yet). A connection not among `answers` is listed without topics; one whose
 * answer is missing or failed is listed in `unreachable`, with the topics the org's flows name on it.
 */
export function catalogOf(orgId: string, records: CatalogRecords, answers: ReadonlyMap<string, ConnectionAnswer | undefined>): CatalogView {
  const flowNames = new Map(records.flows.map((f) => [f.id, f.name]));
  const unreachable: CatalogView['unreachable'] = [];
  const connections = records.connections.map((view): CatalogConnection => {
    // The member limits are the admin's, not the cluster's: known whether or not it answers.
    const memberLimits = view.memberTopicLimits ? { memberTopicLimits: view.memberTopicLimits } : {};
    if (!answers.has(view.id)) return { id: view.id, name: view.name, topics: [], ...memberLimits };
    const answer = answers.get(view.id);
    if (!answer?.ok) {
      unreachable.push({ connection: view.id, error: answer ? answer.error : `Kafka connection '${view.name}' has not answered yet.` });
      // Unknown which of them exist: the flows' topics are still worth offering.
      return { id: view.id, name: view.name, topics: [], ...memberLimits, plannedTopics: plannedOn(view.id, records.flowTopics, new Set()) };
    }
    const names = new Set(answer.topics.map((t) => t.topic));
    return {
      id: view.id,
      name: view.name,
      topics: answer.topics.map((t) => ({ name: t.topic, partitions: t.partitions })),
      ...withDefaults(answer.defaults),
      ...memberLimits,
      plannedTopics: plannedOn(view.id, records.flowTopics, names),
    };
  });
  const ours = (algorithm: string) => parseAlgorithmRef(algorithm)?.org === orgId;
  return {
    catalog: {
      orgs: records.orgs.filter((org) => org.id === orgId),
      algorithms: records.algorithms,
      connections,
      grants: records.grants.filter((g) => ours(g.algorithm)).map(({ connection, topic, algorithm, access }) => ({ connection, topic, algorithm, access })),
      claims: records.bindings
        .filter((b) => ours(b.algorithm))
        .map((b) => ({
          algorithm: b.algorithm,
          connection: b.connection,
          topic: b.topic,
          direction: b.direction,
          flowId: b.flowId,
          flowName: flowNames.get(b.flowId) ?? b.flowId,
        })),
    },
    unreachable,
  };
}

/** The connections a graph's topic nodes name: all that validating it needs read. */
export function connectionsNamedBy(graph: FlowGraph): Set<string> {
  const ids = new Set<string>();
  for (const node of graph.nodes) if (node.kind === 'topic') ids.add(node.connection);
  return ids;
}

function withDefaults(defaults: TopicDefaults | undefined): { defaults?: TopicDefaults } {
  return defaults ? { defaults } : {};
}

/** The flows' topics on `connection` that it does not have (and whose names Kafka would accept). */
function plannedOn(connection: string, flowTopics: readonly FlowTopic[], existing: ReadonlySet<string>): PlannedTopic[] {
  return flowTopics
    .filter((t) => t.connection === connection && !existing.has(t.topic) && isLegalTopicName(t.topic))
    .map((t) => ({ name: t.topic, flow: t.flowName }));
}
