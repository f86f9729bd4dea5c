import type { BindingError, BindingState, BindingStatus, FlowGraph } from '@event-flows/model';

export type { BindingState };

/**
 * The fields of a binding's live status (the model's `BindingStatus`) that the canvas shows; the
 * server's stream can be passed as it is.
 */
export type BindingStatusView = Pick<BindingStatus, 'algorithm' | 'connection' | 'topic' | 'state' | 'msgsPerSecond' | 'failed' | 'deadLettered' | 'lag'> & {
  lastError: Pick<BindingError, 'message'> | null;
};

/** What an algorithm node shows of its bindings: the worst state and the sums over its subscriptions. */
export interface NodeLiveStatus {
  state: BindingState;
  lag: number;
  failed: number;
  deadLettered: number;
  /** The last error of a binding in error, if any. */
  error: string | undefined;
}

/** What a subscribe edge shows: its binding's throughput and state. */
export interface EdgeLiveStatus {
  state: BindingState;
  msgsPerSecond: number;
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
  return JSON.stringify([algorithm, connection, topic]);
}

/**
 * Lays binding statuses onto a graph: each subscribe edge gets the status of the binding of its
 * (algorithm, connection, topic); each algorithm node sums those of its subscribe edges. Bindings
 * that no edge of this graph shows are ignored.
 */
export function layOutStatus(graph: FlowGraph, bindings: readonly BindingStatusView[]): LiveStatus {
  const byKey = new Map(bindings.map((b) => [statusKey(b.algorithm, b.connection, b.topic), b]));
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
    edges.set(edge.id, { state: binding.state, msgsPerSecond: binding.msgsPerSecond });
    const current = nodes.get(algorithm.id);
    const lag = sum(binding.lag);
    const error = binding.state === 'error' ? (binding.lastError?.message ?? 'The binding stopped with an error.') : undefined;
    nodes.set(
      algorithm.id,
      current
        ? {
            state: attention[binding.state] < attention[current.state] ? binding.state : current.state,
            lag: current.lag + lag,
            failed: current.failed + binding.failed,
            deadLettered: current.deadLettered + binding.deadLettered,
            error: current.error ?? error,
          }
        : { state: binding.state, lag, failed: binding.failed, deadLettered: binding.deadLettered, error },
    );
  }
  return { nodes, edges };
}
