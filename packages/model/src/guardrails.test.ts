import { describe, expect, it } from 'vitest';
import { MemberTopicLimits } from './catalog.ts';
import { Guardrails, matchesTopicNameRule, topicNamePatternProblem } from './guardrails.ts';
import { limits, memberTopicLimits } from './limits.ts';

describe('a topic name pattern', () => {
  it('takes the patterns admins write, matched against the whole name', () => {
    for (const pattern of ['orders\\..+', '(orders|payments)\\.[a-z0-9-]+(\\.[a-z0-9-]+)?', '[a-z]{2,8}\\.\\p{L}+', 'team-a\\.(?:raw|clean)\\..*']) {
      expect(topicNamePatternProblem(pattern), pattern).toBeUndefined();
    }
    const rule = { pattern: 'orders\\..+', description: 'orders, a dot, then the event' };
    expect(matchesTopicNameRule(rule, 'orders.created')).toBe(true);
    expect(matchesTopicNameRule(rule, 'my.orders.created')).toBe(false);
    expect(matchesTopicNameRule(rule, 'orders.')).toBe(false);
  });

  it('refuses what is not a regular expression, or could take long to match, with a sentence', () => {
    expect(topicNamePatternProblem('orders.(')).toBe('“orders.(” is not a regular expression: unterminated group.');
    expect(topicNamePatternProblem('')).toBe('Give the pattern topic names must match (for example orders\\..+).');
    expect(topicNamePatternProblem('a'.repeat(limits.topicNamePattern + 1))).toBe(`A topic name pattern has at most 200 characters; this one has 201.`);
    expect(topicNamePatternProblem('(a+)+')).toMatch(/^A topic name pattern may not repeat a group that itself repeats or has alternatives/);
    expect(topicNamePatternProblem('(a|ab)*c')).toMatch(/may not repeat a group/);
    expect(topicNamePatternProblem('(x{1,3}){2,}')).toMatch(/may not repeat a group/);
    expect(topicNamePatternProblem('(a)\\1')).toBe('A topic name pattern may not use back-references (\\1, \\k<name>).');
    expect(topicNamePatternProblem('(?=a)a')).toMatch(/look-arounds/);
    for (const slow of ['.*.*.*x', '.*.*a?a?a?x', '.*.*(?:a|aa|aaa|a{4}|a{5})x', 'a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a{20}', '(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)(?:a|a)b']) {
      expect(topicNamePatternProblem(slow), slow).toMatch(/^A topic name pattern may have at most two open-ended repetitions/);
    }
  });

  it('accepts the slowest patterns its budget allows, and matches them against the longest name', () => {
    // Overlapping repetitions, optional parts and a name that almost matches: the slowest patterns
    // accepted (1 to 5 ms each here, measured once; see limits.topicNamePatternWays).
    const name = 'a'.repeat(249);
    for (const pattern of ['.{0,249}.{0,249}a?a?x', '.*.*(?:a|aa|aaa|a{4})x', '.*.*(?:a|aa)(?:a|aa)x', '[a-z]+a?a?[a-z]+x']) {
      expect(topicNamePatternProblem(pattern), pattern).toBeUndefined();
      expect(matchesTopicNameRule({ pattern, description: 'worst' }, name)).toBe(false);
    }
  });
});

describe('guardrails as data', () => {
  it('are a zod schema the member limits carry, bounded against the maxima', () => {
    expect(Guardrails.safeParse({ topicName: { pattern: 'orders\\..+', description: 'orders, a dot, the event' }, minPartitions: 3, requireDlq: true }).success).toBe(true);
    const bad = MemberTopicLimits.safeParse({ ...memberTopicLimits, topicName: { pattern: '(a+)+', description: ' ' }, minPartitions: 13, minReplicationFactor: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      expect.stringMatching(/^topicName\.pattern: A topic name pattern may not repeat a group/),
      'topicName.description: say in words what the pattern asks for',
      expect.stringMatching(/^minReplicationFactor: Too small/),
      'minPartitions: the fewest partitions is at most the most partitions',
    ]);
    const crossed = MemberTopicLimits.safeParse({ ...memberTopicLimits, replicationFactor: 2, minPartitions: 13, minReplicationFactor: 3 });
    expect(crossed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'minPartitions: the fewest partitions is at most the most partitions',
      'minReplicationFactor: the lowest replication factor is at most the highest',
    ]);
  });
});
