/**
 * The alert engine (issue 22): every few seconds it samples the live status of the running bindings,
 * decides each rule on each binding it watches (the model's `breach` and `stepAlert`), records firings
 * and resolutions and posts them to the rule's webhook.
 *
 * Every server replica samples (they all see the same merged status feed); the replica that holds the
 * `alerts` lock at a tick writes what changed, comparing with the firings recorded in the database,
 * so a firing is recorded once whichever replica sees it, and a restart does not fire again.
 */
import { breach, describeCondition, lookBackMs, quietAlert, sampleOf, stepAlert, type AlertBinding, type AlertSample, type AlertState, type BindingStatus } from '@event-flows/model';
import { LockTimeoutError } from '../db/db.ts';
import type { Services } from '../services.ts';
import { firingAlerts, listAlertRules, recordAlertEvent, setNotified, type AlertEvent, type StoredAlertRule } from './alertStore.ts';
import { sendWebhook, webhookRefusal } from './webhook.ts';

/** How the engine runs. */
export interface AlertEngineOptions {
  /** Time between two evaluations (ALERT_INTERVAL_MS; default 15 s). */
  intervalMs: number;
}

/** A running engine. */
export interface AlertEngine {
  /** Samples and evaluates once now (a tick does the same). */
  evaluate(): Promise<void>;
  close(): Promise<void>;
}

type EngineServices = Pick<Services, 'db' | 'statuses' | 'secrets' | 'log' | 'alertWebhookHosts'>;

/** A notification to post once the tick's writes are done. */
interface Notification {
  event: AlertEvent;
  webhook: string;
}

