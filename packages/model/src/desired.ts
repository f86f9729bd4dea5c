import { z } from 'zod';
import { AlgorithmRef, Id, TopicName } from './names.ts';
import { Grant, TopicRef } from './catalog.ts';
import { Ordering, RetryPolicy } from './graph.ts';
import { limits } from './limits.ts';

/** A topic a flow needs. `null` settings mean "the cluster's default" when it has to be created. */
export const DesiredTopic = z.strictObject({
  connection: Id,
  topic: TopicName,
  partitions: z.int().min(1).max(limits.partitions).nullable(),
  replicationFactor: z.int().min(1).max(limits.replicationFactor).nullable(),
  config: z.record(z.string().max(limits.configEntry), z.string().max(limits.configEntry)),
  /** A topic node shows it adopted from the cluster: the plan takes it over rather than creating it. */
  adopted: z.literal(true).optional(),
});
export type DesiredTopic = z.infer<typeof DesiredTopic>;

const bindingCommon = {
  /** The flow that owns the binding. */
  flowId: Id,
  algorithm: AlgorithmRef,
  connection: Id,
  topic: TopicName,
  version: z.string().max(64),
  /** The Kafka principal the algorithm acts as, e.g. `User:eventflows.acme.classify`. */
  principal: z.string().min(1).max(512),
};

/**
 * An enabled subscription: each message on `topic` invokes `algorithm@version`; results go to
 * `outputs`, failures to `dlq`. This is the unit the platform's Events tab shows as "enabled".
 */
export const SubscribeBinding = z.strictObject({
  ...bindingCommon,
  direction: z.literal('subscribe'),
  consumerGroup: z.string().min(1).max(512),
  dlq: TopicRef.nullable(),
  outputs: z.array(TopicRef).max(limits.edges),
  retry: RetryPolicy,
  concurrency: z.int().min(1).max(limits.concurrency),
  ordering: Ordering,
  timeoutMs: z.int().min(1).max(limits.timeoutMs),
});
export type SubscribeBinding = z.infer<typeof SubscribeBinding>;

/** An enabled publication: the algorithm may write its results to `topic`. */
export const PublishBinding = z.strictObject({
  ...bindingCommon,
  direction: z.literal('publish'),
});
export type PublishBinding = z.infer<typeof PublishBinding>;

/** An enabled `(algorithm, topic, direction)` with its settings. */
export const Binding = z.discriminatedUnion('direction', [SubscribeBinding, PublishBinding]);
export type Binding = z.infer<typeof Binding>;

/** Names a listener of the platform (Algorithmia's event listeners): its owner and its id. */
export const ListenerRef = z.strictObject({ userId: Id, id: z.string().min(1).max(limits.id) });
export type ListenerRef = z.infer<typeof ListenerRef>;

/**
 * Which listener of the platform a flow's subscribe binding came from: the binding's identity
 * (algorithm, connection, topic) and the listener's. Recorded when the listener is adopted.
 */
export const ListenerOrigin = z.strictObject({
  flowId: Id,
  algorithm: z.string().max(129),
  connection: Id,
  topic: z.string().max(limits.topic),
  listener: ListenerRef,
});
export type ListenerOrigin = z.infer<typeof ListenerOrigin>;

/** A Kafka ACL entry, in Kafka's own terms (lower-case). */
export const Acl = z.strictObject({
  connection: Id,
  principal: z.string().min(1).max(512),
  resourceType: z.enum(['topic', 'group', 'cluster', 'transactional-id']),
  resourceName: z.string().min(1).max(512),
  patternType: z.enum(['literal', 'prefixed']),
  operation: z.enum([
    'all',
    'read',
    'write',
    'create',
    'delete',
    'alter',
    'describe',
    'cluster-action',
    'describe-configs',
    'alter-configs',
    'idempotent-write',
  ]),
  permission: z.enum(['allow', 'deny']),
  host: z.string().min(1).max(255),
});
export type Acl = z.infer<typeof Acl>;

/**
 * What a flow needs to exist, as {@link compile} derives it from the graph. `acls` is always
 * `aclsFor(bindings)`; the planner relies on it.
 */
export const Desired = z.strictObject({
  flowId: Id,
  topics: z.array(DesiredTopic),
  grants: z.array(Grant),
  bindings: z.array(Binding),
  acls: z.array(Acl),
});
export type Desired = z.infer<typeof Desired>;

/**
 * A consumer group on a cluster as a plan compares it: its members' client ids and hosts, and the
 * topics it has committed offsets on.
 */
export const ActualGroup = z.strictObject({
  connection: Id,
  groupId: z.string().min(1).max(512),
  members: z.array(z.strictObject({ clientId: z.string().max(512), clientHost: z.string().max(512) })).max(limits.listItems),
  offsetTopics: z.array(TopicName).max(limits.listItems),
});
export type ActualGroup = z.infer<typeof ActualGroup>;

/** What exists now: topics and ACLs read from Kafka, the ACLs we created, bindings and grants from the database. */
export const Actual = z.strictObject({
  topics: z.array(
    z.strictObject({
      connection: Id,
      topic: TopicName,
      partitions: z.int().min(1),
      replicationFactor: z.int().min(1).optional(),
      /** Its config entries that differ from the cluster's defaults, when they were read. */
      configs: z.record(z.string().max(limits.configEntry), z.string().max(limits.configEntry)).optional(),
    }),
  ),
  /** ACLs present in Kafka now (whoever created them). */
  acls: z.array(Acl),
  /** ACLs that Event Flows Studio created and has not deleted: the only ones it may ever delete. */
  managedAcls: z.array(Acl),
  /**
   * Of `managedAcls`, those recorded as the planned flow's: its plan created them, or an applied plan of
   * it was removing them when it stopped (a crash, a failed DeleteAcls). Absent: none.
   */
  flowAcls: z.array(Acl).optional(),
  /**
   * Topics a deployed flow has taken over from the cluster (an applied `adopt-topic`). Absent: none.
   */
  adoptedTopics: z.array(TopicRef).optional(),
  /** Enabled bindings of every flow. */
  bindings: z.array(Binding),
  /** The planned flow's bindings that came from listeners of the platform (adopted). Absent: none. */
  listenerOrigins: z.array(ListenerOrigin).optional(),
  /** The cluster admins' grants. */
  grants: z.array(Grant),
  /** Connections whose cluster has no authorizer (CreateAcls answers SECURITY_DISABLED). */
  connectionsWithoutAuthorizer: z.array(Id),
  /**
   * The connections whose ACLs were read: `acls` and `managedAcls` are complete for these alone, so ACLs
   * are created and deleted only there. Absent: they are complete for every connection.
   */
  aclsReadOn: z.array(Id).optional(),
  /**
   * The consumer groups of the bindings' clusters, when they were read (a plan for a person to review):
   * the plan compares each deployed subscription's group with what the flow wants. Absent: not compared.
   */
  groups: z.array(ActualGroup).optional(),
});
export type Actual = z.infer<typeof Actual>;
export type ActualTopic = Actual['topics'][number];

/** An Actual with nothing in it. */
export function emptyActual(): Actual {
  return { topics: [], acls: [], managedAcls: [], bindings: [], grants: [], connectionsWithoutAuthorizer: [] };
}
