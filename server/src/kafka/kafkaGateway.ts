import type { Acl, ActualTopic, ClusterScan, DesiredTopic, TopicDefaults } from '@event-flows/model';
import { dlqReader, type DlqReader } from '@event-flows/runtime';
import kafkajs, { type Admin, type KafkaConfig, type Producer, type SASLOptions } from 'kafkajs';
import { fingerprintOf, type ConnectionConfig } from '../connections/connectionSchema.ts';
import { fromKafkaAcl, toKafkaAcl } from './aclMapping.ts';
import { scanCluster } from './clusterScan.ts';

// kafkajs is CommonJS: Node's ESM loader does not see its enums as named exports.
const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ConfigResourceTypes, Kafka, logLevel, ResourcePatternTypes } = kafkajs;

/**
 * What the server asks of a Kafka cluster; the only place the apply engine talks to Kafka. The reads
 * (topics, defaults, ACLs, test) fail with {@link KafkaDidNotAnswer} when the cluster does not answer in
 * time, so that one silent cluster holds only the requests that need it.
 */
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
  /**
   * Sets each topic's whole config (every entry it is to have set on it; Kafka's AlterConfigs replaces
   * the set) in one AlterConfigs request.
   */
  alterTopicConfigs(connection: ConnectionConfig, topics: readonly TopicConfigChange[]): Promise<void>;
  /** Grows each topic to its partition count in one CreatePartitions request. */
  createPartitions(connection: ConnectionConfig, topics: readonly PartitionsChange[]): Promise<void>;
  /**
   * Reads what runs on the cluster for Discover in one pass of batched admin requests: topics with their
   * non-default configs, ACLs, consumer groups with members and committed and end offsets. Fails with
   * {@link KafkaDidNotAnswer} as the other reads do. With `acls: false` the ACLs are not read (`acls` is empty).
   */
  scan(connection: ConnectionConfig, options?: { acls?: boolean }): Promise<ClusterScan>;
  /** Connects and lists brokers and topics, to tell an admin whether a connection works. */
  test(connection: ConnectionConfig): Promise<{ brokers: number; topics: number }>;
  /**
   * Writes one message to a topic (which must exist) as the server's principal, through the one
   * producer this process keeps per connection; resolves to where it landed.
   */
  sendMessage(connection: ConnectionConfig, topic: string, message: OutgoingMessage): Promise<{ partition: number; offset: string }>;
  /** The one connected producer this process keeps per connection (test messages, DLQ replays), as the server's principal. */
  producer(connection: ConnectionConfig): Promise<Producer>;
  /** The one DLQ reader this process keeps per connection (DLQ peeks and replays), as the server's principal. */
  dlqReader(connection: ConnectionConfig): Promise<DlqReader>;
  /**
   * Disconnects the clients (admins, producer, DLQ reader) of every connection not among `connections`, or whose
   * settings differ from these: an admin deleted or changed it.
   */
  keepOnly(connections: readonly ConnectionConfig[]): Promise<void>;
  /** Disconnects every client. */
  close(): Promise<void>;
}

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

/** A message the server writes itself (a test message). */
export interface OutgoingMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
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

/** How long a read of a cluster (its topics, defaults or ACLs) may take before it counts as not answering. */
export const kafkaAnswerMs = 5_000;

/** A cluster that did not answer a read within {@link kafkaAnswerMs}. */
export class KafkaDidNotAnswer extends Error {
  constructor(readonly connection: string) {
    super(`Kafka connection '${connection}' did not answer within ${kafkaAnswerMs / 1_000} s.`);
    this.name = 'KafkaDidNotAnswer';
  }
}

/**
 * A cluster that does not offer an API a request needs (an older or restricted cluster: it leaves the
 * API out of its ApiVersions). The message names the connection and the API.
 */
export class KafkaLacksApi extends Error {
  constructor(
    readonly connection: string,
    readonly api: string,
  ) {
    super(`Kafka connection '${connection}' does not offer the ${api} API, which Event Flows Studio needs here (an older or restricted cluster). Ask a cluster admin to enable it, or use a cluster that offers it.`);
    this.name = 'KafkaLacksApi';
  }
}

/** `error` as {@link KafkaLacksApi} when kafkajs refused a request the cluster does not offer, else as it is. */
function withMissingApiNamed(connection: ConnectionConfig, error: unknown): unknown {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.name === 'KafkaJSServerDoesNotSupportApiKey') return new KafkaLacksApi(connection.name, String((e as { apiName?: unknown }).apiName ?? 'requested'));
  }
  return error;
}

/** The sentence for a read of the connection named `connection` (its display name) that failed with `error`. */
export function readFailure(connection: string, error: unknown): string {
  if (error instanceof KafkaDidNotAnswer || error instanceof KafkaLacksApi) return error.message;
  const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  return `Kafka connection '${connection}' could not be read: ${reason}.`;
}

