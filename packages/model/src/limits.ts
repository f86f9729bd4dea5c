import type { MemberTopicLimits } from './catalog.ts';

/**
 * Size limits for everything the model accepts. They bound the work any input can cause, so no
 * flow, catalog or state can exhaust the server or the editor.
 */
export const limits = {
  /** Most nodes a flow graph may hold. */
  nodes: 5_000,
  /** Most edges a flow graph may hold. */
  edges: 20_000,
  /** Most groups of nodes a flow graph may hold (UI data: a collapsed group shows as one node). */
  groups: 500,
  /** Longest id (node, edge, flow, org, connection). */
  id: 128,
  /** Longest human name (flow name, connection name, user name). */
  name: 200,
  /** Longest free text (flow description, diagnostic message). */
  text: 4_000,
  /** Longest Kafka topic name, as Kafka itself allows. */
  topic: 249,
  /** Longest topic config key or value. */
  configEntry: 1_024,
  /** Most config entries on one topic. */
  configEntries: 100,
  /** Most entries in any catalog or state list (algorithms, topics, grants, ACLs, bindings). */
  listItems: 200_000,
  /** Most people of one org the platform is asked for, to choose whom to give a permission. */
  orgPeople: 1_000,
  /** Most versions listed for one algorithm. */
  versions: 10_000,
  /** Largest partition count a flow may ask for. */
  partitions: 10_000,
  /** Longest retention, in hours, the editor's retention field takes (100 years). */
  retentionHours: 876_000,
  /** Longest topic name pattern a cluster admin may set for a connection (see `Guardrails`). */
  topicNamePattern: 200,
  /**
   * Most ways a topic name pattern may have to match a name: its repetitions (250 lengths each),
   * optional parts (2) and alternatives multiplied. Two open-ended repetitions and two optional parts
   * (or a choice of four) fit; matching a 249-character name against the worst such pattern took
   * under 10 ms here, where three repetitions took 50 to 300 ms (see guardrails.test.ts).
   */
  topicNamePatternWays: 250_000,
  /** Largest replication factor a flow may ask for. */
  replicationFactor: 32,
  /** Most attempts (first try included) a binding may make for one message. */
  maxAttempts: 100,
  /** Longest backoff between two attempts, in milliseconds. */
  backoffMs: 3_600_000,
  /** Most HTTP statuses one retry policy may list as transient (there are 200 from 400 to 599). */
  transientStatuses: 200,
  /** Most concurrent invocations per binding worker. */
  concurrency: 1_000,
  /** Longest invocation time-out, in milliseconds (the platform's default is 420 s). */
  timeoutMs: 3_600_000,
  /**
   * Longest flow document (JSON or YAML) an import reads: a flow at the limits above, with room to
   * spare (a 5,000-node flow with 7,500 edges is about 1.2 MB of YAML).
   */
  documentChars: 5_000_000,
  /** Longest bootstrap server (`host:port`). */
  bootstrapServer: 300,
  /** Most bootstrap servers of one connection. */
  bootstrapServers: 50,
  /** Longest SASL user name of a connection. */
  username: 256,
  /** Longest SASL password of a connection. */
  password: 1_024,
  /** Longest PEM CA certificate (or chain) a connection trusts, in characters. */
  caCertificate: 64 * 1_024,
  /** Longest test message key, in characters. */
  messageKey: 1_024,
  /** Largest absolute canvas coordinate. */
  coordinate: 10_000_000,
  /** Longest message value a person types in the studio: a test message, or a dead letter's value edited before its replay. */
  messageChars: 1_000_000,
  /** Most dead letters one DLQ peek returns. */
  dlqPeekRecords: 500,
  /** Longest time, in minutes, an alert's condition may be held or a rate measured over (a day). */
  alertMinutes: 1_440,
  /** Most alert rules one flow may have. */
  alertRulesPerFlow: 50,
  /** Longest alert webhook address. */
  webhookUrl: 2_048,
  /** Fastest rate a person may set for a redrive of dead letters, in records per second. */
  dlqRedriveRate: 10_000,
  /** Most redrive runs one person may have going at once (running or paused): more wait for one to end. */
  dlqRedriveRunsPerPerson: 2,
  /**
   * Most records a second all redrive runs of the server send together. A run takes its rate of it while
   * it goes (one without a rate, {@link dlqRedriveRate}); one person's runs can take at most
   * {@link dlqRedriveRunsPerPerson} × {@link dlqRedriveRate}, so a third stays for the others.
   */
  dlqRedriveServerRate: 30_000,
  /** How many earlier redrive runs of a subscription its DLQ panel lists. */
  dlqRedrivePastRuns: 20,
  /** Most records a redrive lists a result for (beyond, it counts them only). */
  dlqRedriveResults: 100_000,
  /** Most results of a redrive one call returns. */
  dlqRedriveResultsPage: 1_000,
  /** Most records one redrive of picked records names. */
  dlqRedrivePicked: 10_000,
  /** Longest filter text (key, header, value) for dead letters. */
  dlqFilterText: 256,
  /** How far back a binding's status history (lag, throughput, error and DLQ rates) reaches, in milliseconds. */
  statusHistoryMs: 3_600_000,
  /** Most samples a binding's status history keeps (one every 5 s over {@link statusHistoryMs}). */
  statusHistorySamples: 720,
} as const;

