import type { Grant } from './catalog.ts';
import type { Acl, Binding } from './desired.ts';

/**
 * The one way the model spells an identity made of several names, for keying `Map`s and `Set`s: the
 * parts joined by U+0000. The schemas refuse control characters in every name a graph, a catalog or a
 * Kafka state holds, so two identities are equal exactly when all their parts are.
 */
export function identityKey(...parts: readonly string[]): string {
  return parts.join('\u0000');
}

/** The identity of a Kafka topic: its connection and its name (two topic nodes may show the same topic). */
export function topicKey(connection: string, topic: string): string {
  return identityKey(connection, topic);
}

/** The identity of a grant: `(connection, topic, algorithm, access)`. */
export function grantKey(g: Grant): string {
  return identityKey(g.connection, g.topic, g.algorithm, g.access);
}

/** The identity of a binding: `(algorithm, connection, topic, direction)`. */
export function bindingKey(b: Pick<Binding, 'algorithm' | 'connection' | 'topic' | 'direction'>): string {
  return identityKey(b.algorithm, b.connection, b.topic, b.direction);
}

/** The identity of an ACL entry (every field counts, as in Kafka). */
export function aclKey(a: Acl): string {
  return identityKey(a.connection, a.principal, a.resourceType, a.resourceName, a.patternType, a.operation, a.permission, a.host);
}

/** Compares two strings by code unit, the same in every locale, for stable output order. */
export function byString(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** JSON with object keys sorted at every level: equal values give equal strings. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(byString)) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

/** Orders topic references by connection, then topic. */
export function compareTopicRefs(a: { connection: string; topic: string }, b: { connection: string; topic: string }): number {
  return byString(a.connection, b.connection) || byString(a.topic, b.topic);
}

/** Orders grants by their identity (connection, topic, algorithm, access). */
export function compareGrants(a: Grant, b: Grant): number {
  return compareTopicRefs(a, b) || byString(a.algorithm, b.algorithm) || byString(a.access, b.access);
}

/** Orders bindings by their identity (algorithm, connection, topic, direction). */
export function compareBindings(a: Binding, b: Binding): number {
  return byString(a.algorithm, b.algorithm) || compareTopicRefs(a, b) || byString(a.direction, b.direction);
}

/** Orders ACL entries by every field, in the order of {@link aclKey}. */
export function compareAcls(a: Acl, b: Acl): number {
  return (
    byString(a.connection, b.connection) ||
    byString(a.principal, b.principal) ||
    byString(a.resourceType, b.resourceType) ||
    byString(a.resourceName, b.resourceName) ||
    byString(a.patternType, b.patternType) ||
    byString(a.operation, b.operation) ||
    byString(a.permission, b.permission) ||
    byString(a.host, b.host)
  );
}
