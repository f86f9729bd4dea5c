import { describe, expect, it } from 'vitest';
import { AlertRuleInput, breach, describeCondition, quietAlert, stepAlert, type AlertCondition, type AlertSample, type AlertState } from './alerts.ts';

const minute = 60_000;

function sample(at: number, fields: Partial<AlertSample> = {}): AlertSample {
  return { at, state: 'running', consumed: 0, failed: 0, deadLettered: 0, lag: 0, lagSeconds: null, msgsPerSecond: 10, ...fields };
}

/** Steps a rule through `history`, one evaluation per sample, and returns the changes with their times. */
function run(condition: AlertCondition, history: AlertSample[]): string[] {
  let state: AlertState = quietAlert;
  const changes: string[] = [];
  history.forEach((s, i) => {
    const step = stepAlert(state, breach(condition, history.slice(0, i + 1), s.at), condition, s.at);
    state = step.state;
    if (step.change) changes.push(`${step.change} at ${s.at / minute} min`);
  });
  return changes;
}

describe('alert rules', () => {
  it('fires once a lag has stayed above its bound for the minutes given, and resolves when it falls', () => {
    const condition: AlertCondition = { kind: 'lag-messages', above: 1_000, forMinutes: 5 };
    const lags = [0, 2_000, 2_500, 3_000, 3_000, 3_000, 3_100, 3_200, 400, 300];
    expect(run(condition, lags.map((lag, i) => sample(i * minute, { lag })))).toEqual(['fired at 6 min', 'resolved at 8 min']);
  });

  it('starts the minutes again when the condition stops holding before they are up', () => {
    const condition: AlertCondition = { kind: 'lag-messages', above: 1_000, forMinutes: 3 };
    const lags = [2_000, 2_000, 0, 2_000, 2_000, 2_000, 2_000];
    expect(run(condition, lags.map((lag, i) => sample(i * minute, { lag })))).toEqual(['fired at 6 min']);
  });

  it('fires at once for a binding in error when no minutes are asked, and resolves when it runs again', () => {
    const states: AlertSample['state'][] = ['running', 'error', 'error', 'running'];
    expect(run({ kind: 'binding-error', forMinutes: 0 }, states.map((state, i) => sample(i * minute, { state })))).toEqual(['fired at 1 min', 'resolved at 3 min']);
  });

  it('measures dead-letter growth and the error rate over their window only', () => {
    const history = [0, 1, 2, 3, 4, 5].map((i) => sample(i * minute, { deadLettered: i < 3 ? 0 : 10 * (i - 2), consumed: 100 * i, failed: i < 3 ? 0 : 10 * (i - 2) }));
    // From 10 at minute 3 to 30 at minute 5.
    const growth = breach({ kind: 'dlq-growth', atLeast: 20, windowMinutes: 2 }, history, 5 * minute);
    expect(growth).toEqual({ breached: true, value: '20 dead letters in the last 2 minutes' });
    expect(breach({ kind: 'dlq-growth', atLeast: 20, windowMinutes: 1 }, history, 5 * minute).breached).toBe(false);
    // 20 failed of 200 finished in the last 2 minutes: 10%.
    expect(breach({ kind: 'error-rate', abovePercent: 5, windowMinutes: 2 }, history, 5 * minute)).toEqual({ breached: true, value: '10% failed in the last 2 minutes' });
    expect(breach({ kind: 'error-rate', abovePercent: 10, windowMinutes: 2 }, history, 5 * minute).breached).toBe(false);
  });

  it('never fires on a figure the runtime does not report, nor on a rate with one sample', () => {
    expect(breach({ kind: 'lag-seconds', above: 10, forMinutes: 0 }, [sample(0, { lag: 1_000_000 })], 0)).toEqual({ breached: false, value: 'lag in seconds not reported' });
    expect(breach({ kind: 'lag-seconds', above: 10, forMinutes: 0 }, [sample(0, { lagSeconds: 42 })], 0).breached).toBe(true);
    expect(breach({ kind: 'error-rate', abovePercent: 0, windowMinutes: 5 }, [sample(0, { consumed: 10, failed: 10 })], 0).breached).toBe(false);
  });

  it('watches throughput only while the binding runs', () => {
    const condition: AlertCondition = { kind: 'throughput-below', below: 5, forMinutes: 0 };
    expect(breach(condition, [sample(0, { msgsPerSecond: 1 })], 0).breached).toBe(true);
    expect(breach(condition, [sample(0, { msgsPerSecond: 0, state: 'paused' })], 0).breached).toBe(false);
  });

  it('says each condition in words', () => {
    expect(describeCondition({ kind: 'lag-messages', above: 1_000, forMinutes: 5 })).toBe('lag above 1,000 messages for 5 minutes');
    expect(describeCondition({ kind: 'binding-error', forMinutes: 0 })).toBe('binding in error');
    expect(describeCondition({ kind: 'dlq-growth', atLeast: 1, windowMinutes: 10 })).toBe('1 dead letter or more within 10 minutes');
  });

  it('refuses a rule outside the limits with a sentence that says which field', () => {
    const refused = AlertRuleInput.safeParse({ name: 'Slow', condition: { kind: 'lag-messages', above: 10, forMinutes: 100_000 } });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['condition', 'forMinutes']);
    expect(AlertRuleInput.safeParse({ name: 'Typo', condition: { kind: 'lag', above: 10 } }).success).toBe(false);
  });
});
