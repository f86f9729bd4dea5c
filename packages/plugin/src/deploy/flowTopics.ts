import { identityKey, topicKey, type FlowGraph } from '@event-flows/model';

/** A topic of a flow, as a test message's target. */
export interface FlowTopic {
  connection: string;
  topic: string;
}

/** A subscription of a flow: which algorithm reads which topic (what the DLQ tools take). */
export interface FlowSubscription extends FlowTopic {
  algorithm: string;
}

/** The flow's topics, each once, in the graph's order. */
export function flowTopics(graph: FlowGraph): FlowTopic[] {
  const seen = new Map<string, FlowTopic>();
  for (const node of graph.nodes) {
    if (node.kind === 'topic' && node.topic) seen.set(topicKey(node.connection, node.topic), { connection: node.connection, topic: node.topic });
  }
  return [...seen.values()];
}

/** The flow's subscriptions (topic → algorithm edges), each once. */
export function flowSubscriptions(graph: FlowGraph): FlowSubscription[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Map<string, FlowSubscription>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'subscribe') continue;
    const topic = nodes.get(edge.source);
    const algorithm = nodes.get(edge.target);
    if (topic?.kind !== 'topic' || algorithm?.kind !== 'algorithm') continue;
    seen.set(identityKey(algorithm.algorithm, topic.connection, topic.topic), { algorithm: algorithm.algorithm, connection: topic.connection, topic: topic.topic });
  }
  return [...seen.values()];
}
