/**
 * The recent past of every binding's status (issue 22: lag in messages and seconds, throughput, error
 * and DLQ rates), sampled from the merged status feed every few seconds, workers' bindings included,
 * and kept in memory for `limits.statusHistoryMs`. Every replica samples the same statuses, so each
 * shows the same history; a restarted server starts a new one.
 */
import { appendSample, emptyHistory, limits, type BindingHistory, type BindingStatus } from '@event-flows/model';
import type { Log } from '../log.ts';
import type { StatusFeed } from './runtimeLink.ts';

/** The bindings' histories, for `runtime.history`. */
export interface StatusHistory {
  /** The history of every binding that reported within the window, sorted by key. */
  histories(): BindingHistory[];
  /** Stops sampling. */
  stop(): void;
}

/** How often the statuses are sampled by default: {@link limits.statusHistorySamples} over the window. */
export const historySampleMs = limits.statusHistoryMs / limits.statusHistorySamples;

/** Adds one sample of each status to `byKey` at `now`, and forgets bindings not seen within the window. */
export function recordStatuses(byKey: Map<string, BindingHistory>, statuses: readonly BindingStatus[], now: number): void {
  for (const status of statuses) {
    let history = byKey.get(status.key);
    if (!history) byKey.set(status.key, (history = emptyHistory(status)));
    appendSample(history, status, now);
  }
  for (const [key, history] of byKey) if ((history.at[history.at.length - 1] ?? 0) < now - limits.statusHistoryMs) byKey.delete(key);
}

/** Samples `feed` every `everyMs` (default {@link historySampleMs}) from now on. */
export function followStatusHistory(feed: StatusFeed, log: Log, everyMs = historySampleMs): StatusHistory {
  const byKey = new Map<string, BindingHistory>();
  let sampling = false;
  const sample = async (): Promise<void> => {
    if (sampling) return;
    sampling = true;
    try {
      recordStatuses(byKey, await feed.current(), Date.now());
    } catch (error) {
      log('warn', 'could not sample the binding statuses for their history', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      sampling = false;
    }
  };
  const timer = setInterval(() => void sample(), everyMs);
  timer.unref();
  void sample();
  return {
    histories: () => [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    stop: () => clearInterval(timer),
  };
}
