import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { AclStore } from '../auth/aclStore.ts';
import { Authorizer } from '../auth/authorizer.ts';
import { SaslUsers } from '../auth/saslUsers.ts';
import { ApiKey, apiTable } from '../codec/apiTable.ts';
import { CodecRegistry } from '../codec/codecRegistry.ts';
import { GroupCoordinator } from '../group/groupCoordinator.ts';
import { OffsetStore } from '../group/offsetStore.ts';
import { DataDir } from '../log/dataDir.ts';
import { TopicStore } from '../log/topicStore.ts';
import type { BrokerContext } from './brokerContext.ts';
import { Connection, peerHost, type ConnectionLimits } from './connection.ts';
import { RequestMemory } from './requestMemory.ts';

/** How to run the broker. Every field is optional. */
export interface BrokerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** Host name given to clients in Metadata (default: `host`, or 127.0.0.1 when listening on all interfaces). */
  readonly advertisedHost?: string;
  /** Port given to clients in Metadata when it differs from the bound one (e.g. behind a proxy). */
  readonly advertisedPort?: number;
  /** Directory for durable state; without it everything lives in memory. */
  readonly dataDir?: string;
  /** Also fsync every write (survives power loss; slower). Default false: writes reach the OS before acks. */
  readonly fsync?: boolean;
  /**
   * SASL users, name → password, who sign in with PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (the broker
   * keeps salted SCRAM credentials, not the passwords). When non-empty, clients must authenticate.
   */
  readonly saslUsers?: Readonly<Record<string, string>>;
  /** User names (or `User:` principals) allowed everything. */
  readonly superUsers?: readonly string[];
  /**
   * Whether the broker has an ACL authorizer (default: whether it has SASL users). With one, ACLs
   * are enforced, on `User:ANONYMOUS` too when there are no SASL users. Without, it acts as a Kafka
   * cluster without `authorizer.class.name`: nothing is refused, and CreateAcls, DescribeAcls and
   * DeleteAcls answer SECURITY_DISABLED.
   */
  readonly authorizer?: boolean;
  /**
   * Kafka API names (e.g. `DescribeAcls`) the broker leaves out of ApiVersions and refuses by closing
   * the connection, as an older or restricted cluster does. For tests of clients facing such a
   * cluster. ApiVersions cannot be left out.
   */
  readonly leaveOutApis?: readonly string[];
  /** Create unknown topics when a client asks for their metadata (default true, as in Kafka). */
  readonly autoCreateTopics?: boolean;
  /** Partitions of auto-created topics and of CreateTopics with -1 (default 1). */
  readonly defaultPartitions?: number;
  /** Largest accepted request frame in bytes (default 100 MiB). */
  readonly maxFrameBytes?: number;
  /**
   * Largest request frame before SASL authentication completes, in bytes (default 512 KiB, Kafka's
   * `sasl.server.max.receive.size`); a larger one closes the connection. Unused without SASL users.
   */
  readonly maxFrameBytesBeforeAuth?: number;
  /**
   * Request bytes all connections together may be receiving at once (default 256 MiB, like Kafka's
   * `queued.max.request.bytes`). A frame's declared size is reserved before its body is read; a
   * connection whose next frame does not fit stops being read until enough is handled.
   */
  readonly maxQueuedRequestBytes?: number;
  /**
   * Requests one connection may have read and not yet answered (default 32). Reading that
   * connection pauses at this many, as Kafka mutes a channel, so a client pipelining long polls or
   * group joins queues them in its own socket instead of in the broker.
   */
  readonly maxInFlightRequests?: number;
  /**
   * Response bytes one connection may leave unread by its client (default 1 MiB) before the broker
   * stops reading that connection's requests; reading resumes once the client has read them.
   */
  readonly maxQueuedResponseBytes?: number;
  /** Most simultaneous connections (default 1000). */
  readonly maxConnections?: number;
  /**
   * Most simultaneous connections from one IP address (Kafka's `max.connections.per.ip`); further
   * ones are closed with a log line. Default: no limit of its own, only `maxConnections`, since
   * tests and the runtime connect many clients from 127.0.0.1.
   */
  readonly maxConnectionsPerHost?: number;
  /**
   * Closes a connection that has neither sent nor been sent anything for this long and awaits no
   * answer (default 600000, Kafka's `connections.max.idle.ms`; 0: never). Clients reconnect.
   */
  readonly idleTimeoutMs?: number;
  /**
   * On a broker with SASL users, closes a connection that has not authenticated this long after
   * connecting (default 10000; 0: never).
   */
  readonly authenticationTimeoutMs?: number;
  /**
   * The longest a Fetch long poll waits for records, whatever `maxWaitMs` the client asks for
   * (default 30 s, longer than any client's own default).
   */
  readonly maxFetchWaitMs?: number;
  /**
   * How often every partition's `retention.ms` and `retention.bytes` are applied, deleting whole old
   * segments (default 30000; Kafka's `log.retention.check.interval.ms`). A partition also applies
   * them whenever it rolls a segment.
   */
  readonly retentionCheckIntervalMs?: number;
  /** Delay before the first rebalance of an empty group completes (default 0). */
  readonly groupInitialRebalanceDelayMs?: number;
  /** Smallest session time-out a group member may ask for (default 6000, Kafka's default). */
  readonly groupMinSessionTimeoutMs?: number;
  /** Where log lines go (default: stderr). */
  readonly log?: (line: string) => void;
}

