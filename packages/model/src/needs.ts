import type { Access, Direction } from './catalog.ts';
import type { AlgorithmNode, TopicNode } from './graph.ts';
import { subscriptionDlq, type GraphIndex } from './graphIndex.ts';
import { identityKey } from './keys.ts';

/** Access to one topic that one algorithm of the graph asks for. */
export interface AccessNeed {
  algorithm: AlgorithmNode;
  /** The topic node of the first edge that asks for it. */
  topic: TopicNode;
  /** The topic's identity (`topicKey`). */
  topicKey: string;
  access: Access;
  /** The binding it enables; `null` for a DLQ topic (written to, but not a binding of its own). */
  direction: Direction | null;
  /** The edges that ask for it, in graph order. */
  edgeIds: string[];
}

/**
 * The Kafka access a graph asks for: subscribe to each input, publish to each output and to each
 * subscription's DLQ. One need per (algorithm node, topic, access), in the order the edges first ask
 * for it: subscriptions (each followed by its DLQ), then publications. Well-formed edges only.
 */
export function accessNeeds(index: GraphIndex): AccessNeed[] {
  const needs = new Map<string, AccessNeed>();
  const ask = (algorithm: AlgorithmNode, topic: TopicNode, topicKey: string, access: Access, direction: Direction | null, edgeId: string) => {
    const key = identityKey(algorithm.id, topicKey, access);
    const need = needs.get(key);
    if (!need) {
      needs.set(key, { algorithm, topic, topicKey, access, direction, edgeIds: [edgeId] });
      return;
    }
    need.direction ??= direction;
    if (!need.edgeIds.includes(edgeId)) need.edgeIds.push(edgeId);
  };
  for (const subscription of index.subscribe) {
    ask(subscription.algorithm, subscription.topic, subscription.topicKey, 'subscribe', 'subscribe', subscription.edge.id);
    const dlq = subscriptionDlq(index, subscription);
    if (dlq) ask(subscription.algorithm, dlq.node, dlq.topicKey, 'publish', null, dlq.edgeId);
  }
  for (const p of index.publish) ask(p.algorithm, p.topic, p.topicKey, 'publish', 'publish', p.edge.id);
  return [...needs.values()];
}
