import { z } from 'zod';
import { TopicConfigKey } from './graph.ts';
import { Guardrails } from './guardrails.ts';
import { limits } from './limits.ts';
import { compareSemver } from './nameRules.ts';
import { AlgorithmRef, Id, Name, TopicName } from './names.ts';

/** Which way an algorithm may use a topic. */
export const Access = z.enum(['publish', 'subscribe']);
export type Access = z.infer<typeof Access>;

/** A topic on a connection, named by its connection id and topic name. */
export const TopicRef = z.strictObject({ connection: Id, topic: TopicName });
export type TopicRef = z.infer<typeof TopicRef>;

/** A cluster admin's permission for one algorithm to publish or subscribe to one topic. */
export const Grant = z.strictObject({
  connection: Id,
  topic: TopicName,
  algorithm: AlgorithmRef,
  access: Access,
});
export type Grant = z.infer<typeof Grant>;

/** One published version of an algorithm. */
export const CatalogVersion = z.strictObject({
  /** Exact semantic version, e.g. `1.2.3`. */
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** The build hash the version was built from, if known. */
  buildHash: z.string().regex(/^[0-9a-f]{7,64}$/).optional(),
  /** `false` for a private (unpublished) build. */
  published: z.boolean(),
});
export type CatalogVersion = z.infer<typeof CatalogVersion>;

/** The version a new algorithm node starts with: the newest published one, else the newest one, else none (`''`). */
export function defaultVersion(versions: readonly CatalogVersion[]): string {
  const newest = (list: readonly CatalogVersion[]) => [...list].sort((a, b) => compareSemver(b.version, a.version))[0]?.version;
  return newest(versions.filter((v) => v.published)) ?? newest(versions) ?? '';
}

/** An algorithm the platform knows, with its versions. */
export const CatalogAlgorithm = z.strictObject({
  ref: AlgorithmRef,
  /** The org that owns it (the part of `ref` before the slash). */
  org: Id,
  name: Name,
  description: z.string().max(limits.text).optional(),
  /** Only published algorithms can be granted access. */
  published: z.boolean(),
  versions: z.array(CatalogVersion).max(limits.versions),
});
export type CatalogAlgorithm = z.infer<typeof CatalogAlgorithm>;

/** A topic as Kafka lists it. */
export const CatalogTopic = z.strictObject({
  name: TopicName,
  partitions: z.int().min(1).max(limits.partitions * 10),
  replicationFactor: z.int().min(1).max(limits.replicationFactor).optional(),
});
export type CatalogTopic = z.infer<typeof CatalogTopic>;

/** What a cluster gives a topic created without settings of its own (its broker's configuration). */
export const TopicDefaults = z.strictObject({
  /** The broker's `num.partitions`. */
  partitions: z.int().min(1).max(limits.partitions),
  /** The broker's `default.replication.factor`. */
  replicationFactor: z.int().min(1).max(limits.replicationFactor),
  /** The broker's `log.retention.ms`; -1 keeps messages forever. */
  retentionMs: z.int().min(-1).optional(),
});
export type TopicDefaults = z.infer<typeof TopicDefaults>;

/** The values a member's flow may give one topic config key: a whole number in a range, or one of a list. */
export const TopicConfigRule = z.union([
  z
    .strictObject({
      /** Smallest and largest whole number allowed. */
      min: z.int(),
      max: z.int(),
      /** What the number counts, so a message can say "1 hour" or "10 MiB" beside it. */
      unit: z.enum(['ms', 'bytes']),
    })
    .refine((r) => r.min <= r.max, 'the smallest value allowed is at most the largest'),
  z.strictObject({
    /** The values allowed, as Kafka spells them. */
    oneOf: z.array(z.string().min(1).max(limits.configEntry)).min(1).max(limits.configEntries),
  }),
]);
export type TopicConfigRule = z.infer<typeof TopicConfigRule>;

