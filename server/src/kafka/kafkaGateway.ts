/**
 * The server's one door to Kafka: {@link KafkaGateway} says what the server asks of a cluster, and
 * {@link kafkajsGateway} answers over kafkajs with the clients it keeps per connection. The requests
 * themselves live beside it: `clusterReads.ts` (topics, defaults, ACLs), `clusterWrites.ts` (what a
 * deploy creates, deletes and puts back), `clusterScan.ts` (Discover's one pass); `clientPool.ts` keeps
 * the clients and `kafkaFailures.ts` says how a cluster fails.
 */
import type { Acl, ActualTopic, ClusterScan, DesiredTopic, TopicDefaults } from '@event-flows/model';
import { dlqReader, type DlqReader } from '@event-flows/runtime';
import type { Admin, Producer } from 'kafkajs';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { clientPool, kafkaFor, readTiming, type ClientTiming } from './clientPool.ts';
import { aclsOf, clusterSizeOf, topicDefaultsOf, topicsOf } from './clusterReads.ts';
import { scanCluster } from './clusterScan.ts';
import { alterTopicConfigs, createAcls, createPartitions, createTopics, deleteAcls, type PartitionsChange, type TopicConfigChange } from './clusterWrites.ts';
import { withinAnswerTime, withMissingApiNamed } from './kafkaFailures.ts';

/**
 * What the server asks of a Kafka cluster; the only place the apply engine talks to Kafka. The reads
 * (topics, defaults, ACLs, test) fail with `KafkaDidNotAnswer` when the cluster does not answer in
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
   * `KafkaDidNotAnswer` as the other reads do. With `acls: false` the ACLs are not read (`acls` is empty).
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

/** A message the server writes itself (a test message). */
export interface OutgoingMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/**
 * A {@link KafkaGateway} over kafkajs, keeping connected admin clients and a producer per connection. Reads (topics,
 * defaults, ACLs, the admin's test) answer within `kafkaAnswerMs` or fail with
 * `KafkaDidNotAnswer`: their clients wait that long for a request and never retry, so a cluster
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
  // One DLQ reader per connection for every peek and replay, for the same reason (see `dlqReader`).
  const dlqReaders = clientPool(clientId, writing, (kafka) => {
    const reader = dlqReader(kafka);
    return Object.assign(reader, { connect: async () => undefined, disconnect: () => reader.close() });
  });
  const readers = clientPool(clientId, readTiming, (kafka) => kafka.admin());
  const read = <T>(connection: ConnectionConfig, work: (admin: Admin) => Promise<T>): Promise<T> =>
    withinAnswerTime(connection, readers.get(connection).then(work));
  /** Runs `work` with the connection's writing admin; an API the cluster lacks fails as `KafkaLacksApi`. */
  const write = async <T>(connection: ConnectionConfig, work: (admin: Admin) => Promise<T>): Promise<T> => {
    try {
      return await work(await writers.get(connection));
    } catch (error) {
      throw withMissingApiNamed(connection, error);
    }
  };

  return {
    readTopics(connection) {
      return read(connection, (admin) => topicsOf(admin, connection.id));
    },
    readTopicDefaults(connection) {
      return read(connection, topicDefaultsOf);
    },
    readAcls(connection) {
      return read(connection, (admin) => aclsOf(admin, connection.id));
    },
    async createTopics(connection, topics) {
      if (topics.length === 0) return;
      await write(connection, (admin) => createTopics(admin, topics));
    },
    async createAcls(connection, acls) {
      if (acls.length === 0) return { authorizer: true };
      return write(connection, (admin) => createAcls(admin, acls));
    },
    async deleteAcls(connection, acls) {
      if (acls.length === 0) return;
      await write(connection, (admin) => deleteAcls(admin, acls));
    },
    async alterTopicConfigs(connection, topics) {
      if (topics.length === 0) return;
      await write(connection, (admin) => alterTopicConfigs(admin, topics));
    },
    async createPartitions(connection, topics) {
      if (topics.length === 0) return;
      await write(connection, (admin) => createPartitions(admin, topics));
    },
    scan(connection, options) {
      // A scan connects afresh and lets go when done: it is rare, and holds a connection per broker.
      return withinAnswerTime(connection, scanCluster(kafkaFor(connection, clientId, readTiming), connection.id, options));
    },
    test(connection) {
      return read(connection, clusterSizeOf);
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
