import { AlgorithmRef, Id, limits, orgAccessRefusal as orgRefusal, parseAlgorithmRef, TopicName, type SubscribeBinding } from '@event-flows/model';
import type { DlqFilter } from '@event-flows/runtime';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { audit } from '../store/audit.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';
import { hasRedriveGrant } from '../store/redriveGrants.ts';
import { assertCanRead, assertCanWrite } from './trpc.ts';

/**
 * What the DLQ procedures share: the inputs naming a subscription and its records, the subscription
 * with its DLQ (or a refusal), and the redrive permission.
 */

/** A subscription whose dead letters are looked at. */
export const Subscription = z.strictObject({ algorithm: AlgorithmRef, connection: Id, topic: TopicName });

/** A record's place in a DLQ topic. */
export const Position = z.strictObject({ partition: z.int().min(0).max(1_000_000), offset: z.string().regex(/^\d{1,19}$/) });

const FilterText = z.string().min(1).max(limits.dlqFilterText, { error: `A filter text may have at most ${limits.dlqFilterText} characters` });
/** Which dead letters to look at (see the runtime's `DlqFilter`): times in ms since the epoch. */
export const Filter = z.strictObject({
  from: z.number().optional(),
  until: z.number().optional(),
  errorClass: z.string().max(100).optional(),
  stage: z.string().max(100).optional(),
  key: FilterText.optional(),
  header: z.strictObject({ name: FilterText, value: z.string().max(limits.dlqFilterText).optional() }).optional(),
  text: FilterText.optional(),
});

/** A zod-parsed filter as the runtime takes it (fields left out, not undefined). */
export function filterOf(filter: z.infer<typeof Filter> | undefined): DlqFilter | undefined {
  return filter && (Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as DlqFilter);
}

/** The enabled subscription and its DLQ, with the shared reader of the DLQ's connection, or a clear refusal. */
export async function subscriptionWithDlq(services: Services, user: User, input: z.infer<typeof Subscription>) {
  const org = parseAlgorithmRef(input.algorithm)?.org ?? '';
  assertCanRead(user, org);
  const binding = (await listBindings(services.db, { algorithm: input.algorithm })).find(
    (b): b is SubscribeBinding => b.direction === 'subscribe' && b.connection === input.connection && b.topic === input.topic,
  );
  if (!binding) throw new TRPCError({ code: 'NOT_FOUND', message: `${input.algorithm} does not subscribe to "${input.topic}".` });
  if (!binding.dlq) throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'This subscription has no dead-letter queue.' });
  return { binding, dlq: binding.dlq, reader: await services.kafka.dlqReader(await connectionConfig(services, binding.dlq.connection)), org };
}

/**
 * Refuses a user who may not redrive `org`'s dead letters: a redrive puts records back in front of an
 * algorithm, so it takes its own permission, a cluster admin's role or a redrive grant an admin gave.
 * A refusal of a member is written to the audit log.
 */
export async function assertCanRedrive(services: Services, user: User, org: string, target: string): Promise<void> {
  assertCanWrite(user, org);
  if (await mayRedrive(services, user, org)) return;
  await audit(services.db, { actor: user.id, action: 'dlq.redrive', target, result: 'refused', detail: { reason: 'no redrive permission' } });
  throw new TRPCError({ code: 'FORBIDDEN', message: `Redriving dead letters of ${org} needs the redrive permission: ask a cluster admin to grant it to you.` });
}

/**
 * The topic a redrive writes to: the subscription's own, or another on its connection that its algorithm
 * has a subscribe grant for (it may read it); anything else is refused with a sentence.
 */
export async function redriveTarget(services: Services, binding: SubscribeBinding, to: string | undefined): Promise<string> {
  if (to === undefined || to === binding.topic) return binding.topic;
  const grants = await listGrants(services.db, { algorithm: binding.algorithm, connection: binding.connection });
  if (grants.some((g) => g.topic === to && g.access === 'subscribe')) return to;
  throw new TRPCError({ code: 'FORBIDDEN', message: `${binding.algorithm} may not read "${to}": redrive to its own topic "${binding.topic}" or to a topic it has a subscribe grant for.` });
}

/** A connection's settings, with its credentials, or a clear refusal. */
export async function connectionConfig(services: Services, connection: string) {
  const config = await getConnectionConfig(services.db, services.secrets, connection);
  if (!config) throw new TRPCError({ code: 'NOT_FOUND', message: `There is no connection "${connection}".` });
  return config;
}

/**
 * Whether `user` may redrive `org`'s dead letters: a cluster admin, or a member of the org holding a
 * redrive grant. Viewers and other orgs' members may not.
 */
export async function mayRedrive(services: Services, user: User, org: string): Promise<boolean> {
  if (user.role === 'admin') return true;
  if (orgRefusal(user, org, 'write')) return false;
  return hasRedriveGrant(services.db, org, user.id);
}

/**
 * Why `user`, who may change `org`'s subscriptions, may not redrive its dead letters, and who can let
 * them, as the DLQ panel says it; null when they may (or when they may not change anything anyway).
 */
export async function redriveRefusal(services: Services, user: User, org: string): Promise<string | null> {
  if (orgRefusal(user, org, 'write') || (await mayRedrive(services, user, org))) return null;
  return `Redriving or replaying dead letters of ${org} needs the redrive permission, which you do not have: a cluster admin gives it on the Redrive grants page.`;
}
