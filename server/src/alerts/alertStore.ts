import { randomUUID } from 'node:crypto';
import type { AlertBinding, AlertCondition, AlertRuleInput } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';

/** A rule as stored: its webhook still sealed (only the engine opens it, to send). */
export interface StoredAlertRule {
  id: string;
  flowId: string;
  name: string;
  binding: AlertBinding | null;
  condition: AlertCondition;
  sealedWebhook: string | null;
  silencedUntil: string | null;
  updatedBy: string;
  updatedAt: string;
}

interface RuleRow {
  id: string;
  flow_id: string;
  name: string;
  binding: AlertBinding | null;
  condition: AlertCondition;
  webhook: string | null;
  silenced_until: Date | string | null;
  updated_by: string;
  updated_at: Date | string;
}

function toRule(row: RuleRow): StoredAlertRule {
  return {
    id: row.id,
    flowId: row.flow_id,
    name: row.name,
    binding: row.binding,
    condition: row.condition,
    sealedWebhook: row.webhook,
    silencedUntil: row.silenced_until === null ? null : new Date(row.silenced_until).toISOString(),
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The rules of one flow, or of every flow (`flowId` omitted, for the engine), oldest first. */
export async function listAlertRules(q: Queryable, flowId?: string): Promise<StoredAlertRule[]> {
  const rows = flowId
    ? await q.query<RuleRow>('select * from alert_rules where flow_id = $1 order by updated_at, id', [flowId])
    : await q.query<RuleRow>('select * from alert_rules order by flow_id, id');
  return rows.map(toRule);
}

/** How many rules a flow has. */
export async function countAlertRules(q: Queryable, flowId: string): Promise<number> {
  const [row] = await q.query<{ n: number | string }>('select count(*) as n from alert_rules where flow_id = $1', [flowId]);
  return Number(row?.n ?? 0);
}

/**
 * Adds a rule (no `id`) or replaces one of the flow's. `sealedWebhook`: `undefined` keeps the stored
 * address, `null` removes it. Resolves to `undefined` when `id` names no rule of the flow.
 */
export async function saveAlertRule(
  q: Queryable,
  input: { flowId: string; id?: string | undefined; rule: AlertRuleInput; sealedWebhook: string | null | undefined; actor: string },
): Promise<StoredAlertRule | undefined> {
  const binding = input.rule.binding ? JSON.stringify(input.rule.binding) : null;
  const condition = JSON.stringify(input.rule.condition);
  if (!input.id) {
    const [row] = await q.query<RuleRow>(
      `insert into alert_rules (id, flow_id, name, binding, condition, webhook, updated_by) values ($1, $2, $3, $4, $5, $6, $7) returning *`,
      [`alert_${randomUUID().replaceAll('-', '').slice(0, 16)}`, input.flowId, input.rule.name, binding, condition, input.sealedWebhook ?? null, input.actor],
    );
    return row ? toRule(row) : undefined;
  }
  const [row] = await q.query<RuleRow>(
    `update alert_rules set name = $3, binding = $4, condition = $5, webhook = case when $6::boolean then $7 else webhook end, updated_by = $8, updated_at = now()
      where id = $1 and flow_id = $2 returning *`,
    [input.id, input.flowId, input.rule.name, binding, condition, input.sealedWebhook !== undefined, input.sealedWebhook ?? null, input.actor],
  );
  return row ? toRule(row) : undefined;
}

/** Removes one of the flow's rules, with its history; tells whether there was one. */
export async function deleteAlertRule(q: Queryable, flowId: string, id: string): Promise<boolean> {
  const rows = await q.query('delete from alert_rules where id = $1 and flow_id = $2 returning id', [id, flowId]);
  return rows.length > 0;
}

/** Silences one of the flow's rules until `until` (`null`: speaks again). Tells whether there was one. */
export async function silenceAlertRule(q: Queryable, flowId: string, id: string, until: Date | null): Promise<boolean> {
  const rows = await q.query('update alert_rules set silenced_until = $3 where id = $1 and flow_id = $2 returning id', [id, flowId, until]);
  return rows.length > 0;
}

/** One firing or resolution of a rule on one binding. */
export interface AlertEvent {
  id: number;
  ruleId: string;
  flowId: string;
  binding: AlertBinding;
  kind: 'fired' | 'resolved';
  message: string;
  /** What became of the notification: `sent`, `silenced`, `no webhook`, or why sending failed. */
  notified: string;
  at: string;
}

interface EventRow {
  id: number | string;
  rule_id: string;
  flow_id: string;
  algorithm: string;
  connection_id: string;
  topic: string;
  kind: 'fired' | 'resolved';
  message: string;
  notified: string;
  at: Date | string;
}

function toEvent(row: EventRow): AlertEvent {
  return {
    id: Number(row.id),
    ruleId: row.rule_id,
    flowId: row.flow_id,
    binding: { algorithm: row.algorithm, connection: row.connection_id, topic: row.topic },
    kind: row.kind,
    message: row.message,
    notified: row.notified,
    at: new Date(row.at).toISOString(),
  };
}

/** Records a firing or a resolution; its notification's outcome is set once known ({@link setNotified}). */
export async function recordAlertEvent(q: Queryable, event: Omit<AlertEvent, 'id' | 'at'>): Promise<AlertEvent> {
  const [row] = await q.query<EventRow>(
    `insert into alert_events (rule_id, flow_id, algorithm, connection_id, topic, kind, message, notified)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
    [event.ruleId, event.flowId, event.binding.algorithm, event.binding.connection, event.binding.topic, event.kind, event.message, event.notified],
  );
  return toEvent(row as EventRow);
}

/** Sets what became of an event's notification. */
export async function setNotified(q: Queryable, id: number, notified: string): Promise<void> {
  await q.query('update alert_events set notified = $2 where id = $1', [id, notified]);
}

/** The alerts firing now: each rule and binding whose last event is a firing. */
export async function firingAlerts(q: Queryable, flowId?: string): Promise<AlertEvent[]> {
  const rows = await q.query<EventRow>(
    `select * from (
       select distinct on (rule_id, algorithm, connection_id, topic) *
         from alert_events ${flowId ? 'where flow_id = $1' : ''}
        order by rule_id, algorithm, connection_id, topic, id desc
     ) last where kind = 'fired' order by id`,
    flowId ? [flowId] : [],
  );
  return rows.map(toEvent);
}

/** A flow's firings and resolutions, newest first. */
export async function alertHistory(q: Queryable, flowId: string, limit: number): Promise<AlertEvent[]> {
  const rows = await q.query<EventRow>('select * from alert_events where flow_id = $1 order by id desc limit $2', [flowId, limit]);
  return rows.map(toEvent);
}