/** A running broker. */
export interface RunningBroker {
  /** The advertised host. */
  readonly host: string;
  /** The port actually bound. */
  readonly port: number;
  /** `host:port`, ready for a client's bootstrap list. */
  readonly address: string;
  /**
   * Adds a SASL user or changes its password, taking effect for new connections (the server
   * provisions algorithm principals this way). Refused on a broker started without SASL users.
   */
  setSaslUser(name: string, password: string): void;
  /** How many requests of each API (by Kafka's name, e.g. `CreateAcls`) the broker has served. */
  requestCounts(): Record<string, number>;
  /** The versions of each API (by Kafka's name) that clients have used so far, ascending. */
  requestVersions(): Record<string, number[]>;
  /** How many Fetch requests are waiting for records now (long polls). */
  pendingFetches(): number;
  /** Stops accepting, drops every connection and releases files; resolves when done. */
  close(): Promise<void>;
}

const apiNames = new Map<number, string>(Object.entries(ApiKey).map(([name, key]) => [key, name]));
/** Kafka's name of an API key, e.g. `CreateAcls`. */
const apiName = (key: number): string => apiNames.get(key) ?? String(key);

const defaultLog = (line: string): void => {
  process.stderr.write(`[broker] ${line}\n`);
};

/** The keys of the named APIs; throws a sentence for a name the broker does not serve, or ApiVersions. */
function apiKeysNamed(names: readonly string[]): Set<number> {
  const keys = new Set<number>();
  for (const name of names) {
    const spec = apiTable.find((a) => a.name === name);
    if (!spec) throw new Error(`unknown API "${name}" to leave out; the broker serves ${apiTable.map((a) => a.name).join(', ')}.`);
    if (spec.key === ApiKey.ApiVersions) throw new Error('ApiVersions cannot be left out: clients need it to learn which APIs the broker serves.');
    keys.add(spec.key);
  }
  return keys;
}

/** What a broker recovers from its data directory before it listens. */
interface Recovered {
  topics: TopicStore;
  acls: AclStore;
  offsets: OffsetStore;
  clusterId: string | undefined;
}

/** Reads a data directory's topics, ACLs, offsets and cluster id; throws a sentence on a damaged file. */
function recover(dataDir: DataDir | undefined, log: (line: string) => void): Recovered {
  return {
    topics: new TopicStore(dataDir, log),
    acls: new AclStore(dataDir),
    offsets: new OffsetStore(dataDir),
    clusterId: (dataDir?.readJson('cluster.json', 'Move it aside: the broker then gives the cluster a new id.') as { id?: string } | undefined)?.id,
  };
}

