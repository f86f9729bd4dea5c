import { z } from 'zod';
import { MemberTopicLimits } from './catalog.ts';
import { limits } from './limits.ts';
import { Id, Name } from './names.ts';

/** One bootstrap server, `host:port` (an IPv6 address in brackets). */
export const BootstrapServer = z
  .string()
  .max(limits.bootstrapServer)
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/, 'a bootstrap server is host:port');

/** The SASL mechanisms a connection may authenticate with, as the API spells them. */
export const saslMechanisms = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/** How Event Flows Studio authenticates to a cluster. */
export const ConnectionAuth = z.discriminatedUnion('mechanism', [
  z.strictObject({ mechanism: z.literal('none') }),
  z.strictObject({
    mechanism: z.enum(saslMechanisms),
    username: z.string().min(1).max(limits.username),
    /** Write-only. Left out on an update, the stored password is kept. */
    password: z.string().min(1).max(limits.password).optional(),
  }),
]);
export type ConnectionAuth = z.infer<typeof ConnectionAuth>;

/** A cluster admin's description of a Kafka cluster to connect to. */
export const ConnectionInput = z.strictObject({
  id: Id,
  name: Name,
  bootstrap: z.array(BootstrapServer).min(1).max(limits.bootstrapServers),
  auth: ConnectionAuth,
  tls: z.strictObject({
    enabled: z.boolean(),
    /**
     * PEM CA certificate(s) to trust; the system's when there are none. Left out on an update, the
     * stored one is kept (as the password is); an empty one removes it.
     */
    caCertificate: z.string().max(limits.caCertificate).optional(),
  }),
  /** How far members' flows may go in creating topics here; left out, the model's default limits. */
  memberTopicLimits: MemberTopicLimits.optional(),
});
export type ConnectionInput = z.infer<typeof ConnectionInput>;

/** Whether two bootstrap lists name the same servers, in whatever order. */
export function sameServers(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a.map((s) => s.toLowerCase()));
  const other = new Set(b.map((s) => s.toLowerCase()));
  return set.size === other.size && [...set].every((s) => other.has(s));
}

/** Where a connection's stored password is sent: its servers, by its mechanism, over its TLS settings. */
export interface PasswordDestination {
  bootstrap: readonly string[];
  mechanism: ConnectionAuth['mechanism'];
  tls: boolean;
}

/**
 * What a change from `before` to `after` alters of where the stored password would be sent, in words
 * ("the bootstrap servers", "the mechanism", "TLS", "the CA certificate"); each means the password must
 * be entered again, so that changing them cannot send it somewhere else. Empty when none changes.
 */
export function passwordDestinationChanges(before: PasswordDestination, after: PasswordDestination, caCertificateChanged: boolean): string[] {
  const changes: string[] = [];
  if (!sameServers(before.bootstrap, after.bootstrap)) changes.push('the bootstrap servers');
  if (before.mechanism !== after.mechanism) changes.push('the mechanism');
  if (before.tls !== after.tls) changes.push('TLS');
  if (caCertificateChanged) changes.push('the CA certificate');
  return changes;
}
