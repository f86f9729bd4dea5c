import { z } from 'zod';
import type { Db, Queryable } from './db/db.ts';
import type { EventHub, StudioChange } from './events.ts';
import type { Log } from './log.ts';

export type { StudioChange } from './events.ts';

/**
 * The PostgreSQL channel on which every server replica announces studio changes: one per schema, as
 * NOTIFY channels are shared by the whole database and installations (or test runs) that keep their
 * tables in schemas of their own must not hear each other.
 */
const changesChannel = (schema: string) => `eventflows_changes_${schema}`;

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
  await q.query(`select pg_notify('eventflows_changes_' || current_schema(), $1)`, [JSON.stringify(announcement)]);
}

/**
 * Passes every change announced on the database (by this replica or another) to this process's
 * hub, where the `flows.changes` streams pick them up. Resolves to the function that stops it.
 */
export async function relayChanges(db: Db, hub: EventHub, log: Log): Promise<() => Promise<void>> {
  const [row] = await db.query<{ schema: string }>('select current_schema() as schema');
  const channel = changesChannel(row?.schema ?? 'public');
  return db.listen(channel, (payload) => {
    let parsed: Announcement;
    try {
      parsed = Announcement.parse(JSON.parse(payload)) as Announcement;
    } catch {
      log('warn', `ignored a malformed notification on ${channel}`);
      return;
    }
    hub.publishChange(parsed.orgId, parsed.change);
  });
}
