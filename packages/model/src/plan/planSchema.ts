import { z } from 'zod';
import { Grant } from '../catalog.ts';
import { Acl, Binding, DesiredTopic, ListenerOrigin } from '../desired.ts';
import { Id, TopicName } from '../names.ts';

/**
 * One field an action changes, as a person reads it: `retention.ms`, `604800000` → `86400000`. Values
 * are display strings; {@link defaultValue} stands for a value left to the cluster or the runtime, and
 * {@link absentValue} for a side where the thing does not exist (before a creation, after a removal).
 */
export const FieldChange = z.strictObject({ field: z.string(), before: z.string(), after: z.string() });
export type FieldChange = z.infer<typeof FieldChange>;

/** Every field an action changes, in a stable order. */
const changes = z.array(FieldChange);

/**
 * The fields of an action whose object says them all (a creation, an adoption, a removal, a grant):
 * `plan` fills them in; a plan sent over the wire leaves them out ({@link compactPlan}) and the review
 * derives them again ({@link actionChanges}), which keeps the largest plan well under a response's limit.
 */
const derivable = changes.optional();

/** One step of a plan. Every step is idempotent: applying it twice leaves the same state. */
export const PlanAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('grant'),
    grant: Grant,
    /** A member cannot grant: the step waits for a cluster admin (a grant request). */
    blocked: z.boolean(),
    changes: derivable,
  }),
  z.strictObject({ kind: z.literal('create-topic'), topic: DesiredTopic, changes: derivable }),
  /**
   * A topic the flow adopted from the cluster that exists already: recorded as taken over; nothing is
   * sent to Kafka.
   */
  z.strictObject({ kind: z.literal('adopt-topic'), topic: DesiredTopic, changes: derivable }),
  z.strictObject({
    kind: z.literal('create-acl'),
    acl: Acl,
    /** `true` when Event Flows Studio had created it and it has gone missing (drift). */
    drift: z.boolean(),
    changes: derivable,
  }),
  /**
   * An ACL a binding needs that is in Kafka already but was not made by Event Flows Studio (adopted
   * from the cluster): it is recorded as managed, as the flow's, and nothing is sent to Kafka.
   */
  z.strictObject({ kind: z.literal('adopt-acl'), acl: Acl, changes: derivable }),
  z.strictObject({ kind: z.literal('update-binding'), binding: Binding, previous: Binding, changes }),
  z.strictObject({ kind: z.literal('start-binding'), binding: Binding, changes: derivable }),
  /**
   * A subscription adopted from a listener of the platform that the studio runs itself now: once the
   * studio's binding runs, the listener is deleted on the platform, so that each message is processed
   * once. `unavailable` says why it cannot be done by this deploy (the platform's API is not configured,
   * or did not answer): then the listener and the binding both run, and the plan's notes say so.
   */
  z.strictObject({ kind: z.literal('hand-over-platform-listener'), origin: ListenerOrigin, unavailable: z.string().optional(), changes }),
  z.strictObject({ kind: z.literal('stop-binding'), binding: Binding, changes: derivable }),
  /**
   * A stopped binding came from a listener of the platform (adopted): the listener is deleted on the
   * platform too, so that the subscription does not go on running there.
   */
  z.strictObject({ kind: z.literal('remove-platform-listener'), origin: ListenerOrigin, changes: derivable }),
  z.strictObject({ kind: z.literal('delete-acl'), acl: Acl, changes: derivable }),
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
  'hand-over-platform-listener',
  'stop-binding',
  'remove-platform-listener',
  'delete-acl',
];

/** Something that changed in Kafka out of band, found while planning. */
export const Drift = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('acl-missing'),
    acl: Acl,
    /** The enabled binding of the flow that needs the ACL (the edge the canvas marks); absent when none of this flow's does. */
    binding: z.strictObject({ algorithm: z.string(), connection: Id, topic: TopicName, direction: z.enum(['subscribe', 'publish']) }).optional(),
  }),
  z.strictObject({
    kind: z.literal('topic-partitions'),
    connection: Id,
    topic: z.string(),
    desired: z.int(),
    actual: z.int(),
  }),
  /** A config entry the flow sets whose live value differs ({@link defaultValue} when the cluster's default applies). */
  z.strictObject({
    kind: z.literal('topic-config'),
    connection: Id,
    topic: TopicName,
    key: z.string(),
    desired: z.string(),
    actual: z.string(),
  }),
]);
export type Drift = z.infer<typeof Drift>;

/**
 * Who else reads or writes a topic the plan touches: other flows (by name) and consumer groups on the
 * cluster, so a person sees what else a change to it affects.
 */
export const TopicUse = z.strictObject({
  connection: Id,
  topic: TopicName,
  flows: z.array(z.string()),
  consumerGroups: z.array(z.string()),
});
export type TopicUse = z.infer<typeof TopicUse>;

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
  /** For each topic the plan touches that something else uses: who (filled in by the server, which knows the other flows and the cluster's groups). */
  alsoAffects: z.array(TopicUse).optional(),
});
export type Plan = z.infer<typeof Plan>;
