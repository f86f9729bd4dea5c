/** CallSlots bounds calls per person and in all; the HTTP tests reach the per-person limit, this one the server's. */
import { describe, expect, it } from 'vitest';
import { CallSlots } from './callSlots.ts';

const refusals = { perUser: (max: number) => `at most ${max} each`, overall: (max: number) => `at most ${max} in all` };

describe('CallSlots', () => {
  it("refuses anyone's call once the server's limit is reached, and lets one run again when another finishes", () => {
    const slots = new CallSlots(2, 5, refusals);
    const people = ['a', 'a', 'b', 'b', 'c'];
    expect(people.map((p) => slots.start(p))).toEqual([null, null, null, null, null]);
    expect(slots.start('d')).toBe('at most 5 in all');
    expect(slots.start('a')).toBe('at most 2 each');
    slots.finish('b');
    expect(slots.start('d')).toBeNull();
    expect(slots.start('e')).toBe('at most 5 in all');
  });
});
