import type { FlowGraph } from '@event-flows/model';
import type { BindingStatusView } from './liveStatus.ts';

/**
 * Example live statuses for every subscription of a graph, with steady made-up figures, for stories
 * and tests of the status overlay. The algorithm `failing` (an `org/name`), if given, is in error; the
 * algorithm `retrying`, if given, waits to try a message a third time of five.
 */
export function exampleStatus(graph: FlowGraph, options: { failing?: string; retrying?: string } = {}): BindingStatusView[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const statuses: BindingStatusView[] = [];
  let i = 0;
  for (const edge of graph.edges) {
    if (edge.kind !== 'subscribe') continue;
    const topic = nodes.get(edge.source);
    const algorithm = nodes.get(edge.target);
    if (topic?.kind !== 'topic' || algorithm?.kind !== 'algorithm') continue;
    i++;
    const failing = algorithm.algorithm === options.failing;
    statuses.push({
      algorithm: algorithm.algorithm,
      connection: topic.connection,
      topic: topic.topic,
      state: failing ? 'error' : 'running',
      msgsPerSecond: failing ? 0 : 10 * i + 2,
      consumed: failing ? 7 : 1_000 * i,
      published: failing ? 0 : 1_000 * i - (i - 1),
      failed: failing ? 7 : i - 1,
      deadLettered: failing ? 0 : i - 1,
      lag: failing ? { '0': 120, '1': 80, '2': 42 } : { '0': i, '1': 0, '2': 1 },
      lastError: failing ? { message: 'No DLQ: the binding paused after a permanent error (HTTP 400).' } : null,
      ...(algorithm.algorithm === options.retrying ? { retrying: { attempt: 3, maxAttempts: 5, messages: 1 } } : {}),
    });
  }
  return statuses;
}
