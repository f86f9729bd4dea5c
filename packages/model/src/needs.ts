import type { Access, Direction } from './catalog.ts';
import type { TopicNode } from './graph.ts';
import { subscriptionDlq, topicKey, type GraphIndex } from './graphIndex.ts';
import { KeyNumbers, PairNumbers } from './numbers.ts';

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
  // Each need's access and the binding it enables, as codes (see accessCodes and directionCodes).
  private access: Uint8Array;
  private directions: Uint8Array;
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
    this.access = new Uint8Array(most);
    this.directions = new Uint8Array(most);
    this.firstEdgeIds = new Array<string>(most);
  }

  /** Adds a need (at most the number given to the constructor); returns its number. */
  add(algorithmNo: number, topic: TopicNode, topicId: number, access: Access, direction: Direction | null, edgeId: string): number {
    const need = this.count++;
    this.algorithmNos[need] = algorithmNo;
    this.topics[need] = topic;
    this.topicIds[need] = topicId;
    this.access[need] = accessCodes[access];
    this.directions[need] = direction ? directionCodes[direction] : 0;
    this.firstEdgeIds[need] = edgeId;
    return need;
  }

  /** Drops the room no need took. */
  trim(): void {
    this.algorithmNos = this.algorithmNos.subarray(0, this.count);
    this.topicIds = this.topicIds.subarray(0, this.count);
    this.access = this.access.subarray(0, this.count);
    this.directions = this.directions.subarray(0, this.count);
    this.topics.length = this.firstEdgeIds.length = this.count;
  }

  /** Records one more edge asking for need `need`, and the binding it enables if it names one. */
  askAgain(need: number, direction: Direction | null, edgeId: string): void {
    if (direction && !this.directions[need]) this.directions[need] = directionCodes[direction];
    if (this.firstEdgeIds[need] === edgeId) return;
    const more = this.moreEdgeIds.get(need);
    if (!more) this.moreEdgeIds.set(need, [edgeId]);
    else if (!more.includes(edgeId)) more.push(edgeId);
  }

  /** The access need `need` asks for. */
  accessOf(need: number): Access {
    return this.access[need] === accessCodes.publish ? 'publish' : 'subscribe';
  }

  /** The binding need `need` enables; `null` for a DLQ topic (written to, but not a binding of its own). */
  directionOf(need: number): Direction | null {
    const code = this.directions[need];
    return code === directionCodes.subscribe ? 'subscribe' : code === directionCodes.publish ? 'publish' : null;
  }

  /** The ids of the edges that ask for need `need`, in graph order (a new array). */
  edgeIds(need: number): string[] {
    return [this.firstEdgeIds[need] as string, ...(this.moreEdgeIds.get(need) ?? [])];
  }
}

const accessCodes = { publish: 0, subscribe: 1 } as const;
// 0: no binding.
const directionCodes = { subscribe: 1, publish: 2 } as const;

/** The {@link AccessNeeds} of an indexed graph, kept per index: validate and compile of one graph compute them once. */
export function accessNeeds(index: GraphIndex): AccessNeeds {
  let needs = needsByIndex.get(index);
  if (!needs) needsByIndex.set(index, (needs = computeNeeds(index)));
  return needs;
}

const needsByIndex = new WeakMap<GraphIndex, AccessNeeds>();

function computeNeeds(index: GraphIndex): AccessNeeds {
  // A subscription asks for its topic and its DLQ, a publication for its topic.
  const most = 2 * index.subscribe.length + index.publish.length;
  const needs = new AccessNeeds(most);
  // Both number (algorithm, topic, access) densely in the order first seen, as needs are numbered.
  const pairs = index.plainNames ? new PairNumbers(most) : undefined;
  const fullKeys = index.plainNames ? undefined : new KeyNumbers();
  const add = (algorithmNo: number, topic: TopicNode, topicId: number, access: Access, direction: Direction | null, edgeId: string) => {
    // See GraphIndex.plainNames for when the numbers are exact.
    const need = pairs
      ? pairs.number(algorithmNo, topicId * 2 + (access === 'publish' ? 0 : 1))
      : (fullKeys as KeyNumbers).of(`${index.algorithms[algorithmNo]?.id}\u0000${topicKey(topic.connection, topic.topic)}\u0000${access}`);
    if (need === needs.count) needs.add(algorithmNo, topic, topicId, access, direction, edgeId);
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
