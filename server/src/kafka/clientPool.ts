/**
 * The kafkajs clients the server keeps: {@link kafkaFor} makes a kafkajs instance from a connection's
 * settings (servers, TLS, SASL), and a {@link clientPool} keeps one connected client of a kind per
 * connection, made anew when an admin changes the connection's settings.
 */
import kafkajs, { type KafkaConfig, type SASLOptions } from 'kafkajs';
import { fingerprintOf, type ConnectionConfig } from '../connections/connectionSchema.ts';
import { kafkaAnswerMs } from './kafkaFailures.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { Kafka, logLevel } = kafkajs;

/** A kafkajs instance: what admins, producers and the cluster scan are made from. */
export type KafkajsInstance = InstanceType<typeof Kafka>;

/** How a pool's kafkajs clients wait and retry. */
export type ClientTiming = Pick<KafkaConfig, 'requestTimeout' | 'connectionTimeout' | 'retry'>;

/**
 * The timing of a read: each request and connection waits {@link kafkaAnswerMs} and is never retried.
 * kafkajs reconnects a connection the cluster closed while idle by itself, and a retry after a
 * time-out would fail with a less telling error ("Broker not connected").
 */
export const readTiming: ClientTiming = { requestTimeout: kafkaAnswerMs, connectionTimeout: kafkaAnswerMs, retry: { retries: 0 } };

/** A kafkajs client a pool keeps: an admin or a producer. */
interface PooledClient {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

function saslFor(connection: ConnectionConfig): SASLOptions | undefined {
  const { auth } = connection;
  if (auth.mechanism === 'none') return undefined;
  return { mechanism: auth.mechanism, username: auth.username, password: auth.password } as SASLOptions;
}

/** A kafkajs instance for the connection, with its servers, TLS and SASL settings. */
export function kafkaFor(connection: ConnectionConfig, clientId: string, timing: ClientTiming): KafkajsInstance {
  const sasl = saslFor(connection);
  return new Kafka({
    clientId,
    brokers: connection.bootstrap,
    logLevel: logLevel.NOTHING,
    ...timing,
    ...(connection.tls.enabled ? { ssl: connection.tls.caCertificate ? { ca: [connection.tls.caCertificate] } : true } : {}),
    ...(sasl ? { sasl } : {}),
  });
}

/** One connected client per connection: {@link clientPool}'s answer. */
export interface ClientPool<C> {
  /** The connection's client, connected; a new one when the connection's settings changed. */
  get(connection: ConnectionConfig): Promise<C>;
  /** Disconnects the clients of connections not among `connections`, or whose settings changed. */
  keepOnly(connections: readonly ConnectionConfig[]): Promise<void>;
  /** Disconnects every client. */
  close(): Promise<void>;
}

/**
 * Connected kafkajs clients, one per connection, connected on first use and made anew when the
 * connection's settings change. `make` makes the client (an admin or a producer) from a kafkajs instance.
 */
export function clientPool<C extends PooledClient>(clientId: string, timing: ClientTiming, make: (kafka: KafkajsInstance) => C): ClientPool<C> {
  const clients = new Map<string, { fingerprint: string; client: Promise<C> }>();
  const disconnect = async (entry: { client: Promise<C> }) => (await entry.client.catch(() => undefined))?.disconnect();
  return {
    get(connection) {
      const fingerprint = fingerprintOf(connection);
      const cached = clients.get(connection.id);
      if (cached && cached.fingerprint === fingerprint) return cached.client;
      // The new client takes the old one's place at once, so that callers meanwhile share it.
      if (cached) void disconnect(cached);
      const client = make(kafkaFor(connection, clientId, timing));
      const ready = client.connect().then(() => client);
      const entry = { fingerprint, client: ready };
      clients.set(connection.id, entry);
      ready.catch(() => {
        if (clients.get(connection.id) === entry) clients.delete(connection.id);
      });
      return ready;
    },
    async keepOnly(connections) {
      const current = new Map(connections.map((c) => [c.id, fingerprintOf(c)]));
      const stale = [...clients].filter(([id, entry]) => current.get(id) !== entry.fingerprint);
      for (const [id] of stale) clients.delete(id);
      await Promise.all(stale.map(([, entry]) => disconnect(entry)));
    },
    async close() {
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map(disconnect));
    },
  };
}
