/**
 * What the deploy and the catalog read of a cluster through a kafkajs admin: its topics, what it gives a
 * topic created without settings, its ACLs, and its size for a connection test. Each function takes the
 * admin and makes the requests; the gateway holds them to its answer time.
 */
import type { Acl, ActualTopic, TopicDefaults } from '@event-flows/model';
import kafkajs, { type Admin } from 'kafkajs';
import { describedAcls, everyAcl } from './aclMapping.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { ConfigResourceTypes } = kafkajs;

/** Whether `topic` is Kafka's own (`__consumer_offsets`, `__transaction_state`): never listed. */
export function isInternalTopic(topic: string): boolean {
  return topic.startsWith('__');
}

/** Every topic but Kafka's own, with its partition count. */
export async function topicsOf(admin: Admin, connection: string): Promise<ActualTopic[]> {
  const { topics } = await admin.fetchTopicMetadata();
  return topics.filter((t) => !isInternalTopic(t.name)).map((t) => ({ connection, topic: t.name, partitions: t.partitions.length }));
}

/** How many brokers and topics (but Kafka's own) the cluster has: what a connection test shows. */
export async function clusterSizeOf(admin: Admin): Promise<{ brokers: number; topics: number }> {
  const cluster = await admin.describeCluster();
  const topics = await admin.listTopics();
  return { brokers: cluster.brokers.length, topics: topics.filter((t) => !isInternalTopic(t)).length };
}

/** Every ACL of the cluster, or `authorizer: false` when it has none. */
export function aclsOf(admin: Admin, connection: string): Promise<{ authorizer: boolean; acls: Acl[] }> {
  return describedAcls(connection, () => admin.describeAcls(everyAcl));
}

/** What the cluster gives a topic created without settings, from the configs of its first broker. */
export async function topicDefaultsOf(admin: Admin): Promise<TopicDefaults | undefined> {
  const { brokers } = await admin.describeCluster();
  const broker = brokers[0];
  if (!broker) return undefined;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker.nodeId), configNames: [...topicDefaultConfigs] }],
  });
  const values = new Map((resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
  return topicDefaultsFrom(values);
}

/** The broker configs that say what a new topic gets. */
const topicDefaultConfigs = ['num.partitions', 'default.replication.factor', 'log.retention.ms', 'log.retention.minutes', 'log.retention.hours'] as const;

/**
 * A broker's topic defaults from its configs; `undefined` when it lacks the partitions or the
 * replication factor. Retention is Kafka's: `log.retention.ms`, else minutes, else hours.
 */
function topicDefaultsFrom(values: ReadonlyMap<string, string | null>): TopicDefaults | undefined {
  const whole = (name: (typeof topicDefaultConfigs)[number]) => {
    const text = values.get(name);
    const value = text === null || text === undefined || text.trim() === '' ? Number.NaN : Number(text);
    return Number.isSafeInteger(value) ? value : undefined;
  };
  const partitions = whole('num.partitions');
  const replicationFactor = whole('default.replication.factor');
  if (partitions === undefined || replicationFactor === undefined || partitions < 1 || replicationFactor < 1) return undefined;
  const minutes = whole('log.retention.minutes');
  const hours = whole('log.retention.hours');
  const retentionMs = whole('log.retention.ms') ?? (minutes !== undefined ? minutes * 60_000 : hours !== undefined ? hours * 3_600_000 : undefined);
  // Kafka reads any negative retention as "keep forever", which the catalog writes as -1.
  return { partitions, replicationFactor, ...(retentionMs === undefined ? {} : { retentionMs: retentionMs < 0 ? -1 : retentionMs }) };
}
