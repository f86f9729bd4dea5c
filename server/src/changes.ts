import { z } from 'zod';
import type { Db, Queryable } from './db/db.ts';
import type { EventHub, StudioChange } from './events.ts';
import type { Log } from './services.ts';

export type { StudioChange } from './events.ts';

/** The PostgreSQL channel on which every server replica announces studio changes. */
export const changesChannel = 'eventflows_changes';

/** A notification as announced: the org it concerns (`null`: every org) and the change. */
interface Announcement {
  orgId: string | null;
  change: StudioChange;
}

const Id = z.string().max(256);
const Announcement = z.object({
  orgId: Id.nullable(),
  change: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('flow-saved'), flowId: Id, name: z.string().max(1_000), revision: z.int(), by: Id }),
    z.strictObject({ kind: z.literal('flow-deleted'), flowId: Id }),
    z.strictObject({
      kind: z.literal('deployment'),
      flowId: Id,
      action: z.enum(['deploy', 'undeploy']),
      revision: z.int().nullable(),
      status: z.enum(['succeeded', 'failed']),
      by: Id,
    }),
    z.strictObject({ kind: z.literal('catalog-changed'), what: z.enum(['grants', 'grant-requests', 'connections']) }),
  ]),
});

/**
 * Announces a change to every server replica sharing the database (PostgreSQL NOTIFY, which a
 * transaction delivers when it commits, so no studio hears of a change it cannot read yet).
 */
export async function announceChange(q: Queryable, orgId: string | null, change: StudioChange): Promise<void> {
  const announcement: Announcement = { orgId, change };
  await q.query('select pg_notify($1, $2)', [changesChannel, JSON.stringify(announcement)]);
}

/**
 * Passes every change announced on the database (by this replica or another) to this process's
 * hub, where the `flows.changes` streams pick them up. Resolves to the function that stops it.
 */
export async function relayChanges(db: Db, hub: EventHub, log: Log): Promise<() => Promise<void>> {
  return db.listen(changesChannel, (payload) => {
    let parsed: Announcement;
    try {
      parsed = Announcement.parse(JSON.parse(payload)) as Announcement;
    } catch {
      log('warn', `ignored a malformed notification on ${changesChannel}`);
      return;
    }
    hub.publishChange(parsed.orgId, parsed.change);
  });
}
