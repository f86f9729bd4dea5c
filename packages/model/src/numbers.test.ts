/** The hash tables and groupings the model numbers things with, checked against the built-in Map. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameMap } from './nameMap.ts';
import { groupNumbers, PairNumbers } from './numbers.ts';

describe('NameMap', () => {
  it('answers as a Map does for any sequence of sets, growing past its expected size', () => {
    // Short names from a small alphabet repeat often; the empty string and U+0000 are names too.
    const name = fc.string({ unit: fc.constantFrom('a', 'b', '\u0000', 'é', '𝄞'), maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), { maxLength: 300 }), fc.nat(40), (sets, expected) => {
        const names = new NameMap(expected);
        const map = new Map<string, number>();
        for (const [key, value] of sets) {
          names.set(key, value);
          map.set(key, value);
        }
        expect(names.size).toBe(map.size);
        expect(names.names()).toEqual([...map.keys()]);
        for (const [key] of sets) expect(names.get(key)).toBe(map.get(key));
        expect(names.get('absent-name')).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('adds a name only once with setIfAbsent', () => {
    const names = new NameMap();
    expect(names.setIfAbsent('e1', 7)).toBe(true);
    expect(names.setIfAbsent('e1', 8)).toBe(false);
    expect(names.get('e1')).toBe(7);
    expect(names.setIfAbsent('', 1)).toBe(true);
    expect(names.setIfAbsent('', 2)).toBe(false);
    expect(names.size).toBe(2);
  });
});

describe('PairNumbers', () => {
  it('numbers distinct pairs 0, 1, … in the order first seen, and finds only numbered pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(50), fc.nat(50)), { maxLength: 3000 }), (pairs) => {
        const numbers = new PairNumbers(10);
        const seen = new Map<string, number>();
        for (const [a, b] of pairs) {
          const key = `${a},${b}`;
          if (!seen.has(key)) seen.set(key, seen.size);
          expect(numbers.number(a, b)).toBe(seen.get(key));
        }
        expect(numbers.count).toBe(seen.size);
        for (let a = 0; a <= 50; a += 5) for (let b = 0; b <= 50; b += 7) expect(numbers.find(a, b)).toBe(seen.get(`${a},${b}`) ?? -1);
      }),
      { numRuns: 100 },
    );
  });
});

describe('groupNumbers', () => {
  it('lists the values of each key in the order they came', () => {
    const { start, items } = groupNumbers(4, [2, 0, 2, 3, 0], [10, 11, 12, 13, 14]);
    const of = (k: number) => [...items.subarray(start[k], start[k + 1])];
    expect([of(0), of(1), of(2), of(3)]).toEqual([[11, 14], [], [10, 12], [13]]);
  });
});
