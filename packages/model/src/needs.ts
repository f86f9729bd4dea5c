import type { Access, Direction } from './catalog.ts';
import type { AlgorithmNode, TopicNode } from './graph.ts';
import { dlqEdgesByAlgorithm, dlqNodeFor, topicKey, type GraphIndex } from './graphIndex.ts';

/** One piece of Kafka access a graph asks for, and the edges that ask for it. */
export interface AccessNeed {
  algorithm: AlgorithmNode;
  topic: TopicNode;
  access: Access;
  /** The binding this need enables; `null` for a DLQ topic (written to, but not a binding of its own). */
  direction: Direction | null;
  edgeIds: string[];
}

/**
 * Lists the access a graph needs: subscribe to each input, publish to each output and to each
 * subscription's DLQ. One entry per (algorithm, topic, access), in graph order; well-formed edges only.
 * Kept per index, so validate and compile of one graph compute it once; callers must not change it.
 */
export function accessNeeds(index: GraphIndex): AccessNeed[] {
  let needs = needsByIndex.get(index);
  if (!needs) needsByIndex.set(index, (needs = computeNeeds(index)));
  return needs;
}

const needsByIndex = new WeakMap<GraphIndex, AccessNeed[]>();

function computeNeeds(index: GraphIndex): AccessNeed[] {
  const needs = new Map<string, AccessNeed>();
  const add = (algorithm: AlgorithmNode, topic: TopicNode, access: Access, direction: Direction | null, edgeId: string) => {
    const key = `${algorithm.id}\u0000${topicKey(topic.connection, topic.topic)}\u0000${access}`;
    const need = needs.get(key);
    if (need) {
      if (!need.edgeIds.includes(edgeId)) need.edgeIds.push(edgeId);
      if (direction && !need.direction) need.direction = direction;
      return;
    }
    needs.set(key, { algorithm, topic, access, direction, edgeIds: [edgeId] });
  };
  const dlqEdges = dlqEdgesByAlgorithm(index);
  for (const edge of index.subscribe) {
    const algorithm = index.nodes.get(edge.target) as AlgorithmNode;
    add(algorithm, index.nodes.get(edge.source) as TopicNode, 'subscribe', 'subscribe', edge.id);
    const dlq = dlqNodeFor(index, edge, dlqEdges);
    if (dlq) add(algorithm, dlq, 'publish', null, edge.dlq ? edge.id : (dlqEdges.get(edge.target)?.id ?? edge.id));
  }
  for (const edge of index.publish) {
    add(index.nodes.get(edge.source) as AlgorithmNode, index.nodes.get(edge.target) as TopicNode, 'publish', 'publish', edge.id);
  }
  return [...needs.values()];
}