/** Starts evaluating every `options.intervalMs`. */
export function startAlertEngine(services: EngineServices, options: AlertEngineOptions): AlertEngine {
  const history = new Map<string, AlertSample[]>();
  const states = new Map<string, AlertState>();
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const tick = async (): Promise<void> => {
    const now = Date.now();
    const statuses = await services.statuses.current();
    const rules = await listAlertRules(services.db);
    remember(history, statuses, now, lookBackMs(rules.map((r) => r.condition)));
    const notifications = await services.db
      .withLock('alerts', () => decide(rules, statuses, now), { waitMs: 0 })
      .catch((error: unknown) => {
        // Another replica holds this tick; it records what changed.
        if (error instanceof LockTimeoutError) return [];
        throw error;
      });
    await Promise.all(
      notifications.map(async ({ event, webhook }) => {
        const outcome = await sendWebhook(webhook, `${event.kind === 'fired' ? '[FIRING]' : '[RESOLVED]'} ${event.message}`);
        if (outcome !== 'sent') services.log('warn', 'an alert notification was not delivered', { rule: event.ruleId, outcome });
        await setNotified(services.db, event.id, outcome);
      }),
    );
  };

  const evaluate = (): Promise<void> => {
    // One evaluation at a time: a slow webhook delays the next tick, never doubles it.
    running = running.then(() => (closed ? undefined : tick())).catch((error: unknown) => {
      services.log('error', 'alert evaluation failed', { error: error instanceof Error ? error.message : String(error) });
    });
    return running;
  };
  const timer = setInterval(() => void evaluate(), options.intervalMs);
  timer.unref();

  return {
    evaluate,
    async close() {
      closed = true;
      clearInterval(timer);
      await running;
    },
  };

  /**
   * Decides every rule on every binding it watches, records the firings and resolutions that differ
   * from the database's, and returns the notifications to post.
   */
  async function decide(rules: readonly StoredAlertRule[], statuses: readonly BindingStatus[], now: number): Promise<Notification[]> {
    const recorded = new Map((await firingAlerts(services.db)).map((e) => [alertKey(e.ruleId, e.binding), e]));
    const flowNames = await namesOf(services, rules);
    const notifications: Notification[] = [];
    const seen = new Set<string>();
    const record = async (rule: StoredAlertRule, binding: AlertBinding, kind: AlertEvent['kind'], message: string) => {
      const webhook = openWebhook(rule);
      const silenced = rule.silencedUntil !== null && Date.parse(rule.silencedUntil) > now;
      const notified = silenced ? 'silenced' : webhook === null ? 'no webhook' : typeof webhook === 'object' ? `not sent: ${webhook.refused}` : 'sending';
      const event = await recordAlertEvent(services.db, { ruleId: rule.id, flowId: rule.flowId, binding, kind, message, notified });
      if (notified === 'sending' && typeof webhook === 'string') notifications.push({ event, webhook });
    };
    for (const rule of rules) {
      for (const status of statuses) {
        if (status.flowId !== rule.flowId || !watches(rule, status)) continue;
        const binding = { algorithm: status.algorithm, connection: status.connection, topic: status.topic };
        const key = alertKey(rule.id, binding);
        seen.add(key);
        const firing = recorded.has(key);
        const found = breach(rule.condition, history.get(status.key) ?? [], now);
        const step = stepAlert(states.get(key) ?? (firing ? { breachedSince: now, firing: true } : quietAlert), found, rule.condition, now);
        states.set(key, step.state);
        const where = `${binding.algorithm} on "${binding.topic}" (${binding.connection}), flow "${flowNames.get(rule.flowId) ?? rule.flowId}"`;
        if (step.state.firing && !firing) await record(rule, binding, 'fired', `${rule.name}: ${describeCondition(rule.condition)} — now ${found.value}. ${where}.`);
        if (!step.state.firing && firing) await record(rule, binding, 'resolved', `${rule.name} is resolved: now ${found.value}. ${where}.`);
      }
    }
    // A firing whose binding no longer runs (its flow undeployed, the rule changed or removed) resolves.
    const byId = new Map(rules.map((r) => [r.id, r]));
    for (const [key, event] of recorded) {
      if (seen.has(key)) continue;
      states.delete(key);
      const rule = byId.get(event.ruleId);
      if (rule) await record(rule, event.binding, 'resolved', `${rule.name} is resolved: ${event.binding.algorithm} on "${event.binding.topic}" no longer runs under this rule.`);
    }
    return notifications;
  }

  /** The rule's webhook address, `null` without one, or why it is not used. */
  function openWebhook(rule: StoredAlertRule): string | null | { refused: string } {
    if (rule.sealedWebhook === null) return null;
    const address = services.secrets.open(rule.sealedWebhook);
    const refused = webhookRefusal(address, services.alertWebhookHosts);
    return refused ? { refused } : address;
  }
}

/** Adds a sample of each running binding, drops samples older than `keepMs` and bindings that stopped. */
function remember(history: Map<string, AlertSample[]>, statuses: readonly BindingStatus[], now: number, keepMs: number): void {
  const running = new Set<string>();
  for (const status of statuses) {
    running.add(status.key);
    const samples = history.get(status.key) ?? [];
    samples.push(sampleOf(status, now));
    const kept = samples.filter((s) => s.at >= now - keepMs);
    history.set(status.key, kept);
  }
  for (const key of history.keys()) if (!running.has(key)) history.delete(key);
}

function watches(rule: StoredAlertRule, status: BindingStatus): boolean {
  const b = rule.binding;
  return !b || (b.algorithm === status.algorithm && b.connection === status.connection && b.topic === status.topic);
}

function alertKey(ruleId: string, binding: AlertBinding): string {
  return [ruleId, binding.algorithm, binding.connection, binding.topic].join('\u0000');
}

async function namesOf(services: EngineServices, rules: readonly StoredAlertRule[]): Promise<Map<string, string>> {
  const ids = [...new Set(rules.map((r) => r.flowId))];
  if (ids.length === 0) return new Map();
  const rows = await services.db.query<{ id: string; name: string }>('select id, name from flows where id = any($1)', [ids]);
  return new Map(rows.map((r) => [r.id, r.name]));
}
