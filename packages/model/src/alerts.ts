import { z } from 'zod';
import { limits } from './limits.ts';
import { AlgorithmRef, Id, Name, TopicName } from './names.ts';
import type { BindingStatus } from './status.ts';
import { countOf } from './words.ts';

/**
 * Alerts (issue 22): rules a flow's owners write about its running bindings, evaluated by the server
 * against the bindings' live status. This module holds the rules' schema and the decisions — does a
 * binding breach a condition, does an alert fire or resolve — as plain functions; the server samples
 * the status, keeps the state and sends the notifications.
 */

/** Minutes a condition must hold before its alert fires (0: at once). */
const ForMinutes = z.int().min(0).max(limits.alertMinutes);
/** Minutes a rate is measured over. */
const WindowMinutes = z.int().min(1).max(limits.alertMinutes);

/** What an alert watches. Every figure is per binding (one subscription of one algorithm). */
export const AlertCondition = z.discriminatedUnion('kind', [
  /** Messages waiting, summed over the binding's partitions, above `above` for `forMinutes`. */
  z.strictObject({ kind: z.literal('lag-messages'), above: z.int().min(0).max(Number.MAX_SAFE_INTEGER), forMinutes: ForMinutes }),
  /** The oldest unprocessed message older than `above` seconds for `forMinutes` (where the runtime reports it). */
  z.strictObject({ kind: z.literal('lag-seconds'), above: z.int().min(1).max(limits.alertMinutes * 60), forMinutes: ForMinutes }),
  /** At least `atLeast` new dead letters within the last `windowMinutes`. */
  z.strictObject({ kind: z.literal('dlq-growth'), atLeast: z.int().min(1).max(Number.MAX_SAFE_INTEGER), windowMinutes: WindowMinutes }),
  /** Failed messages above `abovePercent` of those finished within the last `windowMinutes`. */
  z.strictObject({ kind: z.literal('error-rate'), abovePercent: z.number().min(0).max(100), windowMinutes: WindowMinutes }),
  /** The binding in error for `forMinutes`. */
  z.strictObject({ kind: z.literal('binding-error'), forMinutes: ForMinutes }),
  /** A running binding finishing fewer than `below` messages a second for `forMinutes`. */
  z.strictObject({ kind: z.literal('throughput-below'), below: z.number().min(0).max(1_000_000_000), forMinutes: ForMinutes }),
]);
export type AlertCondition = z.infer<typeof AlertCondition>;

/** Which bindings of the flow a rule watches: all of them, or one subscription. */
export const AlertBinding = z.strictObject({ algorithm: AlgorithmRef, connection: Id, topic: TopicName });
export type AlertBinding = z.infer<typeof AlertBinding>;

/** A rule as its author writes it; the server adds who wrote it, its webhook and its silence. */
export const AlertRuleInput = z.strictObject({
  name: Name,
  /** Omitted: every binding of the flow. */
  binding: AlertBinding.optional(),
  condition: AlertCondition,
});
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

/** One point of a binding's history, as the server samples its status. */
export interface AlertSample {
  /** Milliseconds since the epoch. */
  at: number;
  state: BindingStatus['state'];
  consumed: number;
  failed: number;
  deadLettered: number;
  /** Messages waiting, over every partition. */
  lag: number;
  /** Age of the oldest unprocessed message, in seconds; `null` where the runtime does not report it. */
  lagSeconds: number | null;
  msgsPerSecond: number;
}

/** A binding's status as a sample taken at `at` (a status stored by an older worker may lack `lagSeconds`). */
export function sampleOf(status: BindingStatus, at: number): AlertSample {
  return {
    at,
    state: status.state,
    consumed: status.consumed,
    failed: status.failed,
    deadLettered: status.deadLettered,
    lag: Object.values(status.lag).reduce((sum, n) => sum + n, 0),
    lagSeconds: status.lagSeconds ?? null,
    msgsPerSecond: status.msgsPerSecond,
  };
}

/** Whether a binding breaches a condition now, and the figure that decides it, said as a person would. */
export interface Breach {
  breached: boolean;
  /** E.g. "lag 12,400 messages", "3 dead letters in the last 5 minutes". */
  value: string;
}

/**
 * Whether the binding whose samples (oldest first, the newest last) are `history` breaches `condition`
 * at `now`. A rate compares the newest sample with the oldest one inside its window; with fewer than
 * two samples there, nothing is breached yet.
 */
