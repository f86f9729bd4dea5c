import { z } from 'zod';
import { Grant } from '../catalog.ts';
import { Acl, Binding, DesiredTopic, ListenerOrigin } from '../desired.ts';
import { Id } from '../names.ts';

/** One step of a plan. Every step is idempotent: applying it twice leaves the same state. */
export const PlanAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('grant'),
    grant: Grant,
    /** A member cannot grant: the step waits for a cluster admin (a grant request). */
    blocked: z.boolean(),
  }),
  z.strictObject({ kind: z.literal('create-topic'), topic: DesiredTopic }),
  /**
   * A topic the flow adopted from the cluster that exists already: recorded as taken over; nothing is
   * sent to Kafka.
   */
  z.strictObject({ kind: z.literal('adopt-topic'), topic: DesiredTopic }),
  z.strictObject({
    kind: z.literal('create-acl'),
    acl: Acl,
    /** `true` when Event Flows Studio had created it and it has gone missing (drift). */
    drift: z.boolean(),
  }),
  /**
   * An ACL a binding needs that is in Kafka already but was not made by Event Flows Studio (adopted
   * from the cluster): it is recorded as managed, as the flow's, and nothing is sent to Kafka.
   */
  z.strictObject({ kind: z.literal('adopt-acl'), acl: Acl }),
  z.strictObject({ kind: z.literal('update-binding'), binding: Binding, previous: Binding, changes: z.array(z.string()) }),
  z.strictObject({ kind: z.literal('start-binding'), binding: Binding }),
  z.strictObject({ kind: z.literal('stop-binding'), binding: Binding }),
  /**
   * A stopped binding came from a listener of the platform (adopted): the listener is deleted on the
   * platform too, so that the subscription does not go on running there.
   */
  z.strictObject({ kind: z.literal('remove-platform-listener'), origin: ListenerOrigin }),
  z.strictObject({ kind: z.literal('delete-acl'), acl: Acl }),
]);
export type PlanAction = z.infer<typeof PlanAction>;
export type PlanActionKind = PlanAction['kind'];

/** The order in which action kinds run: access before use, stop before revoke. */
export const actionOrder: readonly PlanActionKind[] = [
  'grant',
  'create-topic',
  'adopt-topic',
  'create-acl',
  'adopt-acl',
  'update-binding',
  'start-binding',
  'stop-binding',
  'remove-platform-listener',
  'delete-acl',
];

/** Something that changed in Kafka out of band, found while planning. */
export const Drift = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('acl-missing'), acl: Acl }),
  z.strictObject({
    kind: z.literal('topic-partitions'),
    connection: Id,
    topic: z.string(),
    desired: z.int(),
    actual: z.int(),
  }),
]);
export type Drift = z.infer<typeof Drift>;

/** What deploying a flow will do, as data a person reviews before anything changes. */
export const Plan = z.strictObject({
  flowId: Id,
  actions: z.array(PlanAction),
  drift: z.array(Drift),
  /** Things a person should know that are not actions (e.g. a cluster without an authorizer). */
  notes: z.array(z.string()),
  /** `true` when some action waits for a cluster admin or a binding belongs to another flow. */
  blocked: z.boolean(),
  /** One line: what the plan does. */
  summary: z.string(),
});
export type Plan = z.infer<typeof Plan>;
