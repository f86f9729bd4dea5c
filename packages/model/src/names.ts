import { z } from 'zod';
import { limits } from './limits.ts';
import { isAlgorithmRef, isLegalTopicName, versionForm } from './nameRules.ts';

/** An identifier: letters, digits, `.`, `_`, `-`, `:`; 1 to 128 characters. */
export const Id = z
  .string()
  .min(1)
  .max(limits.id)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids use letters, digits, ".", "_", "-" and ":" only');

/**
 * Text as typed into a flow (an algorithm reference, a connection, a topic name) before validation says
 * whether it is well formed: at most `max` characters and no control characters, so that every name the
 * model joins into an identity key (see `identityKey`) is plain text.
 */
export function TypedText(max: number) {
  return z.string().max(max).regex(/^[^\p{Cc}]*$/u, 'a name may not contain control characters');
}

/**
 * A person-facing name: 1 to 200 characters, without control characters or invisible ones (zero-width
 * spaces and joiners, bidirectional overrides, line separators), and without words that mix Latin
 * letters with Cyrillic or Greek look-alikes: each would let two names that look the same differ, or
 * reverse how a name reads.
 */
export const Name = z
  .string()
  .trim()
  .min(1)
  .max(limits.name)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, 'a name may not contain control characters or invisible ones (zero-width or bidirectional marks)')
  .refine((name) => !name.split(/[^\p{L}]+/u).some(mixesLookAlikes), {
    message: 'a word of a name may not mix Latin letters with Cyrillic or Greek ones, which look alike ("Оrder" with a Cyrillic О)',
  });

/** Tells whether a word holds Latin letters and Cyrillic or Greek ones, which can look the same. */
function mixesLookAlikes(word: string): boolean {
  return /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word);
}

/** A Kafka topic name, checked with Kafka's rules. */
export const TopicName = z.string().max(limits.topic).refine(isLegalTopicName, {
  message: 'a topic name uses only letters, digits, ".", "_" and "-", has 1 to 249 characters and is not "." or ".."',
});

/** An algorithm reference, `org/name`, as the platform writes it. */
export const AlgorithmRef = z.string().max(129).refine(isAlgorithmRef, {
  message: 'an algorithm is named "org/name" (letters, digits, "_" and "-")',
});

/** An algorithm version in one of the platform's forms (see {@link versionForm}). */
export const Version = z
  .string()
  .max(64)
  .refine((v) => versionForm(v) !== undefined, {
    message: 'a version is "latest", "latestPrivate", a semantic version like 1.2.3, a wildcard like 1.2.*, or a build hash',
  });
