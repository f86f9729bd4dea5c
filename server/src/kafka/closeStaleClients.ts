import type { Services } from '../services.ts';
import { getConnectionConfig, listConnections } from '../store/connections.ts';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';

/**
 * Disconnects the Kafka clients this process keeps (admins, the test-message producer) of a
 * connection as soon as an admin, on any replica, changes or deletes it: a client keeps the settings
 * it was made with, and must not stay signed in to a cluster the studio no longer names. Returns the
 * function that stops following changes.
 */
export function closeStaleKafkaClients(services: Pick<Services, 'db' | 'secrets' | 'kafka' | 'events' | 'log'>): () => void {
  // One check at a time, each reading the connections as they are when its turn comes.
  let checking = Promise.resolve();
  const unsubscribe = services.events.subscribeChanges((_orgId, change) => {
    if (change.kind !== 'catalog-changed' || change.what !== 'connections') return;
    checking = checking
      .then(async () => {
        const views = await listConnections(services.db);
        const configs = await Promise.all(views.map((view) => getConnectionConfig(services.db, services.secrets, view.id)));
        await services.kafka.keepOnly(configs.filter((config): config is ConnectionConfig => config !== undefined));
      })
      .catch((error: unknown) => services.log('warn', 'could not close the Kafka clients of a changed connection', { error: error instanceof Error ? error.message : String(error) }));
  });
  return () => {
    unsubscribe();
  };
}
