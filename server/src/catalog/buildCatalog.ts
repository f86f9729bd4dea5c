import { isLegalTopicName, limits, parseAlgorithmRef, type Catalog, type CatalogConnection, type FlowGraph, type PlannedTopic, type TopicDefaults } from '@event-flows/model';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { getConnectionConfig, listConnections } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';
import { listFlows, listFlowTopics, type FlowTopic } from '../store/flows.ts';

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
 * that does not answer contributes no topics and is listed in `unreachable`, with the reason. `fresh`
 * asks the clusters now rather than taking what was read a few seconds ago (a plan and a deploy do).
 */
export async function buildCatalog(services: Services, orgId: string, options: { connections?: Iterable<string>; fresh?: boolean } = {}): Promise<CatalogView> {
  const [orgs, algorithms, views, grants, bindings, flows, flowTopics] = await Promise.all([
    services.platform.orgs(),
    services.platform.algorithms(orgId),
    listConnections(services.db),
    listGrants(services.db),
    listBindings(services.db),
    listFlows(services.db, orgId),
    listFlowTopics(services.db, orgId, limits.listItems),
  ]);
  const only = options.connections ? new Set(options.connections) : undefined;
  if (!only) services.catalogCache.keepOnly(new Set(views.map((v) => v.id)));
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const unreachable: CatalogView['unreachable'] = [];
  const connections = await Promise.all(
    views.map(async (view): Promise<CatalogConnection> => {
      // The member limits are the admin's, not the cluster's: known whether or not it answers.
      const memberLimits = view.memberTopicLimits ? { memberTopicLimits: view.memberTopicLimits } : {};
      if (only && !only.has(view.id)) return { id: view.id, name: view.name, topics: [], ...memberLimits };
      const config = await getConnectionConfig(services.db, services.secrets, view.id);
      const answer = config ? await services.catalogCache.read(config, { fresh: options.fresh ?? false, ...(only ? {} : { waitMs: paletteWaitMs }) }) : { ok: true as const, topics: [], defaults: undefined };
      if (!answer?.ok) {
        unreachable.push({ connection: view.id, error: answer ? answer.error : `Kafka connection '${view.name}' has not answered yet.` });
        // Unknown which of them exist: the flows' topics are still worth offering.
        return { id: view.id, name: view.name, topics: [], ...memberLimits, plannedTopics: plannedOn(view.id, flowTopics, new Set()) };
      }
      const names = new Set(answer.topics.map((t) => t.topic));
      return {
        id: view.id,
        name: view.name,
        topics: answer.topics.map((t) => ({ name: t.topic, partitions: t.partitions })),
        ...withDefaults(answer.defaults),
        ...memberLimits,
        plannedTopics: plannedOn(view.id, flowTopics, names),
      };
    }),
  );
  const ours = (algorithm: string) => parseAlgorithmRef(algorithm)?.org === orgId;
  return {
    catalog: {
      orgs: orgs.filter((org) => org.id === orgId),
      algorithms,
      connections,
      grants: grants.filter((g) => ours(g.algorithm)).map(({ connection, topic, algorithm, access }) => ({ connection, topic, algorithm, access })),
      claims: bindings
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
