/**
 * What a deploy writes to a cluster through a kafkajs admin, one batched request per kind: topics
 * (CreateTopics), ACLs (CreateAcls, DeleteAcls) and the put-back of topic drift (AlterConfigs for a
 * topic's config, CreatePartitions for its partition count). Each function takes the admin and makes
 * one request; the gateway chooses the admin and names an API the cluster lacks.
 */
import type { Acl, DesiredTopic } from '@event-flows/model';
import kafkajs, { type Admin } from 'kafkajs';
import { toKafkaAcl } from './aclMapping.ts';
import { isSecurityDisabled } from './kafkaFailures.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { ConfigResourceTypes } = kafkajs;

/** A topic's config as it is to be: every entry set on it. */
export interface TopicConfigChange {
  topic: string;
  config: Readonly<Record<string, string>>;
}

/** A topic's partition count as it is to be (more than it has). */
export interface PartitionsChange {
  topic: string;
  partitions: number;
}

/** Creates the topics in one CreateTopics request; Kafka's defaults where a topic names no count. */
export async function createTopics(admin: Admin, topics: readonly DesiredTopic[]): Promise<void> {
  await admin.createTopics({
    waitForLeaders: true,
    topics: topics.map((t) => ({
      topic: t.topic,
      numPartitions: t.partitions ?? -1,
      replicationFactor: t.replicationFactor ?? -1,
      configEntries: configEntriesOf(t.config),
    })),
  });
}

/** Creates the ACLs in one CreateAcls request; `authorizer: false` when the cluster has none. */
export async function createAcls(admin: Admin, acls: readonly Acl[]): Promise<{ authorizer: boolean }> {
  try {
    await admin.createAcls({ acl: acls.map(toKafkaAcl) });
    return { authorizer: true };
  } catch (error) {
    if (isSecurityDisabled(error)) return { authorizer: false };
    throw error;
  }
}

/** Deletes exactly these ACLs in one DeleteAcls request (one exact filter each). */
export async function deleteAcls(admin: Admin, acls: readonly Acl[]): Promise<void> {
  await admin.deleteAcls({ filters: acls.map(toKafkaAcl) });
}

/**
 * Puts topic configs back in one AlterConfigs request. Kafka's AlterConfigs replaces a topic's whole
 * set, so each change carries every entry the topic is to have.
 */
export async function alterTopicConfigs(admin: Admin, topics: readonly TopicConfigChange[]): Promise<void> {
  await admin.alterConfigs({
    validateOnly: false,
    resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic, configEntries: configEntriesOf(t.config) })),
  });
}

/** Puts partition counts back (grows each topic to its count) in one CreatePartitions request. */
export async function createPartitions(admin: Admin, topics: readonly PartitionsChange[]): Promise<void> {
  await admin.createPartitions({ topicPartitions: topics.map((t) => ({ topic: t.topic, count: t.partitions })) });
}

/** A config as the config entries Kafka's requests carry. */
function configEntriesOf(config: Readonly<Record<string, string>>): { name: string; value: string }[] {
  return Object.entries(config).map(([name, value]) => ({ name, value }));
}
