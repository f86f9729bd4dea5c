import { z } from 'zod';
import { checkGroups, FlowGroups } from './flowGroups.ts';
import { limits } from './limits.ts';
import { Id, TypedText } from './names.ts';

const coordinate = z.number().finite().min(-limits.coordinate).max(limits.coordinate);

/** Where a node sits on the canvas. UI data only: it never changes what a flow does. */
export const Position = z.strictObject({ x: coordinate, y: coordinate });

/** How the wait between two attempts grows: the same each time, by one backoff more, or doubling. */
export const BackoffKind = z.enum(['fixed', 'linear', 'exponential']);
export type BackoffKind = z.infer<typeof BackoffKind>;

/**
 * How a binding retries a message that failed for a transient reason. Only `maxAttempts` and
 * `backoffMs` are required, so documents saved before the other fields existed still load;
 * `resolveRetryPolicy` fills in the rest with `retryDefaults`, which keep the old behaviour.
 */
export const RetryPolicy = z.strictObject({
  /** Attempts in all, the first one included. */
  maxAttempts: z.int().min(1).max(limits.maxAttempts),
  /** Backoff before the second attempt; `backoff` says how it grows for each further one. */
  backoffMs: z.int().min(0).max(limits.backoffMs),
  /** How the backoff grows (default `exponential`: it doubles). */
  backoff: BackoffKind.optional(),
  /** The longest one wait may be, a `Retry-After` included (default 5 minutes). */
  maxBackoffMs: z.int().min(0).max(limits.backoffMs).optional(),
  /** The time-out of each attempt (default: the binding's invocation time-out). */
  attemptTimeoutMs: z.int().min(1).max(limits.timeoutMs).optional(),
  /** The HTTP statuses worth retrying (default 408, 429, 500, 502, 503, 504); other 4xx and 5xx go to the DLQ at once. */
  transientStatuses: z.array(z.int().min(400).max(599)).max(limits.transientStatuses).optional(),
  /** Whether a 429 or 503 answer's `Retry-After` sets the wait (default true). */
  honourRetryAfter: z.boolean().optional(),
});
export type RetryPolicy = z.infer<typeof RetryPolicy>;

/** In which order a binding processes the messages of one partition when it runs several at once. */
export const Ordering = z.enum(['partition', 'key']);
export type Ordering = z.infer<typeof Ordering>;

/**
 * An algorithm version as typed in (bounded): on an algorithm node, and on a subscribe or publish edge
 * that overrides it. Whether it is well formed and exists is for {@link validate} to say.
 */
const AlgorithmVersion = z.string().max(64);

/**
 * An algorithm on the canvas. Its reference and version are kept as typed in (bounded); whether they
 * are well formed and exist is for {@link validate} to say, with a diagnostic on this node.
 */
export const AlgorithmNode = z.strictObject({
  id: Id,
  kind: z.literal('algorithm'),
  position: Position,
  /** `org/name` */
  algorithm: TypedText(129),
  version: AlgorithmVersion,
  retry: RetryPolicy.optional(),
  /** Invocations in flight at once per worker; 1 keeps strict partition order. */
  concurrency: z.int().min(1).max(limits.concurrency).optional(),
  /** With concurrency above 1: keep order per partition (default) or only per key. */
  ordering: Ordering.optional(),
  /** Invocation time-out; the platform's default for event flows is 420 s. */
  timeoutMs: z.int().min(1).max(limits.timeoutMs).optional(),
});
export type AlgorithmNode = z.infer<typeof AlgorithmNode>;

/** The name of a topic config, as Kafka spells it (`retention.ms`). */
export const TopicConfigKey = z
  .string()
  .max(limits.configEntry)
  .regex(/^[a-z][a-z0-9.]*$/, 'a topic config name is lower-case words joined by "." (for example retention.ms)');

