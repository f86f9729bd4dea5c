import type { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, type SASLOptions } from 'kafkajs';
import { registerCodecs } from './codecs.ts';

/** How to reach a Kafka cluster (a broker connection of DESIGN §1), without credentials. */
export interface KafkaConnection {
  readonly brokers: readonly string[];
  /** TLS: `true` for the system's CAs, or Node TLS options (e.g. `{ ca }` for the connection's CA certificate). */
  readonly ssl?: boolean | ConnectionOptions;
}

/** SASL credentials of one principal on one connection. */
export interface SaslCredentials {
  readonly mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  readonly username: string;
  readonly password: string;
}

/**
 * A kafkajs client for a connection, authenticated as `credentials` when given, with kafkajs' own logs
 * silenced; it reads and writes every Kafka codec (see {@link registerCodecs}).
 */
export function kafkaClient(connection: KafkaConnection, credentials: SaslCredentials | undefined, clientId: string): Kafka {
  registerCodecs();
  const sasl: SASLOptions | undefined = credentials
    ? { mechanism: credentials.mechanism, username: credentials.username, password: credentials.password }
    : undefined;
  return new Kafka({
    clientId,
    brokers: [...connection.brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 5_000 },
    ...(connection.ssl !== undefined ? { ssl: connection.ssl } : {}),
    ...(sasl ? { sasl } : {}),
  });
}
