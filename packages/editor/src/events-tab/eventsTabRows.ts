import { compareSemver, grantKey, identityKey, versionForm, type BindingChange, type BindingTarget, type EventsTabRow, type Grant, type TopicRef } from '@event-flows/model';

export type { BindingChange, BindingTarget, EventsTabRow };

/** The version a user picks to follow every new release; the picker warns about it. */
export const latestVersion = 'latest';

/** A stable React key for a row (never parsed back: the row's fields carry the meaning). */
export function rowKey(row: Pick<EventsTabRow, 'access' | 'connection' | 'topic'>): string {
  return identityKey(row.access, row.connection, row.topic);
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

/** A grant request as the Events tab shows it (`bindings.accessRequests`). */
export interface AccessRequestView extends Grant {
  status: 'pending' | 'approved' | 'rejected';
  /** Why a cluster admin decided so, when they said. */
  reason: string | null;
}

/**
 * The access a refusal says no grant covers: the API's refusal for missing access carries it in its
 * error's `data.missingGrants`. Empty for any other failure.
 */
export function missingGrantsOf(error: unknown): Grant[] {
  const data: unknown = typeof error === 'object' && error !== null && 'data' in error ? error.data : undefined;
  const missing: unknown = typeof data === 'object' && data !== null && 'missingGrants' in data ? data.missingGrants : undefined;
  return Array.isArray(missing) ? (missing as Grant[]) : [];
}

/**
 * What has become of the requests for `grants`, as a sentence: refused (with the admin's reason), all
 * granted, or still waiting (also before the newest requests have been read back). `requests` are newest first.
 */
export function requestState(grants: readonly Grant[], requests: readonly AccessRequestView[], again: string): string {
  const newest = grants.map((g) => requests.find((r) => grantKey(r) === grantKey(g)));
  const refused = newest.find((r) => r?.status === 'rejected');
  if (refused) return `A cluster admin refused the access${refused.reason ? `: ${refused.reason}` : ''}.`;
  if (newest.every((r) => r?.status === 'approved')) return `Access granted: ${again} it again.`;
  return 'Access requested — waiting for a cluster admin.';
}