/** Settings for creating a topic that does not exist yet. */
export const TopicCreate = z.strictObject({
  partitions: z.int().min(1).max(limits.partitions),
  replicationFactor: z.int().min(1).max(limits.replicationFactor),
  config: z
    .record(TopicConfigKey, z.string().max(limits.configEntry))
    .refine((c) => Object.keys(c).length <= limits.configEntries, `at most ${limits.configEntries} config entries`),
});
export type TopicCreate = z.infer<typeof TopicCreate>;

/** A Kafka topic on one of the installation's connections. */
export const TopicNode = z.strictObject({
  id: Id,
  kind: z.literal('topic'),
  position: Position,
  /** The connection (Kafka cluster) id. */
  connection: TypedText(limits.id),
  /** The topic name; Kafka's naming rules are checked by {@link validate}. */
  topic: TypedText(limits.topic + 6),
  create: TopicCreate.optional(),
  /**
   * The topic was adopted from the cluster (see `adoptIntoGraph`): it already existed when the flow
   * took it over. Provenance shown to people only; compile ignores it (a topic node without `create`
   * is used as it is), and the plan decides from the cluster's state whether anything is to create.
   */
  adopted: z.literal(true).optional(),
});
export type TopicNode = z.infer<typeof TopicNode>;

/** A node of a flow graph. */
export const FlowNode = z.discriminatedUnion('kind', [AlgorithmNode, TopicNode]);
export type FlowNode = z.infer<typeof FlowNode>;
export type NodeKind = FlowNode['kind'];

/**
 * What an edge means. It is fixed by its two ends: topic → algorithm is `subscribe`;
 * algorithm → topic is `publish`, or `dlq` when it leaves the algorithm's DLQ handle.
 */
export const EdgeKind = z.enum(['subscribe', 'publish', 'dlq']);
export type EdgeKind = z.infer<typeof EdgeKind>;

/** An edge of a flow graph. */
export const FlowEdge = z.strictObject({
  id: Id,
  kind: EdgeKind,
  source: Id,
  target: Id,
  /**
   * Subscribe edges only: the topic node that is this subscription's own DLQ, overriding the
   * algorithm's DLQ edge.
   */
  dlq: Id.optional(),
  /**
   * Subscribe and publish edges only: the algorithm version this binding runs, overriding the algorithm
   * node's, so that each binding has its own version as each row of the platform's Events tab does.
   */
  version: AlgorithmVersion.optional(),
  /** Subscribe edges only: this subscription's retry policy, overriding the algorithm node's. */
  retry: RetryPolicy.optional(),
});
export type FlowEdge = z.infer<typeof FlowEdge>;

/** The canvas viewport saved with a flow. UI data only. */
export const Viewport = z.strictObject({
  x: coordinate,
  y: coordinate,
  zoom: z.number().finite().min(0.01).max(100),
});

/**
 * The schema of a flow graph with the given size limits. Everything that takes a graph from outside
 * uses {@link FlowGraph}, with the product's limits; other limits are for offline tools and benchmarks.
 */
export function flowGraphSchema(max: { nodes: number; edges: number }) {
  const schema = z.strictObject({
    nodes: z.array(FlowNode).max(max.nodes),
    edges: z.array(FlowEdge).max(max.edges),
    viewport: Viewport.optional(),
    /** Named groups of nodes on the canvas (UI data; see {@link FlowGroup}). */
    groups: FlowGroups.optional(),
  }).superRefine(checkGroups);
  // Graphs are the largest input the server parses (25,000 objects at 10,000 nodes): zod's compiler
  // turns the schema into one generated parser, about ten times faster than interpreting it. A graph
  // the generated code rejects is parsed again by the interpreter, so errors read the same; where code
  // cannot be generated (a page whose CSP forbids it) the interpreter does all the work.
  return z.compile(schema);
}

/** A flow's graph: algorithms and topics joined by subscribe, publish and DLQ edges (≤ 5,000 nodes, ≤ 20,000 edges). */
export const FlowGraph = flowGraphSchema(limits);
export type FlowGraph = z.infer<typeof FlowGraph>;
