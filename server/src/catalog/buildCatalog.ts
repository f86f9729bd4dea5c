import { isLegalTopicName, limits, parseAlgorithmRef, type Catalog, type CatalogConnection, type PlannedTopic, type TopicDefaults } from '@event-flows/model';
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
 * Builds the catalog for an org: its algorithms from the platform, every connection with its topics
 * and its defaults for new topics read live from Kafka, the topics the org's flows name that the
 * connection does not have yet, and the grants and enabled bindings (as claims) of the org's algorithms. A
 * flow uses only its own org's algorithms, so that is all validation looks up; other orgs' grants,
 * bindings and flows are theirs, and a member of one org does not see them. A connection that does
 * not answer contributes no topics and is listed in `unreachable`.
 */
export async function buildCatalog(services: Services, orgId: string): Promise<CatalogView> {
  const [orgs, algorithms, views, grants, bindings, flows, flowTopics] = await Promise.all([
    services.platform.orgs(),
    services.platform.algorithms(orgId),
    listConnections(services.db),
    listGrants(services.db),
    listBindings(services.db),
    listFlows(services.db, orgId),
    listFlowTopics(services.db, orgId, limits.listItems),
  ]);
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const unreachable: CatalogView['unreachable'] = [];
  const connections = await Promise.all(
    views.map(async (view): Promise<CatalogConnection> => {
      try {
        const config = await getConnectionConfig(services.db, services.secrets, view.id);
        // Defaults are a convenience: a cluster that will not describe its configs still lists its topics.
        const [topics, defaults] = config
          ? await Promise.all([services.kafka.readTopics(config), services.kafka.readTopicDefaults(config).catch((): undefined => undefined)])
          : [[], undefined];
        const names = new Set(topics.map((t) => t.topic));
        return {
          id: view.id,
          name: view.name,
          topics: topics.map((t) => ({ name: t.topic, partitions: t.partitions })),
          ...withDefaults(defaults),
          plannedTopics: plannedOn(view.id, flowTopics, names),
        };
      } catch (error) {
        unreachable.push({ connection: view.id, error: error instanceof Error ? error.message : String(error) });
        // Unknown which of them exist: the flows' topics are still worth offering.
        return { id: view.id, name: view.name, topics: [], plannedTopics: plannedOn(view.id, flowTopics, new Set()) };
      }
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

function withDefaults(defaults: TopicDefaults | undefined): { defaults?: TopicDefaults } {
  return defaults ? { defaults } : {};
}

/** The flows' topics on `connection` that it does not have (and whose names Kafka would accept). */
function plannedOn(connection: string, flowTopics: readonly FlowTopic[], existing: ReadonlySet<string>): PlannedTopic[] {
  return flowTopics
    .filter((t) => t.connection === connection && !existing.has(t.topic) && isLegalTopicName(t.topic))
    .map((t) => ({ name: t.topic, flow: t.flowName }));
}
