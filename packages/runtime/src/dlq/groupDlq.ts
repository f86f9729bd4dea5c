import type { DlqGroup } from '@event-flows/model';
import { attemptOf, matchesFilter, notOwnedBecause, originOf, type DlqFilter, type DlqOwner } from './dlqRecord.ts';
import type { DlqReader } from './dlqReader.ts';
import { scanBackwards } from './peekDlq.ts';

/** Most bytes of DLQ records one grouping reads, whatever the DLQ holds: the newest ones are grouped. */
export const groupScanBytes = 64 * 1024 * 1024;

/** A group while it is counted. */
type Counting = { -readonly [K in Exclude<keyof DlqGroup, 'deadLetters'>]: DlqGroup[K] };

/** What to group. */
export interface GroupOptions {
  readonly topic: string;
  /** The subscriptions whose records are grouped (one, or all of a flow's that share this DLQ). */
  readonly owners: readonly DlqOwner[];
  readonly filter?: DlqFilter;
  /** Most bytes read (default {@link groupScanBytes}). */
  readonly maxBytes?: number;
}

/** The groups found, and how much of the DLQ was read to find them. */
export interface GroupResult {
  readonly groups: DlqGroup[];
  readonly scanned: { readonly records: number; readonly bytes: number };
  /** `false` when the DLQ holds older records than those read (the byte bound was reached). */
  readonly complete: boolean;
}

/**
 * Groups the owners' records of a DLQ topic by subscription, error class and stage, with counts and
 * first and last time, reading from the newest backwards at most `maxBytes`; records of others, and those
 * the filter leaves out, are not counted. Groups come largest first.
 */
export async function groupDlq(reader: DlqReader, options: GroupOptions): Promise<GroupResult> {
  const maxBytes = options.maxBytes ?? groupScanBytes;
  const groups = new Map<string, { group: Counting; origins: Set<string> }>();
  const { scanned, readAll } = await scanBackwards(reader, options.topic, { window: 1_000, maxBytes }, (record) => {
    const owner = options.owners.find((o) => notOwnedBecause(record, o) === undefined);
    if (!owner || (options.filter && !matchesFilter(record, options.filter))) return;
    const errorClass = record.error.class ?? null;
    const stage = record.error.stage ?? null;
    const key = JSON.stringify([owner.algorithm, owner.topic, errorClass, stage]);
    let entry = groups.get(key);
    if (!entry) {
      entry = { group: { algorithm: owner.algorithm, topic: owner.topic, errorClass, stage, records: 0, failedReplays: 0, first: Infinity, last: -Infinity }, origins: new Set() };
      groups.set(key, entry);
    }
    const at = Number(record.timestamp);
    const group = entry.group;
    group.records++;
    if (attemptOf(record) > 1) group.failedReplays++;
    if (at < group.first) group.first = at;
    if (at > group.last) group.last = at;
    entry.origins.add(originOf(record, options.topic));
  });
  const result = [...groups.values()].map(({ group, origins }) => ({ ...group, deadLetters: origins.size }));
  result.sort((a, b) => b.records - a.records || a.algorithm.localeCompare(b.algorithm) || String(a.errorClass).localeCompare(String(b.errorClass)) || String(a.stage).localeCompare(String(b.stage)));
  return { groups: result, scanned, complete: readAll && scanned.bytes < maxBytes };
}
