import { parseAlgorithmRef, type Catalog, type CatalogConnection } from '@event-flows/model';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { getConnectionConfig, listConnections } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';
import { listFlows } from '../store/flows.ts';

/** A catalog, and the connections whose topics could not be read just now. */
export interface CatalogView {
  catalog: Catalog;
  unreachable: Array<{ connection: string; error: string }>;
}

/**
 * Builds the catalog for an org: its algorithms from the platform, every connection with its topics
 * read live from Kafka, and the grants and enabled bindings (as claims) of the org's algorithms. A
 * flow uses only its own org's algorithms, so that is all validation looks up; other orgs' grants,
 * bindings and flows are theirs, and a member of one org does not see them. A connection that does
 * not answer contributes no topics and is listed in `unreachable`.
 */
export async function buildCatalog(services: Services, orgId: string): Promise<CatalogView> {
  const [orgs, algorithms, views, grants, bindings, flows] = await Promise.all([
    services.platform.orgs(),
    services.platform.algorithms(orgId),
    listConnections(services.db),
    listGrants(services.db),
    listBindings(services.db),
    listFlows(services.db, orgId),
  ]);
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const unreachable: CatalogView['unreachable'] = [];
  const connections = await Promise.all(
    views.map(async (view): Promise<CatalogConnection> => {
      try {
        const config = await getConnectionConfig(services.db, services.secrets, view.id);
        const topics = config ? await services.kafka.readTopics(config) : [];
        return { id: view.id, name: view.name, topics: topics.map((t) => ({ name: t.topic, partitions: t.partitions })) };
      } catch (error) {
        unreachable.push({ connection: view.id, error: error instanceof Error ? error.message : String(error) });
        return { id: view.id, name: view.name, topics: [] };
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