/**
 * What one caller may ask of the API at once. The server enforces them and the client keeps within
 * them, so no caller can take more than its share of the one process that holds the API, the broker
 * and the runtime.
 */
export const apiLimits = {
  /** Most calls in one batched request (the client sends larger batches as several requests). */
  batchCalls: 20,
  /**
   * Largest response to one request, in bytes: a batch's answers together (32 MiB). Above the largest
   * answer a flow at the limits above gets with names of a usual length (the plan of a 5,000-node
   * flow is 9 MB, of a flow with 20,000 edges between 2,500 algorithms and 2,500 topics 30 MB, the
   * largest flow document a save takes 11 MB); a flow whose thousands of names all have the longest
   * length Kafka allows plans to more (63 MB) and is refused with a sentence. The server serialises a
   * response in one piece on the event loop the broker and the runtime share: a 64 MB batch took
   * 1.1 s here, longer than the 1 s `/healthz` may wait, and twice this limit's memory.
   */
  responseBytes: 32 * 1_048_576,
  /** Longest error message the API sends, in characters. */
  errorMessage: 1_000,
  /** Most expensive calls (plan, deploy, import, DLQ reads, test messages) one person may have running at once. */
  expensiveCallsPerUser: 4,
  /** Most expensive calls running at once in one server, everyone's together. */
  expensiveCalls: 16,
  /**
   * Most live streams (status, deploy progress, changes: subscriptions, over SSE or a WebSocket) one
   * person may have open at once: a studio tab holds up to three, so several tabs and the host page fit.
   */
  streamsPerUser: 24,
  /** Most live streams open at once in one server, everyone's together. */
  streams: 200,
  /**
   * Most HTTP connections the server holds at once (streams, requests and idle keep-alive ones): well
   * under a 1,024 file-descriptor limit, leaving the rest to the broker, the runtime and the database.
   */
  connections: 400,
  /** Longest a client may take to send a request's headers, in milliseconds. */
  headersTimeoutMs: 10_000,
  /** Longest a client may take to send a whole request, body included, in milliseconds (a stream's response may last longer). */
  requestTimeoutMs: 30_000,
  /**
   * Largest message a client may send on a WebSocket, in bytes. A browser tab sends only its
   * subscriptions there (a few hundred bytes each); everything else goes over HTTP.
   */
  webSocketMessageBytes: 65_536,
} as const;

const hourMs = 3_600_000;
const mebibyte = 1_048_576;

/**
 * The member limits every connection starts with; a cluster admin may replace them per connection.
 * Kept to settings that change only the flow's own topic (how long and how much it keeps, how it is
 * compacted and compressed, how large one message may be) and never the cluster's safety
 * (`min.insync.replicas`, `unclean.leader.election.enable`) or its files (`segment.bytes`).
 */
export const memberTopicLimits: MemberTopicLimits = {
  partitions: 12,
  config: {
    'retention.ms': { min: hourMs, max: 30 * 24 * hourMs, unit: 'ms' },
    'retention.bytes': { min: mebibyte, max: 100 * 1_024 * mebibyte, unit: 'bytes' },
    'cleanup.policy': { oneOf: ['delete', 'compact'] },
    'max.message.bytes': { min: 1_024, max: 10 * mebibyte, unit: 'bytes' },
    // Kafka's own list for a topic's compression.type.
    'compression.type': { oneOf: ['uncompressed', 'producer', 'gzip', 'snappy', 'lz4', 'zstd'] },
  },
};

/** The replication factor a member may ask for when neither the limits nor the connection say. */
export const memberReplicationFactor = 3;
