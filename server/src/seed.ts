import { pipelineGraph, type Grant } from '@event-flows/model';
import type { ConnectionInput } from './connections/connectionSchema.ts';
import type { Services } from './services.ts';
import { addGrants, listGrants } from './store/access.ts';
import { getConnectionView, upsertConnection } from './store/connections.ts';
import { createFlow, listFlows } from './store/flows.ts';
import { seedActor } from './identity/peopleNames.ts';

/** The demo's grants: what the order pipeline needs, on the given connection. */
function demoGrants(connection: string): Grant[] {
  const g = (topic: string, algorithm: string, access: Grant['access']): Grant => ({ connection, topic, algorithm, access });
  return [
    g('orders', 'acme/classify', 'subscribe'),
    g('orders.classified', 'acme/classify', 'publish'),
    g('orders.dlq', 'acme/classify', 'publish'),
    g('orders.classified', 'acme/enrich', 'subscribe'),
    g('orders.enriched', 'acme/enrich', 'publish'),
    g('orders.dlq', 'acme/enrich', 'publish'),
    g('orders.enriched', 'acme/alert', 'subscribe'),
    g('alerts', 'acme/alert', 'publish'),
    g('orders', 'acme/echo', 'subscribe'),
    g('orders.echo', 'acme/echo', 'publish'),
  ];
}

/**
 * Makes sure the installation's default connection exists (and follows the configured address), and
 * for the standalone demo seeds grants and an example flow the first time only.
 */
export async function seed(services: Services, connection: ConnectionInput, demo: boolean): Promise<void> {
  const exists = await getConnectionView(services.db, connection.id);
  await upsertConnection(services.db, services.secrets, connection, exists ? 'update' : 'create');
  if (!demo) return;
  if ((await listGrants(services.db)).length === 0) await addGrants(services.db, demoGrants(connection.id), seedActor);
  if ((await listFlows(services.db, 'acme')).length === 0) {
    const graph = pipelineGraph();
    const nodes = graph.nodes.map((n) => (n.kind === 'topic' ? { ...n, connection: connection.id } : n));
    await createFlow(services.db, {
      orgId: 'acme',
      name: 'Order pipeline',
      description: 'ingest → classify → enrich → alert, with a dead-letter queue for classify and enrich.',
      graph: { ...graph, nodes },
      actor: seedActor,
    });
  }
}
