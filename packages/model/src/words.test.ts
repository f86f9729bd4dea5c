import { describe, expect, it } from 'vitest';
import { countOf, pluralOf, sizeOf, utf8Bytes, verbFor } from './words.ts';

describe('countOf', () => {
  it('says one thing in the singular and every other count in the plural', () => {
    expect(countOf(1, 'partition')).toBe('1 partition');
    expect(countOf(0, 'partition')).toBe('0 partitions');
    expect(countOf(2, 'node')).toBe('2 nodes');
    expect(countOf(1, 'edge')).toBe('1 edge');
  });
  it('takes an irregular plural and groups thousands', () => {
    expect(countOf(2, 'policy', 'policies')).toBe('2 policies');
    expect(countOf(1_200, 'node')).toBe('1,200 nodes');
  });
  it('agrees the verb with the count', () => {
    expect(`${countOf(1, 'error')} ${verbFor(1, 'blocks', 'block')} a deploy`).toBe('1 error blocks a deploy');
    expect(`${countOf(3, 'error')} ${verbFor(3, 'blocks', 'block')} a deploy`).toBe('3 errors block a deploy');
    expect(pluralOf(1, 'topic')).toBe('topic');
  });
});

describe('sizeOf', () => {
  it('says a size in decimal units, one decimal below ten', () => {
    expect(sizeOf(1)).toBe('1 byte');
    expect(sizeOf(900)).toBe('900 bytes');
    expect(sizeOf(1_000_000)).toBe('1 MB');
    expect(sizeOf(2_097_152)).toBe('2.1 MB');
    expect(sizeOf(12_582_912)).toBe('13 MB');
    expect(sizeOf(45_300)).toBe('45 kB');
  });
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('a€😀')).toBe(1 + 3 + 4);
  });
});
