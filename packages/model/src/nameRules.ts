import { limits } from './limits.ts';

/**
 * Kafka's and the platform's naming rules as plain functions (no zod), for code that only checks
 * names — the editor among it — without loading the schemas.
 */

const topicPattern = /^[A-Za-z0-9._-]+$/;

/**
 * Tells whether `name` is a legal Kafka topic name: `[a-zA-Z0-9._-]`, 1 to 249 characters,
 * not `.` or `..` (Kafka's own rule).
 */
export function isLegalTopicName(name: string): boolean {
  return name.length > 0 && name.length <= limits.topic && name !== '.' && name !== '..' && topicPattern.test(name);
}

/**
 * Why `name` is not a legal Kafka topic name, as a sentence a person can act on; `undefined` when it is
 * legal (see {@link isLegalTopicName}).
 */
export function topicNameProblem(name: string): string | undefined {
  if (isLegalTopicName(name)) return undefined;
  if (name.trim() === '') return 'Give the topic a name.';
  return `"${name}" is not a legal Kafka topic name: use 1 to ${limits.topic} letters, digits, ".", "_" or "-", and not "." or "..".`;
}

const algorithmRefPattern = /^([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/;

/** Tells whether `ref` has the platform's `org/name` shape. */
export function isAlgorithmRef(ref: string): boolean {
  return algorithmRefPattern.test(ref);
}

/** Splits an `org/name` algorithm reference; `undefined` when it does not have that shape. */
export function parseAlgorithmRef(ref: string): { org: string; name: string } | undefined {
  const match = algorithmRefPattern.exec(ref);
  return match ? { org: match[1] as string, name: match[2] as string } : undefined;
}

/**
 * The forms an algorithm version takes on the platform: `latest`, `latestPrivate`, an exact semantic
 * version `1.2.3`, a minor or major wildcard `1.2.*` / `1.*`, or a build hash (7 to 64 hex digits).
 */
export type VersionForm = 'latest' | 'exact' | 'wildcard' | 'hash';

const semverPattern = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;
const wildcardPattern = /^(0|[1-9]\d{0,8})\.((0|[1-9]\d{0,8})\.)?\*$/;
const hashPattern = /^[0-9a-f]{7,64}$/;

/** Classifies a version string; `undefined` when it is none of the platform's forms. */
export function versionForm(version: string): VersionForm | undefined {
  if (version === 'latest' || version === 'latestPrivate') return 'latest';
  if (semverPattern.test(version)) return 'exact';
  if (wildcardPattern.test(version)) return 'wildcard';
  if (hashPattern.test(version)) return 'hash';
  return undefined;
}

/** Compares two exact semantic versions; negative when `a` is older. */
export function compareSemver(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Tells whether an exact version `candidate` is matched by the wildcard `pattern` (`1.2.*`, `1.*`). */
export function wildcardMatches(pattern: string, candidate: string): boolean {
  const prefix = pattern.slice(0, -1);
  return candidate.startsWith(prefix) && semverPattern.test(candidate);
}