/** How a pool's kafkajs clients wait and retry. */
type ClientTiming = Pick<KafkaConfig, 'requestTimeout' | 'connectionTimeout' | 'retry'>;

/** A kafkajs client a pool keeps: an admin or a producer. */
interface PooledClient {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
}

/** A kafkajs instance for the connection, with its servers, TLS and SASL settings. */
function kafkaFor(connection: ConnectionConfig, clientId: string, timing: ClientTiming): InstanceType<typeof Kafka> {
  const sasl = saslFor(connection);
  return new Kafka({
    clientId,
    brokers: connection.bootstrap,
    logLevel: logLevel.NOTHING,
    ...timing,
    ...(connection.tls.enabled ? { ssl: connection.tls.caCertificate ? { ca: [connection.tls.caCertificate] } : true } : {}),
    ...(sasl ? { sasl } : {}),
  });
}

/**
 * Connected kafkajs clients, one per connection, connected on first use and made anew when the
 * connection's settings change. `make` makes the client (an admin or a producer) from a kafkajs instance.
 */
function clientPool<C extends PooledClient>(clientId: string, timing: ClientTiming, make: (kafka: InstanceType<typeof Kafka>) => C) {
  const clients = new Map<string, { fingerprint: string; client: Promise<C> }>();
  const disconnect = async (entry: { client: Promise<C> }) => (await entry.client.catch(() => undefined))?.disconnect();
  return {
    get(connection: ConnectionConfig): Promise<C> {
      const fingerprint = fingerprintOf(connection);
      const cached = clients.get(connection.id);
      if (cached && cached.fingerprint === fingerprint) return cached.client;
      // The new client takes the old one's place at once, so that callers meanwhile share it.
      if (cached) void disconnect(cached);
      const client = make(kafkaFor(connection, clientId, timing));
      const ready = client.connect().then(() => client);
      const entry = { fingerprint, client: ready };
      clients.set(connection.id, entry);
      ready.catch(() => {
        if (clients.get(connection.id) === entry) clients.delete(connection.id);
      });
      return ready;
    },
    /** Disconnects the clients of connections not among `connections`, or whose settings changed. */
    async keepOnly(connections: readonly ConnectionConfig[]): Promise<void> {
      const current = new Map(connections.map((c) => [c.id, fingerprintOf(c)]));
      const stale = [...clients].filter(([id, entry]) => current.get(id) !== entry.fingerprint);
      for (const [id] of stale) clients.delete(id);
      await Promise.all(stale.map(([, entry]) => disconnect(entry)));
    },
    async close(): Promise<void> {
      const all = [...clients.values()];
      clients.clear();
      await Promise.all(all.map(disconnect));
    },
  };
}

/**
 * Settles as `work` does, or rejects with {@link KafkaDidNotAnswer} once {@link kafkaAnswerMs} have
 * passed, whichever comes first.
 */
async function withinAnswerTime<T>(connection: ConnectionConfig, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KafkaDidNotAnswer(connection.name)), kafkaAnswerMs);
  });
  // kafkajs's own time-outs (a request or a connection that took as long) say the same.
  const answered = work.catch((error: unknown) => {
    throw timedOut(error) ? new KafkaDidNotAnswer(connection.name) : withMissingApiNamed(connection, error);
  });
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a kafkajs error, or one it wraps, is a request or connection that timed out. */
function timedOut(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (e.name === 'KafkaJSRequestTimeoutError' || (e.name === 'KafkaJSConnectionError' && /timeout/i.test(e.message))) return true;
  }
  return false;
}

/**
 * A {@link KafkaGateway} over kafkajs, keeping connected admin clients and a producer per connection. Reads (topics,
 * defaults, ACLs, the admin's test) answer within {@link kafkaAnswerMs} or fail with
 * {@link KafkaDidNotAnswer}: their clients wait that long for a request and never retry, so a cluster
 * that accepts connections and never answers holds a caller 5 s, not kafkajs's 30 s times 4 attempts.
 * Writes keep kafkajs's retries, on clients of their own: a deploy writes only after its reads answered.
 */
