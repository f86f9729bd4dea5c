import type { Access, Catalog } from '@event-flows/model';
import type { EventsTabRow } from './eventsTabRows.ts';

/** An enabled access in {@link exampleEventsTab}. */
export interface ExampleEnabled {
  topic: string;
  access: Access;
  version: string;
  dlq?: string;
}

/** What the Events tab shows for one algorithm of a catalog: its rows, versions and connection names. */
export interface ExampleEventsTab {
  rows: EventsTabRow[];
  versions: string[];
  /** The catalog's connection names by id. */
  connectionNames: Map<string, string>;
}

/**
 * The Events tab of `algorithm` as the server would list it for `catalog` (for stories and tests):
 * one row per grant, enabled where `enabled` says so (a publication that is an enabled subscription's DLQ
 * is in use as one).
 */
export function exampleEventsTab(catalog: Catalog, algorithm: string, enabled: readonly ExampleEnabled[] = []): ExampleEventsTab {
  const grants = catalog.grants.filter((g) => g.algorithm === algorithm);
  const rows = grants.map((g): EventsTabRow => {
    const on = enabled.find((e) => e.topic === g.topic && e.access === g.access);
    const dlqOf = g.access === 'publish' && !on ? enabled.find((e) => e.access === 'subscribe' && e.dlq === g.topic) : undefined;
    // The binding the row shows: its own, or the subscription it is the DLQ of.
    const shown = on ?? dlqOf;
    return {
      connection: g.connection,
      topic: g.topic,
      access: g.access,
      state: on ? 'enabled' : dlqOf ? 'dlq' : 'disabled',
      flowId: shown ? `events.${algorithm.replace('/', '.')}` : null,
      version: on?.version ?? null,
      dlq: on?.dlq && g.access === 'subscribe' ? { connection: g.connection, topic: on.dlq } : null,
    };
  });
  return {
    rows,
    versions: catalog.algorithms.find((a) => a.ref === algorithm)?.versions.map((v) => v.version) ?? [],
    connectionNames: new Map(catalog.connections.map((c) => [c.id, c.name])),
  };
}
