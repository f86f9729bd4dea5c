import { z } from 'zod';
import { limits } from './limits.ts';

/**
 * Why `pattern` cannot be a connection's topic name pattern, as a sentence; `undefined` when it can.
 * A pattern is a JavaScript regular expression (Unicode mode) that a whole topic name must match. It
 * is kept to a form whose matching time stays small on any name of up to 249 characters: no
 * back-references or look-arounds, no repeated group that itself repeats or has alternatives (as
 * `(a+)+` and `(a|ab)*` have, whose matching time grows exponentially), and few enough ways to
 * match a name: the product of its repetitions (each counts as the 250 lengths a name may give it),
 * optional parts (2) and alternatives is at most `limits.topicNamePatternWays`.
 */
export function topicNamePatternProblem(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'Give the pattern topic names must match (for example orders\\..+).';
  if (pattern.length > limits.topicNamePattern) return `A topic name pattern has at most ${limits.topicNamePattern} characters; this one has ${pattern.length}.`;
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    // V8 says "Invalid regular expression: /(/u: Unterminated group": keep the part after the pattern.
    const reason = error instanceof Error ? (error.message.split(': ').at(-1) ?? error.message) : String(error);
    return `“${pattern}” is not a regular expression: ${reason.toLowerCase()}.`;
  }
  return shapeProblem(pattern);
}

/** A group being read: whether it holds a repetition (`*`, `+`, `?`, `{n,m}`), and how many alternatives (`|`) it has. */
interface Group {
  repeats: boolean;
  alternatives: number;
}

/** Why a pattern that compiles may still take too long to match, or `undefined`; see {@link topicNamePatternProblem}. */
function shapeProblem(pattern: string): string | undefined {
  const groups: Group[] = [{ repeats: false, alternatives: 0 }];
  // Lengths a repetition may take in a name: 0 to 249 characters.
  const lengths = limits.topic + 1;
  let ways = 1;
  let i = 0;
  /** Reads a quantifier at `i`, if any: whether it repeats (allows more than one), and how many counts it allows. */
  const quantifier = (): { found: boolean; repeats: boolean; counts: number } => {
    const c = pattern[i];
    let repeats: boolean;
    let counts: number;
    if (c === '*' || c === '+') {
      [repeats, counts] = [true, lengths];
      i += 1;
    } else if (c === '?') {
      [repeats, counts] = [false, 2];
      i += 1;
    } else if (c === '{') {
      const bounds = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
      if (!bounds) return { found: false, repeats: false, counts: 1 };
      const least = Number(bounds[1]);
      const most = bounds[2] === undefined ? least : bounds[3] === '' ? Infinity : Number(bounds[3]);
      [repeats, counts] = [most > 1, Math.min(most - least + 1, lengths)];
      i += bounds[0].length;
    } else {
      return { found: false, repeats: false, counts: 1 };
    }
    if (pattern[i] === '?') i += 1; // lazy
    return { found: true, repeats, counts };
  };
  while (i < pattern.length) {
    const c = pattern[i];
    const top = groups[groups.length - 1] ?? { repeats: false, alternatives: 0 };
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9k]/.test(next)) return 'A topic name pattern may not use back-references (\\1, \\k<name>).';
      i += 2;
      // \p{…}, \u{…}: the braces belong to the escape, not a quantifier.
      if (/[pPu]/.test(next) && pattern[i] === '{') i = pattern.indexOf('}', i) + 1;
    } else if (c === '[') {
      i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i += 1;
    } else if (c === '(') {
      if (/^\(\?<?[=!]/.test(pattern.slice(i))) return 'A topic name pattern may not use look-arounds ((?=…), (?!…), (?<=…), (?<!…)).';
      groups.push({ repeats: false, alternatives: 0 });
      i += 1;
      continue;
    } else if (c === ')') {
      const group = groups.pop() ?? top;
      i += 1;
      const q = quantifier();
      if (q.repeats && (group.repeats || group.alternatives > 0)) {
        return 'A topic name pattern may not repeat a group that itself repeats or has alternatives, as (a+)+ or (a|b)* do: matching such a pattern can take exponentially long.';
      }
      ways *= (group.alternatives + 1) * q.counts;
      const parent = groups[groups.length - 1];
      if (parent) parent.repeats ||= group.repeats || q.found;
      continue;
    } else if (c === '|') {
      top.alternatives += 1;
      i += 1;
      continue;
    } else {
      i += 1;
    }
    const q = quantifier();
    if (q.found) top.repeats = true;
    ways *= q.counts;
  }
  ways *= (groups[0]?.alternatives ?? 0) + 1;
  if (ways > limits.topicNamePatternWays) {
    return 'A topic name pattern may have at most two open-ended repetitions (*, +) with two optional parts (?) or a choice of four (|): each multiplies the ways to match a name, and so the time it takes. Simplify it, for example with one character class instead of alternatives.';
  }
  return undefined;
}

/** The pattern topic names on a connection must match, with what it means in words for the people held to it. */
export const TopicNameRule = z.strictObject({
  /** A regular expression a whole topic name must match; see {@link topicNamePatternProblem}. */
  pattern: z.string().superRefine((pattern, ctx) => {
    const problem = topicNamePatternProblem(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** What the pattern asks for, as a person says it ("the team's prefix, then a dot and the event name"). */
  description: z
    .string()
    .trim()
    .min(1, 'say in words what the pattern asks for')
    .max(limits.name)
    .regex(/^[^\p{Cc}]*$/u, 'a description may not contain control characters'),
});
export type TopicNameRule = z.infer<typeof TopicNameRule>;

/**
 * Guardrails a cluster admin writes for one connection, beside the member limits' most partitions,
 * highest replication factor and config ranges (retention.ms among them): what members' flows must
 * also keep to there. A cluster admin is not held to them.
 */
export const Guardrails = z.strictObject({
  /** The pattern the name of a topic a member's flow creates must match. */
  topicName: TopicNameRule.optional(),
  /** Fewest partitions of a topic a member's flow creates. */
  minPartitions: z.int().min(1).max(limits.partitions).optional(),
  /** Lowest replication factor of a topic a member's flow creates. */
  minReplicationFactor: z.int().min(1).max(limits.replicationFactor).optional(),
  /** Every subscription of a member's flow to a topic here has a DLQ. */
  requireDlq: z.boolean().optional(),
});
export type Guardrails = z.infer<typeof Guardrails>;

/**
 * Tells whether the whole of `name` matches `rule`'s pattern. A pattern {@link topicNamePatternProblem}
 * refuses (from a catalog that was not parsed) matches nothing, so validation never throws on it.
 */
export function matchesTopicNameRule(rule: TopicNameRule, name: string): boolean {
  if (topicNamePatternProblem(rule.pattern) !== undefined) return false;
  return new RegExp(`^(?:${rule.pattern})$`, 'u').test(name);
}