export function breach(condition: AlertCondition, history: readonly AlertSample[], now: number): Breach {
  const latest = history.at(-1);
  if (!latest) return { breached: false, value: 'no status yet' };
  switch (condition.kind) {
    case 'lag-messages':
      return { breached: latest.lag > condition.above, value: `lag ${countOf(latest.lag, 'message')}` };
    case 'lag-seconds':
      return latest.lagSeconds === null
        ? { breached: false, value: 'lag in seconds not reported' }
        : { breached: latest.lagSeconds > condition.above, value: `oldest waiting message ${latest.lagSeconds.toLocaleString('en')} s old` };
    case 'binding-error':
      return { breached: latest.state === 'error', value: `binding ${latest.state}` };
    case 'throughput-below':
      return {
        breached: latest.state === 'running' && latest.msgsPerSecond < condition.below,
        value: `${latest.msgsPerSecond.toLocaleString('en')} messages a second`,
      };
    case 'dlq-growth': {
      const first = oldestWithin(history, now - condition.windowMinutes * 60_000);
      const grown = first && first !== latest ? latest.deadLettered - first.deadLettered : 0;
      return { breached: grown >= condition.atLeast, value: `${countOf(grown, 'dead letter')} in the last ${countOf(condition.windowMinutes, 'minute')}` };
    }
    case 'error-rate': {
      const first = oldestWithin(history, now - condition.windowMinutes * 60_000);
      const finished = first && first !== latest ? latest.consumed - first.consumed : 0;
      const failed = first && first !== latest ? latest.failed - first.failed : 0;
      const percent = finished > 0 ? (100 * failed) / finished : 0;
      const shown = `${percent.toLocaleString('en', { maximumFractionDigits: 1 })}% failed in the last ${countOf(condition.windowMinutes, 'minute')}`;
      return { breached: finished > 0 && percent > condition.abovePercent, value: shown };
    }
  }
}

/** The oldest sample taken at or after `since`. */
function oldestWithin(history: readonly AlertSample[], since: number): AlertSample | undefined {
  return history.find((s) => s.at >= since);
}

/** How long a condition must hold before it fires. */
export function holdMinutes(condition: AlertCondition): number {
  return 'forMinutes' in condition ? condition.forMinutes : 0;
}

/** What is known of one rule on one binding between two evaluations. */
export interface AlertState {
  /** Since when (ms) the condition has held, while it holds. */
  breachedSince: number | null;
  /** Whether the alert is firing. */
  firing: boolean;
}

export const quietAlert: AlertState = { breachedSince: null, firing: false };

/**
 * One evaluation of a rule on a binding: the next state, and whether the alert fires (the condition has
 * held for its minutes) or resolves (it no longer holds) at this step.
 */
export function stepAlert(state: AlertState, found: Breach, condition: AlertCondition, now: number): { state: AlertState; change: 'fired' | 'resolved' | null } {
  if (!found.breached) return { state: quietAlert, change: state.firing ? 'resolved' : null };
  const since = state.breachedSince ?? now;
  const due = now - since >= holdMinutes(condition) * 60_000;
  if (state.firing || !due) return { state: { breachedSince: since, firing: state.firing }, change: null };
  return { state: { breachedSince: since, firing: true }, change: 'fired' };
}

/** The condition in words, for lists and notifications: "lag above 1,000 messages for 5 minutes". */
export function describeCondition(condition: AlertCondition): string {
  const held = (minutes: number) => (minutes === 0 ? '' : ` for ${countOf(minutes, 'minute')}`);
  switch (condition.kind) {
    case 'lag-messages':
      return `lag above ${countOf(condition.above, 'message')}${held(condition.forMinutes)}`;
    case 'lag-seconds':
      return `oldest waiting message older than ${condition.above.toLocaleString('en')} s${held(condition.forMinutes)}`;
    case 'dlq-growth':
      return `${countOf(condition.atLeast, 'dead letter')} or more within ${countOf(condition.windowMinutes, 'minute')}`;
    case 'error-rate':
      return `more than ${condition.abovePercent.toLocaleString('en')}% of messages failing over ${countOf(condition.windowMinutes, 'minute')}`;
    case 'binding-error':
      return `binding in error${held(condition.forMinutes)}`;
    case 'throughput-below':
      return `fewer than ${condition.below.toLocaleString('en')} messages a second${held(condition.forMinutes)}`;
  }
}

/** How long the server keeps a binding's samples for rules to look back over. */
export function lookBackMs(conditions: readonly AlertCondition[]): number {
  return Math.max(60_000, ...conditions.map((c) => ('windowMinutes' in c ? c.windowMinutes : 0) * 60_000 + 60_000));
}