/**
 * Starts a single-node broker speaking the Kafka protocol, and resolves once it accepts
 * connections. With `dataDir`, topics, records, committed offsets and ACLs are recovered first.
 */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const log = options.log ?? defaultLog;
  for (const [name, password] of Object.entries(options.saslUsers ?? {})) {
    if (password.length === 0) throw new Error(`SASL user "${name}" has an empty password; give every user a password.`);
  }
  const apisLeftOut = apiKeysNamed(options.leaveOutApis ?? []);
  const dataDir = options.dataDir ? new DataDir(options.dataDir, options.fsync ?? false, log) : undefined;
  let recovered: Recovered;
  try {
    recovered = recover(dataDir, log);
  } catch (error) {
    dataDir?.close();
    throw error;
  }
  const { topics, acls } = recovered;
  if (topics.recoveredTruncatedBytes > 0) log(`recovery cut ${topics.recoveredTruncatedBytes} bytes of torn partition tails`);
  const saslUsers = new SaslUsers(options.saslUsers);
  const hasAuthorizer = options.authorizer ?? saslUsers.size > 0;
  const superUsers = new Set((options.superUsers ?? []).map((u) => (u.startsWith('User:') ? u : `User:${u}`)));
  const bindHost = options.host ?? '127.0.0.1';
  const advertisedHost = options.advertisedHost ?? (bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost);
  let producerId = 1000;
  const broker: BrokerContext = {
    nodeId: 1,
    host: advertisedHost,
    port: 0,
    clusterId: recovered.clusterId ?? randomBytes(16).toString('base64url').slice(0, 22),
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions: options.defaultPartitions ?? 1,
    maxFetchWaitMs: options.maxFetchWaitMs ?? 30_000,
    saslUsers,
    topics,
    groups: new GroupCoordinator({
      minSessionTimeoutMs: options.groupMinSessionTimeoutMs ?? 6000,
      maxSessionTimeoutMs: 1_800_000,
      initialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 0,
    }),
    offsets: recovered.offsets,
    acls,
    aclsEnabled: hasAuthorizer,
    apisLeftOut,
    authorizer: new Authorizer(acls, hasAuthorizer, superUsers),
    codecs: new CodecRegistry(),
    pendingWaits: new Set(),
    requestCounts: new Map(),
    requestVersions: new Map(),
    log,
    nextProducerId: () => producerId++,
    createTopic: (name, partitions, configs) => topics.create(name, partitions, configs),
  };
  dataDir?.writeJson('cluster.json', { id: broker.clusterId });
  const retention = setInterval(() => topics.applyRetention(Date.now()), options.retentionCheckIntervalMs ?? 30_000);
  retention.unref();

  const sockets = new Set<Socket>();
  const limits: ConnectionLimits = {
    maxFrameBytes: options.maxFrameBytes ?? 100 * 1024 * 1024,
    maxFrameBytesBeforeAuth: options.maxFrameBytesBeforeAuth ?? 512 * 1024,
    maxInFlightRequests: options.maxInFlightRequests ?? 32,
    maxQueuedResponseBytes: options.maxQueuedResponseBytes ?? 1024 * 1024,
    idleTimeoutMs: options.idleTimeoutMs ?? 600_000,
    authenticationTimeoutMs: options.authenticationTimeoutMs ?? 10_000,
  };
  const memory = new RequestMemory(options.maxQueuedRequestBytes ?? 256 * 1024 * 1024);
  const maxConnectionsPerHost = options.maxConnectionsPerHost ?? Number.POSITIVE_INFINITY;
  const connectionsPerHost = new Map<string, number>();
  const server = createServer((socket) => {
    const host = peerHost(socket);
    const fromHost = (connectionsPerHost.get(host) ?? 0) + 1;
    if (fromHost > maxConnectionsPerHost) {
      log(`refused connection from ${host}: limit of ${maxConnectionsPerHost} connections per host reached`);
      socket.destroy();
      return;
    }
    connectionsPerHost.set(host, fromHost);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      const left = (connectionsPerHost.get(host) ?? 1) - 1;
      if (left > 0) connectionsPerHost.set(host, left);
      else connectionsPerHost.delete(host);
    });
    new Connection(socket, broker, limits, memory);
  });
  server.maxConnections = options.maxConnections ?? 1000;
  server.on('drop', (info) => log(`refused connection from ${info?.remoteAddress ?? 'unknown'}: connection limit ${server.maxConnections} reached`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log(`server error: ${String(error)}`));
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : 0;
  broker.port = options.advertisedPort ?? boundPort;

  let closing: Promise<void> | undefined;
  return {
    host: advertisedHost,
    port: boundPort,
    address: `${advertisedHost}:${boundPort}`,
    setSaslUser(name, password) {
      if (saslUsers.size === 0) throw new Error('this broker runs without SASL; start it with saslUsers to add users');
      const badName = name.length === 0 || name.length > 256 || /[,:]/.test(name) || name.includes('\u0000');
      if (badName || password.length === 0) throw new Error('a SASL user needs a name (no NUL, comma or colon) and a password');
      saslUsers.set(name, password);
    },
    requestCounts() {
      const counts: Record<string, number> = {};
      for (const [key, count] of broker.requestCounts) counts[apiName(key)] = count;
      return counts;
    },
    requestVersions() {
      const versions: Record<string, number[]> = {};
      for (const [key, used] of broker.requestVersions) versions[apiName(key)] = [...used].sort((a, b) => a - b);
      return versions;
    },
    pendingFetches() {
      return broker.pendingWaits.size;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        clearInterval(retention);
        for (const cancel of [...broker.pendingWaits]) cancel();
        broker.groups.close();
        server.close(() => {
          topics.close();
          dataDir?.close();
          resolve();
        });
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
