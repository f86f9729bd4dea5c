import { identityKey, type AlertBinding, type FlowGraph } from '@event-flows/model';

/** An alert firing now on one binding of the flow (from the server's `alerts.list`), as the canvas marks it. */
export interface FiringAlertView {
  /** The rule's name. */
  readonly rule: string;
  readonly binding: AlertBinding;
}

/** Firing alerts laid onto the graph: the names of the rules firing on each marked node and edge. */
export interface AlertMarks {
  nodes: ReadonlyMap<string, readonly string[]>;
  edges: ReadonlyMap<string, readonly string[]>;
}

function add(marks: Map<string, string[]>, id: string, rule: string): void {
  const rules = marks.get(id);
  if (!rules) marks.set(id, [rule]);
  else if (!rules.includes(rule)) rules.push(rule);
}

/**
 * Marks the subscribe edge of each binding (algorithm, connection, topic) an alert fires on, and the
 * algorithm node it ends on, with the names of the rules firing there, in the order given. Alerts of
 * bindings no subscribe edge of `graph` shows mark nothing.
 */
export function layOutAlerts(graph: FlowGraph, alerts: readonly FiringAlertView[]): AlertMarks {
  const nodes = new Map<string, string[]>();
  const edges = new Map<string, string[]>();
  if (alerts.length === 0) return { nodes, edges };
  const rulesByBinding = new Map<string, string[]>();
  for (const { rule, binding } of alerts) add(rulesByBinding, identityKey(binding.algorithm, binding.connection, binding.topic), rule);
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const edge of graph.edges) {
    if (edge.kind !== 'subscribe') continue;
    const topic = nodesById.get(edge.source);
    const algorithm = nodesById.get(edge.target);
    if (topic?.kind !== 'topic' || algorithm?.kind !== 'algorithm') continue;
    const rules = rulesByBinding.get(identityKey(algorithm.algorithm, topic.connection, topic.topic));
    if (!rules) continue;
    for (const rule of rules) {
      add(edges, edge.id, rule);
      add(nodes, algorithm.id, rule);
    }
  }
  return { nodes, edges };
}
