/**
 * Start-up seeding: the connection of the Kafka this server was started with, and for the standalone
 * demo its grants and example flow. In a database shared by several replicas (PostgreSQL) seeding only
 * adds what is missing: a connection, grant or flow that exists is never overwritten, and a replica whose
 * Kafka would contradict the shared connection refuses to start with a sentence naming both addresses.
 */
import { pipelineGraph, type Grant } from '@event-flows/model';
import type { ConnectionInput, ConnectionView } from './connections/connectionSchema.ts';
import { embeddedConnectionId } from './runtime/credentials.ts';
import type { Services } from './services.ts';
import { addGrants, listGrants } from './store/access.ts';
import { getConnectionConfig, getConnectionView, listConnections, upsertConnection } from './store/connections.ts';
import { createFlow, listFlows } from './store/flows.ts';
import { addRedriveGrant, listRedriveGrants } from './store/redriveGrants.ts';
import { seedActor } from './identity/peopleNames.ts';

/** What seeding writes through. */
type SeedTargets = Pick<Services, 'db' | 'secrets'>;

/** The lock seeding holds, so that two replicas starting at once do not both seed the demo. */
const seedLock = 'eventflows:seed';

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

/** A bootstrap list as a set of addresses: trimmed, host names in lower case, sorted, each once. */
function addressSet(bootstrap: readonly string[]): string[] {
  return [...new Set(bootstrap.map((a) => a.trim().toLowerCase()).filter(Boolean))].sort();
}

/**
 * Whether two bootstrap lists name the same cluster: the same set of `host:port` addresses, whatever
 * their order or case. (Two lists naming different brokers of one cluster are not recognised as one.)
 */
export function sameCluster(a: readonly string[], b: readonly string[]): boolean {
  return addressSet(a).join(',') === addressSet(b).join(',');
}

/** Start-up found the shared database at odds with how this server was started; the message says how. */
export class SeedRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefused';
  }
}

/**
 * Makes sure a connection for this server's Kafka exists and returns its id: on PGlite (one owner)
 * the configured connection, created or made to follow the configured address; on a shared PostgreSQL
 * database an existing connection to the same cluster (same bootstrap addresses) is used as it is,
 * and the configured one is only created when missing. `ownsBroker`: `connection` is this process's
 * embedded broker, which it alone provisions. For the standalone demo, grants and an example flow are
 * seeded the first time only.
 */
export async function seed(services: SeedTargets, connection: ConnectionInput, demo: boolean): Promise<string> {
  return services.db.withLock(seedLock, async () => {
    const id = services.db.kind === 'pglite' ? await followConfigured(services, connection) : await joinShared(services, connection);
    if (!demo) return id;
    if ((await listGrants(services.db)).length === 0) await addGrants(services.db, demoGrants(id), seedActor);
    // The demo's member may redrive the demo's dead letters, as an admin would let an on-call engineer.
    if ((await listRedriveGrants(services.db, { orgId: 'acme' })).length === 0) await addRedriveGrant(services.db, { orgId: 'acme', userId: 'max' }, seedActor);
    if ((await listFlows(services.db, 'acme')).length === 0) {
      const graph = pipelineGraph();
      const nodes = graph.nodes.map((n) => (n.kind === 'topic' ? { ...n, connection: id } : n));
      await createFlow(services.db, {
        orgId: 'acme',
        name: 'Order pipeline',
        description: 'ingest → classify → enrich → alert, with a dead-letter queue for classify and enrich.',
        graph: { ...graph, nodes },
        actor: seedActor,
      });
    }
    return id;
  });
}

/** PGlite belongs to this process alone: the configured connection is the truth (an embedded broker's port may change). */
async function followConfigured(services: SeedTargets, connection: ConnectionInput): Promise<string> {
  const exists = await getConnectionView(services.db, connection.id);
  if (exists) await refresh(services, exists, connection);
  else await upsertConnection(services.db, services.secrets, connection, 'create');
  return connection.id;
}

/** Makes `existing` reach the configured brokers with the configured credentials, keeping the name and limits an admin gave it. */
async function refresh(services: SeedTargets, existing: ConnectionView, connection: ConnectionInput): Promise<void> {
  const kept = { ...connection, name: existing.name, ...(existing.memberTopicLimits ? { memberTopicLimits: existing.memberTopicLimits } : {}) };
  await upsertConnection(services.db, services.secrets, kept, 'update');
}

/**
 * Whether the stored embedded connection is this process's broker: its admin password, generated once
 * per data directory, is the one stored (a restart of the owner with the same data directory).
 */
async function sameBroker(services: SeedTargets, connection: ConnectionInput): Promise<boolean> {
  if (connection.auth.mechanism === 'none' || !connection.auth.password) return false;
  const stored = await getConnectionConfig(services.db, services.secrets, connection.id).catch(() => undefined);
  return stored !== undefined && stored.auth.mechanism !== 'none' && stored.auth.password === connection.auth.password;
}

/** A shared database: use what is there, add what is missing, refuse what contradicts it. */
async function joinShared(services: SeedTargets, connection: ConnectionInput): Promise<string> {
  const existing = await listConnections(services.db);
  const named = existing.find((c) => c.id === connection.id);
  const describe = (c: ConnectionView) => `connection "${c.id}" (${c.name}) points at ${c.bootstrap.join(',')}`;
  if (connection.id === embeddedConnectionId) {
    if (!named) {
      await upsertConnection(services.db, services.secrets, connection, 'create');
      return connection.id;
    }
    if (!sameCluster(named.bootstrap, connection.bootstrap) && !(await sameBroker(services, connection))) {
      throw new SeedRefused(
        `The shared database's ${describe(named)}, the embedded broker of another server, but this server started its own at ${connection.bootstrap.join(',')}. ` +
          `Start this server with KAFKA_BROKERS=${named.bootstrap.join(',')} to share that broker (and leave the connection as it is), or give it a database of its own.`,
      );
    }
    // This process runs that broker (its owner restarted, perhaps on another port): the connection follows it.
    await refresh(services, named, connection);
    return connection.id;
  }
  const same = existing.find((c) => sameCluster(c.bootstrap, connection.bootstrap));
  if (same) return same.id;
  if (named) {
    throw new SeedRefused(
      `The shared database's ${describe(named)}, but this server was started with KAFKA_BROKERS=${connection.bootstrap.join(',')}. ` +
        `Start it with KAFKA_BROKERS=${named.bootstrap.join(',')}, or change the connection on the Connections page first.`,
    );
  }
  await upsertConnection(services.db, services.secrets, connection, 'create');
  return connection.id;
}