export function kafkajsGateway(options: { clientId?: string; requestTimeoutMs?: number } = {}): KafkaGateway {
  const clientId = options.clientId ?? 'event-flows-studio';
  const writing: ClientTiming = { requestTimeout: options.requestTimeoutMs ?? 30_000, connectionTimeout: 5_000, retry: { retries: 3, initialRetryTime: 200 } };
  const writers = clientPool(clientId, writing, (kafka) => kafka.admin());
  // One producer per connection for every test message: a producer per message costs the cluster a
  // connection and a sign-in each, and hundreds at once were refused.
  const producers = clientPool<Producer>(clientId, writing, (kafka) => kafka.producer({ allowAutoTopicCreation: false }));
  // No retries: kafkajs reconnects a connection the cluster closed while idle by itself, and a retry
  // after a time-out would fail with a less telling error ("Broker not connected").
  // One DLQ reader per connection for every peek and replay, for the same reason (see `dlqReader`).
  const dlqReaders = clientPool(clientId, writing, (kafka) => {
    const reader = dlqReader(kafka);
    return Object.assign(reader, { connect: async () => undefined, disconnect: () => reader.close() });
  });
  const readers = clientPool(clientId, { requestTimeout: kafkaAnswerMs, connectionTimeout: kafkaAnswerMs, retry: { retries: 0 } }, (kafka) => kafka.admin());
  const read = <T>(connection: ConnectionConfig, work: (admin: Admin) => Promise<T>): Promise<T> =>
    withinAnswerTime(connection, readers.get(connection).then(work));
  /** Runs `work` with the connection's writing admin; an API the cluster lacks fails as {@link KafkaLacksApi}. */
  const write = async <T>(connection: ConnectionConfig, work: (admin: Admin) => Promise<T>): Promise<T> => {
    try {
      return await work(await writers.get(connection));
    } catch (error) {
      throw withMissingApiNamed(connection, error);
    }
  };

  return {
    readTopics(connection) {
      return read(connection, async (admin) => {
        const { topics } = await admin.fetchTopicMetadata();
        return topics
          .filter((t) => !t.name.startsWith('__'))
          .map((t) => ({ connection: connection.id, topic: t.name, partitions: t.partitions.length }));
      });
    },
    readTopicDefaults(connection) {
      return read(connection, (admin) => topicDefaultsOf(admin));
    },
    readAcls(connection) {
      return read(connection, (admin) => aclsOf(admin, connection.id));
    },
    async createTopics(connection, topics) {
      if (topics.length === 0) return;
      await write(connection, (admin) => admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((t) => ({
          topic: t.topic,
          numPartitions: t.partitions ?? -1,
          replicationFactor: t.replicationFactor ?? -1,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      }));
    },
    async createAcls(connection, acls) {
      if (acls.length === 0) return { authorizer: true };
      return write(connection, async (admin) => {
        try {
          await admin.createAcls({ acl: acls.map(toKafkaAcl) });
          return { authorizer: true };
        } catch (error) {
          if (isSecurityDisabled(error)) return { authorizer: false };
          throw error;
        }
      });
    },
    async deleteAcls(connection, acls) {
      if (acls.length === 0) return;
      await write(connection, (admin) => admin.deleteAcls({ filters: acls.map(toKafkaAcl) }));
    },
    async alterTopicConfigs(connection, topics) {
      if (topics.length === 0) return;
      await write(connection, (admin) => admin.alterConfigs({
        validateOnly: false,
        resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic, configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })) })),
      }));
    },
    async createPartitions(connection, topics) {
      if (topics.length === 0) return;
      await write(connection, (admin) => admin.createPartitions({ topicPartitions: topics.map((t) => ({ topic: t.topic, count: t.partitions })) }));
    },
    scan(connection, options) {
      // A scan connects afresh and lets go when done: it is rare, and holds a connection per broker.
      const reading: ClientTiming = { requestTimeout: kafkaAnswerMs, connectionTimeout: kafkaAnswerMs, retry: { retries: 0 } };
      return withinAnswerTime(connection, scanCluster(kafkaFor(connection, clientId, reading), connection.id, options));
    },
    test(connection) {
      return read(connection, async (admin) => {
        const cluster = await admin.describeCluster();
        const topics = await admin.listTopics();
        return { brokers: cluster.brokers.length, topics: topics.filter((t) => !t.startsWith('__')).length };
      });
    },
    async sendMessage(connection, topic, message) {
      const producer = await producers.get(connection);
      const [landed] = await producer.send({ topic, messages: [message] });
      return { partition: landed?.partition ?? 0, offset: landed?.baseOffset ?? '0' };
    },
    producer(connection) {
      return producers.get(connection);
    },
    dlqReader(connection) {
      return dlqReaders.get(connection);
    },
    async keepOnly(connections) {
      await Promise.all([writers.keepOnly(connections), readers.keepOnly(connections), producers.keepOnly(connections), dlqReaders.keepOnly(connections)]);
    },
    async close() {
      await Promise.all([writers.close(), readers.close(), producers.close(), dlqReaders.close()]);
    },
  };
}

/** What the cluster gives a topic created without settings, from the configs of its first broker. */
async function topicDefaultsOf(admin: Admin): Promise<TopicDefaults | undefined> {
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

/** Every ACL of the cluster, or `authorizer: false` when it has none. */
async function aclsOf(admin: Admin, connection: string): Promise<{ authorizer: boolean; acls: Acl[] }> {
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
        const acl = fromKafkaAcl(connection, { ...resource, ...entry });
        if (acl) acls.push(acl);
      }
    }
    return { authorizer: true, acls };
  } catch (error) {
    if (isSecurityDisabled(error)) return { authorizer: false, acls: [] };
    throw error;
  }
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
