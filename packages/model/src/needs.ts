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
  algorithmNos: Int32Array;
  /** Each need's topic node: the one at the first edge that asks for it. */
  readonly topics: TopicNode[];
  /** Each need's topic identity number ({@link GraphIndex.topicNodes}). */
  topicIds: Int32Array;
  readonly access: Access[];
  /** The binding each need enables; `null` for a DLQ topic (written to, but not a binding of its own). */
  readonly directions: Array<Direction | null>;
  // The first edge that asks for each need, and the others for the few needs that several edges ask for.
  private readonly firstEdgeIds: string[];
  private readonly moreEdgeIds = new Map<number, string[]>();

  /**
   * @param most The most needs there can be. The columns are sized once: grown need by need, columns of
   *   tens of thousands are copied at every step, and past 16,384 entries each copy is a large object
   *   that the runtime maps from the system afresh.
   */
  constructor(most: number) {
    this.algorithmNos = new Int32Array(most);
    this.topics = new Array<TopicNode>(most);
    this.topicIds = new Int32Array(most);
    this.access = new Array<Access>(most);
    this.directions = new Array<Direction | null>(most);
    this.firstEdgeIds = new Array<string>(most);
  }

  /** Adds a need (at most the number given to the constructor); returns its number. */
  add(algorithmNo: number, topic: TopicNode, topicId: number, access: Access, direction: Direction | null, edgeId: string): number {
    const need = this.count++;
    this.algorithmNos[need] = algorithmNo;
    this.topics[need] = topic;
    this.topicIds[need] = topicId;
    this.access[need] = access;
    this.directions[need] = direction;
    this.firstEdgeIds[need] = edgeId;
    return need;
  }

  /** Drops the room no need took. */
  trim(): void {
    this.algorithmNos = this.algorithmNos.subarray(0, this.count);
    this.topicIds = this.topicIds.subarray(0, this.count);
    this.topics.length = this.access.length = this.directions.length = this.firstEdgeIds.length = this.count;
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
  // A subscription asks for its topic and its DLQ, a publication for its topic.
  const needs = new AccessNeeds(2 * index.subscribe.length + index.publish.length);
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
  needs.trim();
  return needs;
}
