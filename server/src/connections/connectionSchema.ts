import { createHash } from 'node:crypto';
import { Id, MemberTopicLimits, Name } from '@event-flows/model';
import { z } from 'zod';

const hostPort = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'a bootstrap server is host:port');

/** How Event Flows Studio authenticates to a cluster. */
export const ConnectionAuth = z.discriminatedUnion('mechanism', [
  z.strictObject({ mechanism: z.literal('none') }),
  z.strictObject({
    mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
    username: z.string().min(1).max(256),
    /** Write-only. Left out on an update, the stored password is kept. */
    password: z.string().min(1).max(1024).optional(),
  }),
]);
export type ConnectionAuth = z.infer<typeof ConnectionAuth>;

/** A cluster admin's description of a Kafka cluster to connect to. */
export const ConnectionInput = z.strictObject({
  id: Id,
  name: Name,
  bootstrap: z.array(hostPort).min(1).max(50),
  auth: ConnectionAuth,
  tls: z.strictObject({
    enabled: z.boolean(),
    /**
     * PEM CA certificate(s) to trust; the system's when there are none. Left out on an update, the
     * stored one is kept (as the password is); an empty one removes it.
     */
    caCertificate: z.string().max(64 * 1024).optional(),
  }),
  /** How far members' flows may go in creating topics here; left out, the model's default limits. */
  memberTopicLimits: MemberTopicLimits.optional(),
});
export type ConnectionInput = z.infer<typeof ConnectionInput>;

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

/** Whether two bootstrap lists name the same servers, in whatever order. */
export function sameServers(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a.map((s) => s.toLowerCase()));
  const other = new Set(b.map((s) => s.toLowerCase()));
  return set.size === other.size && [...set].every((s) => other.has(s));
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
  return (
    !sameServers(before.bootstrap, input.bootstrap) ||
    before.auth.mechanism !== input.auth.mechanism ||
    before.tls.enabled !== input.tls.enabled ||
    (before.tls.caCertificate ?? '') !== (input.tls.caCertificate ?? '')
  );
}

/**
 * A hash of a connection's settings, to tell whether something made from them (a client, a cached
 * answer) is still this connection's. A hash, so that the connection's password is not kept in one
 * more place.
 */
export function fingerprintOf(connection: ConnectionConfig): string {
  return createHash('sha256').update(JSON.stringify(connection)).digest('hex');
}
