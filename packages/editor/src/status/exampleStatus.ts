import type { BindingHistory, FlowGraph } from '@event-flows/model';
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
      lagSeconds: failing ? 340 : 0.2 * i,
      lastError: failing ? { message: 'No DLQ: the binding paused after a permanent error (HTTP 400).' } : null,
      ...(algorithm.algorithm === options.retrying ? { retrying: { attempt: 3, maxAttempts: 5, messages: 1 } } : {}),
    });
  }
  return statuses;
}

/**
 * Example histories for `statuses` (from {@link exampleStatus}): 60 samples 5 s apart ending at `now`,
 * lag falling to each status's lag, except for the algorithm `rising` (an `org/name`), whose lag rises
 * steeply over the last minute. For stories and tests of the charts and trend arrows.
 */
export function exampleHistory(statuses: readonly BindingStatusView[], options: { rising?: string; now?: number } = {}): BindingHistory[] {
  const now = options.now ?? Date.now();
  const samples = 60;
  return statuses.map((status) => {
    const lagNow = Object.values(status.lag).reduce((a, b) => a + b, 0);
    const rising = status.algorithm === options.rising;
    const at = Array.from({ length: samples }, (_, i) => now - (samples - 1 - i) * 5_000);
    const wave = (i: number) => Math.sin(i / 4) * 0.3 + 1;
    const lag = at.map((_, i) => (rising ? Math.round(lagNow + (i > 47 ? (i - 47) * 40 : 0)) : Math.round(lagNow + (samples - 1 - i) * 3)));
    return {
      key: `${status.algorithm}|${status.connection}|${status.topic}`,
      flowId: 'flow_example',
      algorithm: status.algorithm,
      connection: status.connection,
      topic: status.topic,
      at,
      lag,
      lagSeconds: lag.map((l) => Math.round(l * 2) / 10),
      msgsPerSecond: at.map((_, i) => Math.round(status.msgsPerSecond * wave(i) * 10) / 10),
      failedPerSecond: at.map((_, i) => (status.failed > 0 && i % 9 === 0 ? 0.4 : 0)),
      deadLetteredPerSecond: at.map((_, i) => (status.deadLettered > 0 && i % 9 === 0 ? 0.4 : 0)),
    };
  });
}
