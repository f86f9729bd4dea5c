import { identityKey, lagTrend, retryingWords, type BindingError, type BindingHistory, type BindingState, type BindingStatus, type FlowGraph, type LagTrend } from '@event-flows/model';

export type { BindingState, LagTrend };

/**
 * The fields of a binding's live status (the model's `BindingStatus`) that the canvas shows; the
 * server's stream can be passed as it is.
 */
export type BindingStatusView = Pick<
  BindingStatus,
  'algorithm' | 'connection' | 'topic' | 'state' | 'msgsPerSecond' | 'consumed' | 'published' | 'failed' | 'deadLettered' | 'lag' | 'retrying' | 'lagSeconds'
> & {
  lastError: Pick<BindingError, 'message'> | null;
};

/** What an algorithm node shows of its bindings: the worst state and the sums over its subscriptions. */
export interface NodeLiveStatus {
  state: BindingState;
  lag: number;
  /** The largest lag in seconds of its subscriptions. */
  lagSeconds: number;
  /** Whether its lag in messages rose or fell over the last minute (rising when any subscription's rose). */
  trend: LagTrend;
  failed: number;
  deadLettered: number;
  /** Messages taken in and records written out by the algorithm's subscriptions. */
  consumed: number;
  published: number;
  /** The last error of a binding in error, if any. */
  error: string | undefined;
}

/**
 * What an edge shows: a subscribe edge its binding's throughput and the messages it took in; a
 * publish edge the results written to its topic; a DLQ edge the messages dead-lettered there.
 */
export interface EdgeLiveStatus {
  state: BindingState;
  msgsPerSecond: number;
  /** Messages that went along this edge since its bindings started. */
  count: number;
  /** The edge's label, e.g. `12 msg/s · 340 in`, `retrying 3/5`, `340 out`, `3 dead-lettered`. */
  label: string;
  /** A subscribe edge whose binding waits to try messages again: "retrying 3/5". */
  retrying?: string;
}

/** The live status laid onto the graph, by node and edge id. */
export interface LiveStatus {
  nodes: ReadonlyMap<string, NodeLiveStatus>;
  edges: ReadonlyMap<string, EdgeLiveStatus>;
}

// Which state a node shows when its subscriptions differ: the one that needs attention most.
const attention: Record<BindingState, number> = { error: 0, paused: 1, starting: 2, stopped: 3, running: 4 };

const sum = (lag: Readonly<Record<string, number>>) => Object.values(lag).reduce((a, b) => a + b, 0);

function statusKey(algorithm: string, connection: string, topic: string): string {
  return identityKey(algorithm, connection, topic);
}

// Which trend a node shows when its subscriptions differ: a rising lag needs attention first.
const trendWeight: Record<LagTrend, number> = { rising: 2, falling: 1, steady: 0 };

/**
 * Lays binding statuses onto a graph: each subscribe edge gets the status of the binding of its
 * (algorithm, connection, topic); each algorithm node sums those of its subscribe edges, and takes the
 * trend of their lag from `histories`. Bindings that no edge of this graph shows are ignored.
 */
export function layOutStatus(graph: FlowGraph, bindings: readonly BindingStatusView[], histories: readonly Pick<BindingHistory, 'algorithm' | 'connection' | 'topic' | 'at' | 'lag'>[] = []): LiveStatus {
  const byKey = new Map(bindings.map((b) => [statusKey(b.algorithm, b.connection, b.topic), b]));
  const trends = new Map(histories.map((h) => [statusKey(h.algorithm, h.connection, h.topic), lagTrend(h)]));
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = new Map<string, EdgeLiveStatus>();
  const nodes = new Map<string, NodeLiveStatus>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'subscribe') continue;
    const topic = nodesById.get(edge.source);
    const algorithm = nodesById.get(edge.target);
    if (topic?.kind !== 'topic' || algorithm?.kind !== 'algorithm') continue;
    const binding = byKey.get(statusKey(algorithm.algorithm, topic.connection, topic.topic));
    if (!binding) continue;
    const throughput = `${count(binding.msgsPerSecond)} msg/s · ${count(binding.consumed)} in`;
    const retrying = binding.retrying ? retryingWords(binding.retrying) : undefined;
    edges.set(edge.id, {
      state: binding.state,
      msgsPerSecond: binding.msgsPerSecond,
      count: binding.consumed,
      // While it waits the label says so instead of the throughput: the edge has room for one phrase.
      label: retrying ?? throughput,
      ...(retrying ? { retrying } : {}),
    });
    const current = nodes.get(algorithm.id);
    const lag = sum(binding.lag);
    const trend = trends.get(statusKey(algorithm.algorithm, topic.connection, topic.topic)) ?? 'steady';
    const error = binding.state === 'error' ? (binding.lastError?.message ?? 'The binding stopped with an error.') : undefined;
    nodes.set(
      algorithm.id,
      current
        ? {
            state: attention[binding.state] < attention[current.state] ? binding.state : current.state,
            lag: current.lag + lag,
            lagSeconds: Math.max(current.lagSeconds, binding.lagSeconds),
            trend: trendWeight[trend] > trendWeight[current.trend] ? trend : current.trend,
            failed: current.failed + binding.failed,
            deadLettered: current.deadLettered + binding.deadLettered,
            consumed: current.consumed + binding.consumed,
            published: current.published + binding.published,
            error: current.error ?? error,
          }
        : { state: binding.state, lag, lagSeconds: binding.lagSeconds, trend, failed: binding.failed, deadLettered: binding.deadLettered, consumed: binding.consumed, published: binding.published, error },
    );
  }
  // Every result goes to each of the algorithm's outputs, so a publish edge carries its share of the
  // records written; a DLQ edge carries the algorithm's dead letters.
  const outputs = new Map<string, number>();
  for (const edge of graph.edges) if (edge.kind === 'publish') outputs.set(edge.source, (outputs.get(edge.source) ?? 0) + 1);
  for (const edge of graph.edges) {
    const node = nodes.get(edge.source);
    if (!node || (edge.kind !== 'publish' && edge.kind !== 'dlq')) continue;
    const shown = edge.kind === 'publish' ? Math.floor(node.published / (outputs.get(edge.source) ?? 1)) : node.deadLettered;
    edges.set(edge.id, { state: node.state, msgsPerSecond: 0, count: shown, label: edge.kind === 'publish' ? `${count(shown)} out` : `${count(shown)} dead-lettered` });
  }
  return { nodes, edges };
}

/** A figure as the studio writes it: `48,210`, `12.5`. */
function count(n: number): string {
  return n.toLocaleString('en');
}
