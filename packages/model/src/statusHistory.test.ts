/** A binding's bounded history and the trend of its lag. */
import { describe, expect, it } from 'vitest';
import { runningBindingStatus } from './fixtures.ts';
import { limits } from './limits.ts';
import type { BindingStatus } from './status.ts';
import { appendSample, emptyHistory, lagTrend } from './statusHistory.ts';

const status = (lag: Record<string, number>, extra: Partial<BindingStatus> = {}): BindingStatus => runningBindingStatus({ lag, ...extra });

describe('appendSample', () => {
  it('keeps each figure as a column, lag summed over partitions', () => {
    const history = emptyHistory(status({}));
    appendSample(history, status({ '0': 3, '1': 4 }, { lagSeconds: 2.5, msgsPerSecond: 10, failedPerSecond: 1, deadLetteredPerSecond: 0.5 }), 1_000);
    expect(history).toMatchObject({ at: [1_000], lag: [7], lagSeconds: [2.5], msgsPerSecond: [10], failedPerSecond: [1], deadLetteredPerSecond: [0.5] });
  });

  it('forgets samples older than the window and never holds more than the most samples', () => {
    const history = emptyHistory(status({}));
    const step = 1_000;
    const count = limits.statusHistorySamples + 50;
    for (let i = 0; i < count; i++) appendSample(history, status({ '0': i }), i * step);
    expect(history.at).toHaveLength(limits.statusHistorySamples);
    expect(history.lag[history.lag.length - 1]).toBe(count - 1);
    expect(history.lagSeconds).toHaveLength(limits.statusHistorySamples);
    appendSample(history, status({ '0': 1 }), count * step + limits.statusHistoryMs);
    expect(history.at).toEqual([count * step + limits.statusHistoryMs]);
    expect(history.lag).toEqual([1]);
  });
});

describe('lagTrend', () => {
  const history = (lags: number[], every = 5_000) => ({ at: lags.map((_, i) => i * every), lag: lags });
  it('rises, falls or holds over the last minute, ignoring small changes', () => {
    expect(lagTrend(history([0, 50, 100, 400]))).toBe('rising');
    expect(lagTrend(history([900, 500, 100]))).toBe('falling');
    expect(lagTrend(history([100, 104, 98, 105]))).toBe('steady');
    expect(lagTrend(history([5]))).toBe('steady');
  });
  it('looks only at the span asked for', () => {
    // Lag fell long ago and has held since.
    const lags = [5_000, ...Array.from({ length: 30 }, () => 10)];
    expect(lagTrend(history(lags))).toBe('steady');
    expect(lagTrend(history(lags), 10 * 60_000)).toBe('falling');
  });
});
