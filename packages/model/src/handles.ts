import type { FlowGraph } from './graph.ts';

/** The handle names on algorithm and topic nodes that edges attach to. */
export const handles = {
  /** Algorithm input; subscribe edges end here. */
  subscribe: 'subscribe',
  /** Algorithm output; publish edges start here. */
  publish: 'publish',
  /** Algorithm DLQ output; dlq edges start here. */
  dlq: 'dlq',
  /** Topic input (publish and dlq edges end here). */
  topicIn: 'in',
  /** Topic output (subscribe edges start here). */
  topicOut: 'out',
} as const;

/** An empty graph. */
export function emptyGraph(): FlowGraph {
  return { nodes: [], edges: [] };
}