/**
 * How far a member's flow may go in creating a topic on a connection, and the guardrails it keeps to
 * there ({@link Guardrails}: a topic name pattern, fewest partitions, lowest replication factor, a DLQ
 * for every subscription); a cluster admin is not held to them. The model's default is
 * `memberTopicLimits` in limits.ts; an admin may replace it per connection.
 */
export const MemberTopicLimits = z
  .strictObject({
    /** Most partitions. */
    partitions: z.int().min(1).max(limits.partitions),
    /** Highest replication factor; when unset, the connection's default replication factor (3 when unknown). */
    replicationFactor: z.int().min(1).max(limits.replicationFactor).optional(),
    /** The config keys a member may set, with the values each may take; any other key is refused. */
    config: z
      .record(TopicConfigKey, TopicConfigRule)
      .refine((c) => Object.keys(c).length <= limits.configEntries, `at most ${limits.configEntries} config keys`),
    ...Guardrails.shape,
  })
  .refine((l) => l.minPartitions === undefined || l.minPartitions <= l.partitions, {
    path: ['minPartitions'],
    message: 'the fewest partitions is at most the most partitions',
  })
  .refine((l) => l.minReplicationFactor === undefined || l.replicationFactor === undefined || l.minReplicationFactor <= l.replicationFactor, {
    path: ['minReplicationFactor'],
    message: 'the lowest replication factor is at most the highest',
  });
export type MemberTopicLimits = z.infer<typeof MemberTopicLimits>;

/** A topic that one of the org's saved flows names but that the cluster does not have yet. */
export const PlannedTopic = z.strictObject({
  name: TopicName,
  /** The name of a flow that names it. */
  flow: Name,
});
export type PlannedTopic = z.infer<typeof PlannedTopic>;

/** A Kafka cluster the installation connects to, with its topics. Secrets never appear here. */
export const CatalogConnection = z.strictObject({
  id: Id,
  name: Name,
  topics: z.array(CatalogTopic).max(limits.listItems),
  /** The cluster's defaults for new topics, when it could be asked. */
  defaults: TopicDefaults.optional(),
  /** How far a member's flow may go in creating a topic here, when a cluster admin set it; else the model's default. */
  memberTopicLimits: MemberTopicLimits.optional(),
  /** Topics the org's saved flows name that do not exist on the cluster yet. */
  plannedTopics: z.array(PlannedTopic).max(limits.listItems).optional(),
});
export type CatalogConnection = z.infer<typeof CatalogConnection>;

/** Direction of a binding: the algorithm reads the topic, or writes its results to it. */
export const Direction = z.enum(['subscribe', 'publish']);
export type Direction = z.infer<typeof Direction>;

/** An enabled binding and the flow that owns it; a binding has exactly one owner. */
export const BindingClaim = z.strictObject({
  algorithm: AlgorithmRef,
  connection: Id,
  topic: TopicName,
  direction: Direction,
  flowId: Id,
  /** The owning flow's name, for messages a person reads. */
  flowName: Name,
});
export type BindingClaim = z.infer<typeof BindingClaim>;

/** An organisation. */
export const Org = z.strictObject({ id: Id, name: Name });
export type Org = z.infer<typeof Org>;

/** Everything around a flow that decides whether it is valid: algorithms, connections, topics, grants, claims. */
export const Catalog = z.strictObject({
  orgs: z.array(Org).max(limits.listItems),
  algorithms: z.array(CatalogAlgorithm).max(limits.listItems),
  connections: z.array(CatalogConnection).max(limits.listItems),
  grants: z.array(Grant).max(limits.listItems),
  /** Bindings enabled by flows, with their owner. */
  claims: z.array(BindingClaim).max(limits.listItems),
});
export type Catalog = z.infer<typeof Catalog>;

/** The roles a person may have. */
export const Role = z.enum(['admin', 'member', 'viewer']);
export type Role = z.infer<typeof Role>;

/** Who is acting, and for which org. */
export const Actor = z.strictObject({ role: Role, orgId: Id });
export type Actor = z.infer<typeof Actor>;
