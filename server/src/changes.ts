import { z } from 'zod';
import type { Db, Queryable } from './db/db.ts';
import { deployChannel, type DeployEvent, type EventHub, type StudioChange } from './events.ts';
import type { Log } from './log.ts';

export type { StudioChange } from './events.ts';

/**
 * The PostgreSQL channel on which every server replica announces studio changes: one per schema, as
 * NOTIFY channels are shared by the whole database and installations (or test runs) that keep their
 * tables in schemas of their own must not hear each other.
 */
const changesChannel = (schema: string) => `eventflows_changes_${schema}`;

/** The channel of deploy progress, one per schema as well. */
const deploysChannel = (schema: string) => `eventflows_deploys_${schema}`;

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

/** Deploy progress as announced: the replica that runs the deploy (it published the event already), the flow and the event. */
interface DeployAnnouncement {
  origin: string;
  flowId: string;
  event: DeployEvent;
}

const DeployAnnouncement = z.object({
  origin: Id,
  flowId: Id,
  event: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('started'), deploymentId: z.int(), summary: z.string() }),
    z.strictObject({
      kind: z.literal('step'),
      deploymentId: z.int(),
      step: z.strictObject({
        title: z.string(),
        status: z.enum(['succeeded', 'failed', 'skipped']),
        requests: z.int().optional(),
        detail: z.string().optional(),
        durationMs: z.number(),
      }),
    }),
    z.strictObject({ kind: z.literal('finished'), deploymentId: z.int(), status: z.enum(['succeeded', 'failed']), error: z.string().optional() }),
  ]),
});

/**
 * The longest texts a deploy event carries to other replicas: PostgreSQL refuses a NOTIFY payload of
 * 8,000 bytes or more, so long summaries, step titles, details and errors are cut (the deployment record
 * in the database keeps them whole). At most 4 bytes a character, an event's texts stay under 6,800 bytes.
 */
const announcedTextChars = 1_500;
const announcedTitleChars = 200;

const cut = (text: string, chars = announcedTextChars) => (text.length > chars ? `${text.slice(0, chars)}…` : text);

/** A deploy event whose texts fit in a notification. */
function compact(event: DeployEvent): DeployEvent {
  switch (event.kind) {
    case 'started':
      return { ...event, summary: cut(event.summary) };
    case 'step':
      return { ...event, step: { ...event.step, title: cut(event.step.title, announcedTitleChars), ...(event.step.detail !== undefined ? { detail: cut(event.step.detail) } : {}) } };
    case 'finished':
      return { ...event, ...(event.error !== undefined ? { error: cut(event.error) } : {}) };
  }
}

/**
 * Announces a deploy's progress to the other server replicas sharing the database, whose relays pass it
 * to their subscribers; `origin` is the announcing replica's hub, which ignores its own.
 */
export async function announceDeployEvent(q: Queryable, origin: string, flowId: string, event: DeployEvent): Promise<void> {
  const announcement: DeployAnnouncement = { origin, flowId, event: compact(event) };
  await q.query(`select pg_notify('eventflows_deploys_' || current_schema(), $1)`, [JSON.stringify(announcement)]);
}

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
 * hub, where the `flows.changes` streams pick them up, and the deploy progress other replicas announce,
 * where the `flows.deployProgress` streams pick it up. Resolves to the function that stops it.
 */
export async function relayChanges(db: Db, hub: EventHub, log: Log): Promise<() => Promise<void>> {
  const [row] = await db.query<{ schema: string }>('select current_schema() as schema');
  const channel = changesChannel(row?.schema ?? 'public');
  const progressChannel = deploysChannel(row?.schema ?? 'public');
  const stopProgress = await listenFor(db, progressChannel, DeployAnnouncement, log, (parsed: DeployAnnouncement) => {
    if (parsed.origin !== hub.origin) hub.publish(deployChannel(parsed.flowId), parsed.event);
  });
  const stopChanges = await listenFor(db, channel, Announcement, log, (parsed: Announcement) => hub.publishChange(parsed.orgId, parsed.change));
  return async () => {
    await stopChanges();
    await stopProgress();
  };
}

/** Listens on `channel` for JSON payloads `schema` accepts; one it does not is logged and passed over. */
function listenFor<T>(db: Db, channel: string, schema: z.ZodType, log: Log, onMessage: (message: T) => void): Promise<() => Promise<void>> {
  return db.listen(channel, (payload) => {
    let parsed: T;
    try {
      parsed = schema.parse(JSON.parse(payload)) as T;
    } catch {
      log('warn', `ignored a malformed notification on ${channel}`);
      return;
    }
    onMessage(parsed);
  });
}
