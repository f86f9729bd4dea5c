import type { Access, Direction } from './catalog.ts';
import type { TopicNode } from './graph.ts';
import { subscriptionDlq, topicKey, type GraphIndex } from './graphIndex.ts';
import { KeyNumbers } from './keys.ts';

/**
 * The Kafka access a graph asks for: subscribe to each input, publish to each output and to each
 * subscription's DLQ. One need per (algorithm, topic, access), numbered 0 … `count - 1` in graph order;
 * well-formed edges only. Kept column by column: a large graph asks for tens of thousands.
 */
export class AccessNeeds {
  /** How many needs there are. */
  count = 0;
  /** Each need's algorithm, by its place in {@link GraphIndex.algorithms}. */
  readonly algorithmNos: number[] = [];
  /** Each need's topic node: the one at the first edge that asks for it. */
  readonly topics: TopicNode[] = [];
  /** Each need's topic identity number ({@link GraphIndex.topicNodes}). */
  readonly topicIds: number[] = [];
  readonly access: Access[] = [];
  /** The binding each need enables; `null` for a DLQ topic (written to, but not a binding of its own). */
  readonly directions: Array<Direction | null> = [];
  // The first edge that asks for each need, and the others for the few needs that several edges ask for.
  private readonly firstEdgeIds: string[] = [];
  private readonly moreEdgeIds = new Map<number, string[]>();

  /** Adds a need; returns its number. */
  add(algorithmNo: number, topic: TopicNode, topicId: number, access: Access, direction: Direction | null, edgeId: string): number {
    this.algorithmNos.push(algorithmNo);
    this.topics.push(topic);
    this.topicIds.push(topicId);
    this.access.push(access);
    this.directions.push(direction);
    this.firstEdgeIds.push(edgeId);
    return this.count++;
  }

  /** Records one more edge asking for need `need`, and the binding it enables if it names one. */
  askAgain(need: number, direction: Direction | null, edgeId: string): void {
    if (direction && !this.directions[need]) this.directions[need] = direction;
    if (this.firstEdgeIds[need] === edgeId) return;
    const more = this.moreEdgeIds.get(need);
    if (!more) this.moreEdgeIds.set(need, [edgeId]);
    else if (!more.includes(edgeId)) more.push(edgeId);
  }

  /** The ids of the edges that ask for need `need`, in graph order (a new array). */
  edgeIds(need: number): string[] {
    return [this.firstEdgeIds[need] as string, ...(this.moreEdgeIds.get(need) ?? [])];
  }
}

/** The {@link AccessNeeds} of an indexed graph, kept per index: validate and compile of one graph compute them once. */
export function accessNeeds(index: GraphIndex): AccessNeeds {
  let needs = needsByIndex.get(index);
  if (!needs) needsByIndex.set(index, (needs = computeNeeds(index)));
  return needs;
}

const needsByIndex = new WeakMap<GraphIndex, AccessNeeds>();

function computeNeeds(index: GraphIndex): AccessNeeds {
  const needs = new AccessNeeds();
  const numbers = new Map<number, number>();
  const topicCount = index.topicNodes.length;
  const fullKeys = index.plainNames ? undefined : new KeyNumbers();
  const add = (algorithmNo: number, topic: TopicNode, topicId: number, access: Access, direction: Direction | null, edgeId: string) => {
    // (algorithm, topic, access) as one number; see GraphIndex.plainNames for when that is exact.
    const key = fullKeys
      ? fullKeys.of(`${index.algorithms[algorithmNo]?.id}\u0000${topicKey(topic.connection, topic.topic)}\u0000${access}`)
      : (algorithmNo * topicCount + topicId) * 2 + (access === 'publish' ? 0 : 1);
    const need = numbers.get(key);
    if (need === undefined) numbers.set(key, needs.add(algorithmNo, topic, topicId, access, direction, edgeId));
    else needs.askAgain(need, direction, edgeId);
  };
  const subscribe = index.ends.subscribe;
  index.subscribe.forEach((edge, i) => {
    const algorithmNo = subscribe.algorithmNos[i] as number;
    add(algorithmNo, subscribe.topics[i] as TopicNode, subscribe.topicIds[i] as number, 'subscribe', 'subscribe', edge.id);
    const dlq = subscriptionDlq(index, edge, algorithmNo);
    if (dlq) add(algorithmNo, dlq.node, dlq.topicId, 'publish', null, dlq.edgeId);
  });
  const publish = index.ends.publish;
  index.publish.forEach((edge, i) => {
    add(publish.algorithmNos[i] as number, publish.topics[i] as TopicNode, publish.topicIds[i] as number, 'publish', 'publish', edge.id);
  });
  return needs;
}
