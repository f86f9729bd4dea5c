import type { Access, Direction } from './catalog.ts';
import type { AlgorithmNode, TopicNode } from './graph.ts';
import { dlqEdgesByAlgorithm, dlqNodeFor, topicKey, type GraphIndex } from './graphIndex.ts';
import { KeyNumbers } from './keys.ts';

/** One piece of Kafka access a graph asks for, and the edges that ask for it. */
export interface AccessNeed {
  algorithm: AlgorithmNode;
  topic: TopicNode;
  /** The topic's identity number in the index ({@link GraphIndex.topicIds}). */
  topicId: number;
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
  const needs = new Map<number, AccessNeed>();
  const topicCount = index.topicNodes.length;
  const fullKeys = index.plainNames ? undefined : new KeyNumbers();
  const add = (algorithmNo: number, topic: TopicNode, topicId: number, access: Access, direction: Direction | null, edgeId: string) => {
    const algorithm = index.algorithms[algorithmNo] as AlgorithmNode;
    // (algorithm, topic, access) as one number; see GraphIndex.plainNames for when that is exact.
    const key = fullKeys
      ? fullKeys.of(`${algorithm.id}\u0000${topicKey(topic.connection, topic.topic)}\u0000${access}`)
      : (algorithmNo * topicCount + topicId) * 2 + (access === 'publish' ? 0 : 1);
    const need = needs.get(key);
    if (need) {
      if (!need.edgeIds.includes(edgeId)) need.edgeIds.push(edgeId);
      if (direction && !need.direction) need.direction = direction;
      return;
    }
    needs.set(key, { algorithm, topic, topicId, access, direction, edgeIds: [edgeId] });
  };
  const dlqEdges = dlqEdgesByAlgorithm(index);
  const subscribe = index.ends.subscribe;
  index.subscribe.forEach((edge, i) => {
    const algorithmNo = subscribe.algorithmNos[i] as number;
    add(algorithmNo, subscribe.topics[i] as TopicNode, subscribe.topicIds[i] as number, 'subscribe', 'subscribe', edge.id);
    const dlq = dlqNodeFor(index, edge, dlqEdges);
    if (dlq) {
      const edgeId = edge.dlq ? edge.id : (dlqEdges.get(edge.target)?.id ?? edge.id);
      add(algorithmNo, dlq, index.topicIds.get(dlq.id) as number, 'publish', null, edgeId);
    }
  });
  const publish = index.ends.publish;
  index.publish.forEach((edge, i) => {
    add(publish.algorithmNos[i] as number, publish.topics[i] as TopicNode, publish.topicIds[i] as number, 'publish', 'publish', edge.id);
  });
  return [...needs.values()];
}
