import type { Grant } from './catalog.ts';
import type { Acl, Binding } from './desired.ts';

/**
 * Tells whether a name holds U+0000, the separator of the string keys below: only names without it
 * may be compared by numbers instead of by their keys.
 */
export function hasSeparator(name: string): boolean {
  return name.includes('\u0000');
}

/** The identity of a grant. */
export function grantKey(g: Grant): string {
  return `${g.connection}\u0000${g.topic}\u0000${g.algorithm}\u0000${g.access}`;
}

/** The identity of a binding: `(algorithm, connection, topic, direction)`. */
export function bindingKey(b: Pick<Binding, 'algorithm' | 'connection' | 'topic' | 'direction'>): string {
  return `${b.algorithm}\u0000${b.connection}\u0000${b.topic}\u0000${b.direction}`;
}

/** The identity of an ACL entry (every field counts, as in Kafka). */
export function aclKey(a: Acl): string {
  return `${a.connection}\u0000${a.principal}\u0000${a.resourceType}\u0000${a.resourceName}\u0000${a.patternType}\u0000${a.operation}\u0000${a.permission}\u0000${a.host}`;
}

/** Compares two strings by code unit, the same in every locale, for stable output order. */
export function byString(a: string, b: string): number {
  // Equality first: compared records mostly share their strings, and identical strings compare at once.
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
