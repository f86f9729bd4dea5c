import { z } from 'zod';
import { limits } from './limits.ts';

/** An identifier: letters, digits, `.`, `_`, `-`, `:`; 1 to 128 characters. */
export const Id = z
  .string()
  .min(1)
  .max(limits.id)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids use letters, digits, ".", "_", "-" and ":" only');

/** A person-facing name: 1 to 200 characters. */
export const Name = z.string().trim().min(1).max(limits.name);

const topicPattern = /^[A-Za-z0-9._-]+$/;

/**
 * Tells whether `name` is a legal Kafka topic name: `[a-zA-Z0-9._-]`, 1 to 249 characters,
 * not `.` or `..` (Kafka's own rule).
 */
export function isLegalTopicName(name: string): boolean {
  return name.length > 0 && name.length <= limits.topic && name !== '.' && name !== '..' && topicPattern.test(name);
}

/** A Kafka topic name, checked with Kafka's rules. */
export const TopicName = z.string().max(limits.topic).refine(isLegalTopicName, {
  message: 'a topic name uses only letters, digits, ".", "_" and "-", has 1 to 249 characters and is not "." or ".."',
});

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

/** An algorithm reference, `org/name`, as the platform writes it. */
export const AlgorithmRef = z.string().max(129).refine(isAlgorithmRef, {
  message: 'an algorithm is named "org/name" (letters, digits, "_" and "-")',
});

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

/** An algorithm version in one of the platform's forms (see {@link versionForm}). */
export const Version = z
  .string()
  .max(64)
  .refine((v) => versionForm(v) !== undefined, {
    message: 'a version is "latest", "latestPrivate", a semantic version like 1.2.3, a wildcard like 1.2.*, or a build hash',
  });

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
