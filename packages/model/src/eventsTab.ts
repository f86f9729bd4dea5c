import type { Access, TopicRef } from './catalog.ts';

/**
 * The platform's Events tab, as data shared by the server (which answers `bindings.*`) and the editor
 * (which shows it): one row per topic an algorithm may access, and the changes a person asks for.
 */

/** One row of an algorithm's Events tab: a granted topic and whether that access is enabled. */
export interface EventsTabRow {
  connection: string;
  topic: string;
  access: Access;
  /**
   * `dlq`: a publication that is not enabled but is the DLQ of one of the algorithm's enabled
   * subscriptions, so Kafka lets the algorithm write there for that subscription; it is changed there.
   */
  state: 'enabled' | 'disabled' | 'dlq';
  /** The flow that owns the enabled binding (for `dlq`, the subscription's). */
  flowId: string | null;
  /** The enabled binding's version; `null` when disabled, and for `dlq` (a DLQ runs its subscription's version). */
  version: string | null;
  /** Subscriptions only: where messages the algorithm cannot process go. */
  dlq: TopicRef | null;
}

/** Which access of which algorithm an action concerns (what disabling takes). */
export interface BindingTarget {
  algorithm: string;
  connection: string;
  topic: string;
  access: Access;
}

/** What enabling or editing access asks for. */
export interface BindingChange extends BindingTarget {
  version: string;
  /** Subscriptions only: the DLQ topic, or `null` for none. Absent for publications and when unchanged. */
  dlq?: TopicRef | null;
}

/** Two references name the same topic. */
function sameTopic(a: TopicRef, b: TopicRef): boolean {
  return a.connection === b.connection && a.topic === b.topic;
}

/**
 * The topics an algorithm's subscription to `subscription` may send failed messages to, from its Events
 * tab's rows: those it may publish to under the org's grants, never one of its inputs (this subscription's
 * topic or another enabled subscription's), which would retry a failed message forever.
 */
export function dlqChoices(rows: readonly EventsTabRow[], subscription: TopicRef): TopicRef[] {
  const inputs = rows.filter((r) => r.access === 'subscribe' && (r.state === 'enabled' || sameTopic(r, subscription)));
  return rows.filter((r) => r.access === 'publish' && !inputs.some((input) => sameTopic(input, r))).map((r) => ({ connection: r.connection, topic: r.topic }));
}
