import { countOf, defaultVersion, isLegalTopicName, newTopicSettings, type Catalog, type CatalogConnection, type NewTopicOptions } from '@event-flows/model';
import type { NewNode } from '../store/index.ts';

/** One thing that can be dragged from the palette onto the canvas. */
export interface PaletteItem {
  /** Unique within the palette; only used as a React key. */
  key: string;
  /** The node to add. */
  node: NewNode;
  /** What the item is called. */
  label: string;
  /** A second line: the algorithm's version or the topic's connection and partitions. */
  detail: string;
}

/**
 * The palette's items: the org's algorithms, then every connection's topics — those Kafka has, then
 * those the org's flows name that do not exist yet, which deploy creates with the connection's defaults
 * (within the member limits, for a member).
 */
export function paletteItems(catalog: Catalog, orgId: string, options: NewTopicOptions = {}): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (const algorithm of catalog.algorithms) {
    if (algorithm.org !== orgId) continue;
    const version = defaultVersion(algorithm.versions);
    items.push({
      key: `algorithm:${algorithm.ref}`,
      node: { kind: 'algorithm', algorithm: algorithm.ref, version },
      label: algorithm.name,
      detail: `${algorithm.ref}${version ? ` · v ${version}` : ''}${algorithm.published ? '' : ' · unpublished'}`,
    });
  }
  for (const connection of catalog.connections) {
    for (const topic of connection.topics) {
      items.push({
        key: `topic:${connection.id}:${topic.name}`,
        node: { kind: 'topic', connection: connection.id, topic: topic.name },
        label: topic.name,
        detail: `${connection.name} · ${countOf(topic.partitions, 'partition')}`,
      });
    }
    const existing = new Set(connection.topics.map((t) => t.name));
    for (const planned of connection.plannedTopics ?? []) {
      if (existing.has(planned.name)) continue;
      items.push({
        key: `planned:${connection.id}:${planned.name}`,
        node: { kind: 'topic', connection: connection.id, topic: planned.name, create: newTopicSettings(connection, options) },
        label: planned.name,
        detail: `${connection.name} · not created yet · in flow ${planned.flow}`,
      });
    }
  }
  return items;
}

/**
 * The connections on which the palette offers to create a topic named `query`: those that neither
 * have nor plan a topic of that name. None when `query` is not a legal topic name.
 */
export function connectionsToCreateOn(catalog: Catalog, query: string): CatalogConnection[] {
  const name = query.trim();
  if (!isLegalTopicName(name)) return [];
  return catalog.connections.filter((c) => !c.topics.some((t) => t.name === name) && !(c.plannedTopics ?? []).some((t) => t.name === name));
}

/** The items whose label or detail contains every word of `query`, ignoring case. */
export function filterPaletteItems(items: readonly PaletteItem[], query: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...items];
  return items.filter((item) => {
    const text = `${item.label} ${item.detail}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
