/** Merging the statuses several runtimes report for the same bindings. */
import { describe, expect, it } from 'vitest';
import { runningBindingStatus } from './fixtures.ts';
import { mergeStatuses, retryingWords } from './status.ts';

describe('mergeStatuses', () => {
  it('sums counts per binding, keeps the worst state, the largest lag per partition and the latest error', () => {
    const early = { message: 'early', class: 'transient', stage: 'invoke', at: 1 } as const;
    const late = { message: 'late', class: 'kafka', stage: 'publish', at: 2 } as const;
    const merged = mergeStatuses([
      runningBindingStatus({ key: 'b2', consumed: 7 }),
      runningBindingStatus({ consumed: 10, published: 9, failed: 1, deadLettered: 1, lag: { '0': 3, '1': 0 }, lastError: late, msgsPerSecond: 1.5, lagSeconds: 4, failedPerSecond: 0.5 }),
      runningBindingStatus({ state: 'error', consumed: 5, published: 5, lag: { '1': 4, '2': 2 }, lastError: early, msgsPerSecond: 2, lagSeconds: 1.5, failedPerSecond: 0.2, deadLetteredPerSecond: 0.2 }),
    ]);
    expect(merged.map((s) => s.key)).toEqual(['b1', 'b2']);
    expect(merged[0]).toMatchObject({ state: 'error', consumed: 15, published: 14, failed: 1, deadLettered: 1, lag: { '0': 3, '1': 4, '2': 2 }, lastError: late, msgsPerSecond: 3.5, lagSeconds: 4, failedPerSecond: 0.7, deadLetteredPerSecond: 0.2 });
    expect(merged[1]).toMatchObject({ consumed: 7 });
  });

  it('leaves a single runtime’s statuses as they are', () => {
    const one = [runningBindingStatus({ key: 'a', consumed: 1 }), runningBindingStatus({ key: 'b', state: 'starting' })];
    expect(mergeStatuses(one)).toEqual(one);
  });
});

describe('retrying', () => {
  it('merges the waits of several runtimes into the furthest-along attempt and the messages summed, and says it as "retrying n/m"', () => {
    const merged = mergeStatuses([
      runningBindingStatus({ retrying: { attempt: 2, maxAttempts: 5, messages: 1 } }),
      runningBindingStatus({ retrying: { attempt: 4, maxAttempts: 5, messages: 2 } }),
      runningBindingStatus({}),
    ]);
    expect(merged[0]?.retrying).toEqual({ attempt: 4, maxAttempts: 5, messages: 3 });
    expect(retryingWords({ attempt: 3, maxAttempts: 5, messages: 1 })).toBe('retrying 3/5');
    expect(retryingWords({ attempt: 4, maxAttempts: 5, messages: 3 })).toBe('retrying 4/5 (3 messages)');
    expect(mergeStatuses([runningBindingStatus({}), runningBindingStatus({})])[0]?.retrying).toBeNull();
  });
});
