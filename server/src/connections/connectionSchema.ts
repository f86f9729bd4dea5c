import { createHash } from 'node:crypto';
import { passwordDestinationChanges, type ConnectionAuth, type ConnectionInput, type MemberTopicLimits } from '@event-flows/model';

export { ConnectionAuth, ConnectionInput, sameServers } from '@event-flows/model';

/** A connection as the API shows it: never the password. */
export interface ConnectionView {
  id: string;
  name: string;
  bootstrap: string[];
  auth: { mechanism: ConnectionAuth['mechanism']; username?: string };
  tls: { enabled: boolean; hasCaCertificate: boolean };
  hasPassword: boolean;
  /** The limits a cluster admin set on members' new topics here; absent: the model's default. */
  memberTopicLimits?: MemberTopicLimits;
  createdAt: string;
  updatedAt: string;
}

/** A connection with its decrypted secret, for the server's own Kafka clients only. */
export interface ConnectionConfig {
  id: string;
  name: string;
  bootstrap: string[];
  auth: { mechanism: 'none' } | { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  tls: { enabled: boolean; caCertificate?: string };
}

/** `input` as an update means it: a CA certificate left out is the stored one. */
export function withStoredCa(before: ConnectionConfig, input: ConnectionInput): ConnectionInput {
  if (input.tls.caCertificate !== undefined || before.tls.caCertificate === undefined) return input;
  return { ...input, tls: { ...input.tls, caCertificate: before.tls.caCertificate } };
}

/**
 * Whether changing `before` as `input` says needs the password entered again: a stored password is sent
 * only to the servers, by the mechanism and over the TLS settings it was entered for, so that changing
 * them cannot send it somewhere else (then "test" would). Other changes keep the stored password.
 */
export function needsPasswordAgain(before: ConnectionConfig, input: ConnectionInput): boolean {
  if (input.auth.mechanism === 'none' || input.auth.password !== undefined) return false;
  const caChanged = (before.tls.caCertificate ?? '') !== (input.tls.caCertificate ?? '');
  const from = { bootstrap: before.bootstrap, mechanism: before.auth.mechanism, tls: before.tls.enabled };
  return passwordDestinationChanges(from, { bootstrap: input.bootstrap, mechanism: input.auth.mechanism, tls: input.tls.enabled }, caChanged).length > 0;
}

/**
 * A hash of a connection's settings, to tell whether something made from them (a client, a cached
 * answer) is still this connection's. A hash, so that the connection's password is not kept in one
 * more place.
 */
export function fingerprintOf(connection: ConnectionConfig): string {
  return createHash('sha256').update(JSON.stringify(connection)).digest('hex');
}
