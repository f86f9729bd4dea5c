import { describe, expect, it } from 'vitest';
import { FlowGraph } from './graph.ts';
import { Name } from './names.ts';
import { isAlgorithmRef, isLegalTopicName, topicNameProblem, versionForm, wildcardMatches } from './nameRules.ts';

describe('topic names (Kafka rules)', () => {
  it.each(['orders', 'orders.v2', 'a_b-c.D9', 'x'.repeat(249)])('accepts %s', (name) => {
    expect(isLegalTopicName(name)).toBe(true);
  });
  it.each(['', '.', '..', 'x'.repeat(250), 'has space', 'slash/topic', 'ümlaut', 'semi;colon'])('refuses %j', (name) => {
    expect(isLegalTopicName(name)).toBe(false);
  });
});

describe('algorithm references', () => {
  it('accepts org/name and refuses other shapes', () => {
    expect(isAlgorithmRef('acme/classify')).toBe(true);
    expect(isAlgorithmRef('acme/classify_v2-b')).toBe(true);
    for (const bad of ['acme', 'acme/', '/x', 'a/b/c', 'acme/class ify', '']) expect(isAlgorithmRef(bad)).toBe(false);
  });
});

describe('versions', () => {
  it('classifies every platform form', () => {
    expect(versionForm('latest')).toBe('latest');
    expect(versionForm('latestPrivate')).toBe('latest');
    expect(versionForm('1.2.3')).toBe('exact');
    expect(versionForm('1.2.*')).toBe('wildcard');
    expect(versionForm('1.*')).toBe('wildcard');
    expect(versionForm('3f2a9c1')).toBe('hash');
    for (const bad of ['v1', '1.2', '01.2.3', '1.2.3-beta', '*', 'LATEST', 'abc']) expect(versionForm(bad)).toBeUndefined();
  });
  it('matches wildcards against exact versions only', () => {
    expect(wildcardMatches('1.2.*', '1.2.9')).toBe(true);
    expect(wildcardMatches('1.2.*', '1.20.0')).toBe(false);
    expect(wildcardMatches('1.*', '1.20.0')).toBe(true);
    expect(wildcardMatches('1.*', '2.0.0')).toBe(false);
  });
});

describe('display names', () => {
  it('accept ordinary text in any script, trimmed', () => {
    expect(Name.parse('  Order pipeline ')).toBe('Order pipeline');
    expect(Name.parse('Заказы · 注文 — ok')).toBe('Заказы · 注文 — ok');
    expect(Name.parse('Orders для Acme')).toBe('Orders для Acme');
  });

  it('refuse a word that mixes Latin letters with Cyrillic or Greek look-alikes', () => {
    for (const name of ['\u041erder pipeline', 'Order pip\u0435line', 'Alph\u03b1']) {
      const result = Name.safeParse(name);
      expect(result.success, name).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/mix Latin letters with Cyrillic or Greek/);
    }
  });

  it('refuse control, zero-width and bidirectional-override characters with a sentence', () => {
    for (const name of ['Order\u0000pipeline', 'Order\u0007', 'Or\u200bder pipeline', 'Order \u202Eenilepip', 'Order\u2066x\u2069', 'Or\ufeffder', 'Order\u2028pipeline']) {
      const result = Name.safeParse(name);
      expect(result.success, JSON.stringify(name)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/invisible|control/);
    }
  });
});

describe('the sentence for an illegal topic name', () => {
  it('says what a legal name is, and nothing for a legal one', () => {
    expect(topicNameProblem('orders')).toBeUndefined();
    expect(topicNameProblem('')).toBe('Give the topic a name.');
    expect(topicNameProblem('has space')).toMatch(/^"has space" is not a legal Kafka topic name: use 1 to 249 letters/);
  });
});

describe('names typed into a flow graph', () => {
  const graph = (node: Record<string, unknown>) => ({ nodes: [{ id: 'n', position: { x: 0, y: 0 }, ...node }], edges: [] });

  it.each([
    ['a topic name', { kind: 'topic', connection: 'local', topic: 'or\u0000ders' }],
    ['a connection', { kind: 'topic', connection: 'lo\u0000cal', topic: 'orders' }],
    ['an algorithm reference', { kind: 'algorithm', algorithm: 'acme/\u0000classify', version: '1.0.0' }],
    ['a topic name (a line break)', { kind: 'topic', connection: 'local', topic: 'orders\n' }],
  ])('refuses control characters in %s, with a sentence', (_what, node) => {
    const parsed = FlowGraph.safeParse(graph(node));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('a name may not contain control characters');
  });

  it('leaves other wrong names to validation, which explains them', () => {
    expect(FlowGraph.safeParse(graph({ kind: 'topic', connection: 'nope', topic: 'bad name' })).success).toBe(true);
  });
});
