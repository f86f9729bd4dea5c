import { compareSemver, versionForm, type BindingChange, type BindingTarget, type EventsTabRow, type TopicRef } from '@event-flows/model';

export type { BindingChange, BindingTarget, EventsTabRow };

/** The version a user picks to follow every new release; the picker warns about it. */
export const latestVersion = 'latest';

/** A stable React key for a row (never parsed back: the row's fields carry the meaning). */
export function rowKey(row: Pick<EventsTabRow, 'access' | 'connection' | 'topic'>): string {
  return JSON.stringify([row.access, row.connection, row.topic]);
}

/** Tells whether a version follows new releases by itself (`latest`, `latestPrivate`). */
export function isLatest(version: string): boolean {
  return versionForm(version) === 'latest';
}

/** The picker's choices: `latest` first, then the catalog's versions newest first (plus the row's own). */
export function versionChoices(versions: readonly string[], current: string | null): string[] {
  const exact = [...new Set([...versions, ...(current && !isLatest(current) ? [current] : [])])];
  exact.sort((a, b) => (versionForm(a) === 'exact' && versionForm(b) === 'exact' ? compareSemver(b, a) : 0));
  return [latestVersion, ...exact];
}

/** The version a form starts with: the row's, else the newest catalog version, else `latest`. */
export function initialVersion(row: EventsTabRow, versions: readonly string[]): string {
  return row.version ?? versionChoices(versions, null)[1] ?? latestVersion;
}

/** Two topic references name the same topic. */
export function sameTopic(a: TopicRef, b: TopicRef): boolean {
  return a.connection === b.connection && a.topic === b.topic;
}
