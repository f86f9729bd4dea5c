/**
 * A binding's recent past (DESIGN §5, §7): lag in messages and in seconds, throughput, error and DLQ
 * rates, sampled from its live status and kept for a bounded time, for the studio's small charts and
 * the canvas's trend arrow.
 */
import { limits } from './limits.ts';
import type { BindingStatus } from './status.ts';

/** The figures a history keeps of each sample, as columns of equal length, oldest first. */
export type HistorySeries = 'lag' | 'lagSeconds' | 'msgsPerSecond' | 'failedPerSecond' | 'deadLetteredPerSecond';

/** The samples of one binding, column by column (compact on the wire: about 40 bytes a sample). */
export type BindingHistory = Pick<BindingStatus, 'key' | 'flowId' | 'algorithm' | 'connection' | 'topic'> & {
  /** Epoch milliseconds of each sample. */
  readonly at: number[];
} & Record<HistorySeries, number[]>;

/** Whether a binding's lag grows, shrinks or holds. */
export type LagTrend = 'rising' | 'falling' | 'steady';

const series: readonly HistorySeries[] = ['lag', 'lagSeconds', 'msgsPerSecond', 'failedPerSecond', 'deadLetteredPerSecond'];

/** Messages behind, summed over a status's partitions. */
export function totalLag(status: Pick<BindingStatus, 'lag'>): number {
  let sum = 0;
  for (const behind of Object.values(status.lag)) sum += behind;
  return sum;
}

/** A history with no samples yet, for the binding of `status`. */
export function emptyHistory(status: Pick<BindingStatus, 'key' | 'flowId' | 'algorithm' | 'connection' | 'topic'>): BindingHistory {
  return { key: status.key, flowId: status.flowId, algorithm: status.algorithm, connection: status.connection, topic: status.topic, at: [], lag: [], lagSeconds: [], msgsPerSecond: [], failedPerSecond: [], deadLetteredPerSecond: [] };
}

/**
 * Appends the figures of `status` at `at` to `history` (in place) and drops the samples older than
 * `limits.statusHistoryMs` before it, keeping at most `limits.statusHistorySamples`.
 */
export function appendSample(history: BindingHistory, status: BindingStatus, at: number): void {
  history.at.push(at);
  history.lag.push(totalLag(status));
  history.lagSeconds.push(status.lagSeconds);
  history.msgsPerSecond.push(status.msgsPerSecond);
  history.failedPerSecond.push(status.failedPerSecond);
  history.deadLetteredPerSecond.push(status.deadLetteredPerSecond);
  let drop = 0;
  while (drop < history.at.length && ((history.at[drop] ?? at) < at - limits.statusHistoryMs || history.at.length - drop > limits.statusHistorySamples)) drop++;
  if (drop === 0) return;
  history.at.splice(0, drop);
  for (const name of series) history[name].splice(0, drop);
}

/**
 * Whether the lag in messages rose or fell over the last `spanMs` of `history` (default one minute):
 * the latest sample against the first of the span, ignoring changes under 10 messages or 10 %.
 */
export function lagTrend(history: Pick<BindingHistory, 'at' | 'lag'>, spanMs = 60_000): LagTrend {
  const last = history.at.length - 1;
  if (last < 1) return 'steady';
  const since = (history.at[last] ?? 0) - spanMs;
  let first = last;
  while (first > 0 && (history.at[first - 1] ?? 0) >= since) first--;
  const from = history.lag[first] ?? 0;
  const to = history.lag[last] ?? 0;
  const noise = Math.max(10, from * 0.1);
  return to - from > noise ? 'rising' : from - to > noise ? 'falling' : 'steady';
}
