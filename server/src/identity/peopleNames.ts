/**
 * The display names of the people an API response carries, by user id: the platform's names, plus the
 * studio's own system user. Only ids the response carries are looked up, never a general directory.
 */
import type { PlatformAdapter } from '../platform/platform.ts';

/** The user id the standalone demo's seed writes its example flow and grants as. */
export const seedActor = 'seed';

/**
 * How the seed's system user is shown. Nobody signed in as "seed": the example flow and grants came
 * with the studio, so the studio is named, and "(example)" says why they are there (in the
 * "Max (Acme member)" shape the platform's names have).
 */
export const seedActorName = 'Event Flows Studio (example)';

/**
 * The display names of `userIds` the platform knows, and the seed's system user unless the platform
 * knows a person with that id (then it is theirs). Ids with no name are left out: a response says
 * `null` for them.
 */
export async function peopleNames(platform: PlatformAdapter, userIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds)];
  const names = ids.length === 0 ? new Map<string, string>() : await platform.displayNames(ids);
  if (ids.includes(seedActor) && !names.has(seedActor)) names.set(seedActor, seedActorName);
  return names;
}

/** `thing` with `updatedByName`: the display name of who saved it, or `null` when there is none. */
export function withUpdatedByName<T extends { updatedBy: string }>(thing: T, names: ReadonlyMap<string, string>): T & { updatedByName: string | null } {
  return { ...thing, updatedByName: names.get(thing.updatedBy) ?? null };
}
