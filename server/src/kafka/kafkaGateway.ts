import type { Acl, ActualTopic, DesiredTopic, TopicDefaults } from '@event-flows/model';
import kafkajs, { type Admin, type SASLOptions } from 'kafkajs';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { fromKafkaAcl, toKafkaAcl } from './aclMapping.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ConfigResourceTypes, Kafka, logLevel, ResourcePatternTypes } = kafkajs;

/** What the server asks of a Kafka cluster; the only place the apply engine talks to Kafka. */
export interface KafkaGateway {
  /** Every topic with its partition count. */
  readTopics(connection: ConnectionConfig): Promise<ActualTopic[]>;
  /**
   * What the cluster gives a topic created without settings (one of its brokers' `num.partitions`,
   * `default.replication.factor` and retention); `undefined` when the cluster does not say.
   */
  readTopicDefaults(connection: ConnectionConfig): Promise<TopicDefaults | undefined>;
  /** Every ACL, or `authorizer: false` when the cluster has none (SECURITY_DISABLED). */
  readAcls(connection: ConnectionConfig): Promise<{ authorizer: boolean; acls: Acl[] }>;
  /** Creates topics in one CreateTopics request; topics that exist already are not an error. */
  createTopics(connection: ConnectionConfig, topics: readonly DesiredTopic[]): Promise<void>;
  /** Creates ACLs in one CreateAcls request; `authorizer: false` when the cluster has none. */
  createAcls(connection: ConnectionConfig, acls: readonly Acl[]): Promise<{ authorizer: boolean }>;
  /** Deletes exactly these ACLs in one DeleteAcls request (one exact filter each). */
  deleteAcls(connection: ConnectionConfig, acls: readonly Acl[]): Promise<void>;
  /** Connects and lists brokers and topics, to tell an admin whether a connection works. */
  test(connection: ConnectionConfig): Promise<{ brokers: number; topics: number }>;
  close(): Promise<void>;
}

/** Kafka's error for a cluster without an authorizer. */
const securityDisabled = 'SECURITY_DISABLED';

function isSecurityDisabled(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && (error as { type: unknown }).type === securityDisabled;
}

function saslFor(connection: ConnectionConfig): SASLOptions | undefined {
  const { auth } = connection;
  if (auth.mechanism === 'none') return undefined;
  return { mechanism: auth.mechanism, username: auth.username, password: auth.password } as SASLOptions;
}

/** A {@link KafkaGateway} over kafkajs, keeping one connected admin client per connection. */
export function kafkajsGateway(options: { clientId?: string; requestTimeoutMs?: number } = {}): KafkaGateway {
  const admins = new Map<string, { fingerprint: string; admin: Promise<Admin> }>();

  async function adminFor(connection: ConnectionConfig): Promise<Admin> {
    const fingerprint = JSON.stringify(connection);
    const cached = admins.get(connection.id);
    if (cached && cached.fingerprint === fingerprint) return cached.admin;
    if (cached) await (await cached.admin.catch(() => undefined))?.disconnect();
    const sasl = saslFor(connection);
    const kafka = new Kafka({
      clientId: options.clientId ?? 'event-flows-studio',
      brokers: connection.bootstrap,
      logLevel: logLevel.NOTHING,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      connectionTimeout: 5_000,
      retry: { retries: 3, initialRetryTime: 200 },
      ...(connection.tls.enabled ? { ssl: connection.tls.caCertificate ? { ca: [connection.tls.caCertificate] } : true } : {}),
      ...(sasl ? { sasl } : {}),
    });
    const admin = kafka.admin();
    const ready = admin.connect().then(() => admin);
    admins.set(connection.id, { fingerprint, admin: ready });
    ready.catch(() => admins.delete(connection.id));
    return ready;
  }

  return {
    async readTopics(connection) {
      const admin = await adminFor(connection);
      const { topics } = await admin.fetchTopicMetadata();
      return topics
        .filter((t) => !t.name.startsWith('__'))
        .map((t) => ({ connection: connection.id, topic: t.name, partitions: t.partitions.length }));
    },
    async readTopicDefaults(connection) {
      const admin = await adminFor(connection);
      const { brokers } = await admin.describeCluster();
      const broker = brokers[0];
      if (!broker) return undefined;
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.BROKER, name: String(broker.nodeId), configNames: [...topicDefaultConfigs] }],
      });
      const values = new Map((resources[0]?.configEntries ?? []).map((e) => [e.configName, e.configValue]));
      return topicDefaultsFrom(values);
    },
    async readAcls(connection) {
      const admin = await adminFor(connection);
      try {
        const result = await admin.describeAcls({
          resourceType: AclResourceTypes.ANY,
          resourcePatternType: ResourcePatternTypes.ANY,
          operation: AclOperationTypes.ANY,
          permissionType: AclPermissionTypes.ANY,
        });
        const acls: Acl[] = [];
        for (const resource of result.resources) {
          for (const entry of resource.acls) {
            const acl = fromKafkaAcl(connection.id, { ...resource, ...entry });
            if (acl) acls.push(acl);
          }
        }
        return { authorizer: true, acls };
      } catch (error) {
        if (isSecurityDisabled(error)) return { authorizer: false, acls: [] };
        throw error;
      }
    },
    async createTopics(connection, topics) {
      if (topics.length === 0) return;
      const admin = await adminFor(connection);
      await admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions ?? -1,
          replicationFactor: t.replicationFactor ?? -1,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      });
    },
    async createAcls(connection, acls) {
      if (acls.length === 0) return { authorizer: true };
      const admin = await adminFor(connection);
      try {
        await admin.createAcls({ acl: acls.map(toKafkaAcl) });
        return { authorizer: true };
      } catch (error) {
        if (isSecurityDisabled(error)) return { authorizer: false };
        throw error;
      }
    },
    async deleteAcls(connection, acls) {
      if (acls.length === 0) return;
      const admin = await adminFor(connection);
      await admin.deleteAcls({ filters: acls.map(toKafkaAcl) });
    },
    async test(connection) {
      const admin = await adminFor(connection);
      const cluster = await admin.describeCluster();
      const topics = await admin.listTopics();
      return { brokers: cluster.brokers.length, topics: topics.filter((t) => !t.startsWith('__')).length };
    },
    async close() {
      const all = [...admins.values()];
      admins.clear();
      await Promise.all(all.map(async (a) => (await a.admin.catch(() => undefined))?.disconnect()));
    },
  };
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
