import type { AlgorithmNode, TopicNode } from '../graph.ts';
import { nodeById, topicKey, type GraphIndex } from '../graphIndex.ts';

/** A set of algorithms that feed each other, with the publish and subscribe edges that close the loop. */
export interface Cycle {
  nodeIds: string[];
  edgeIds: string[];
}

/**
 * Finds every loop through publish → topic → subscribe: the strongly connected components of the
 * algorithm graph (Tarjan, iterative so that 5,000 nodes cannot overflow the stack), plus algorithms
 * that subscribe to a topic they publish. Linear in nodes and edges.
 */
export function findCycles(index: GraphIndex): Cycle[] {
  // Algorithms are numbered by their place in index.algorithms, topics by their identity number.
  const { subscribe, publish } = index.ends;
  const subscribers = adjacency(index.topicNodes.length, subscribe.topicIds, subscribe.algorithmNos);
  // An algorithm's successors: the subscribers of every topic it publishes to.
  const from: number[] = [];
  const to: number[] = [];
  publish.topicIds.forEach((topicId, i) => {
    for (let j = subscribers.start[topicId] as number; j < (subscribers.start[topicId + 1] as number); j++) {
      from.push(publish.algorithmNos[i] as number);
      to.push(subscribers.items[j] as number);
    }
  });
  const count = index.algorithms.length;
  const { start: successorStart, items: successors } = adjacency(count, from, to);

  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  // Tarjan's stack, and the depth-first path: each frame's algorithm and the next successor to visit.
  const stack = new Int32Array(count);
  let stackSize = 0;
  const pathNodes = new Int32Array(count);
  const pathNext = new Int32Array(count);
  let depth = 0;
  const components: number[][] = [];
  let counter = 0;

  for (let start = 0; start < count; start++) {
    if (order[start] !== -1) continue;
    order[start] = low[start] = counter++;
    stack[stackSize++] = start;
    onStack[start] = 1;
    pathNodes[depth] = start;
    pathNext[depth++] = successorStart[start] as number;
    while (depth > 0) {
      const v = pathNodes[depth - 1] as number;
      const next = pathNext[depth - 1] as number;
      if (next < (successorStart[v + 1] as number)) {
        pathNext[depth - 1] = next + 1;
        const w = successors[next] as number;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack[stackSize++] = w;
          onStack[w] = 1;
          pathNodes[depth] = w;
          pathNext[depth++] = successorStart[w] as number;
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, order[w] as number);
        }
        continue;
      }
      depth--;
      if (depth > 0) {
        const parent = pathNodes[depth - 1] as number;
        low[parent] = Math.min(low[parent] as number, low[v] as number);
      }
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack[--stackSize] as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || successors.subarray(successorStart[v] as number, successorStart[v + 1] as number).includes(v)) components.push(component);
      }
    }
  }
  return components.map((component) => cycleEdges(index, new Set(component.map((n) => (index.algorithms[n] as AlgorithmNode).id))));
}

/**
 * Lists of numbers by key, flat (compressed sparse rows): the items of key `k` are
 * `items[start[k]] … items[start[k + 1] - 1]`, in the order they came.
 */
function adjacency(keyCount: number, keys: readonly number[], values: readonly number[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (const key of keys) start[key + 1] = (start[key + 1] as number) + 1;
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] as number) + (start[k] as number);
  const items = new Int32Array(keys.length);
  const filled = start.slice(0, keyCount);
  keys.forEach((key, i) => {
    const at = filled[key] as number;
    filled[key] = at + 1;
    items[at] = values[i] as number;
  });
  return { start, items };
}

function cycleEdges(index: GraphIndex, members: Set<string>): Cycle {
  const publishedByMembers = new Set<string>();
  for (const edge of index.publish) {
    if (!members.has(edge.source)) continue;
    const topic = nodeById(index, edge.target) as TopicNode;
    publishedByMembers.add(topicKey(topic.connection, topic.topic));
  }
  const loopTopics = new Set<string>();
  const edgeIds: string[] = [];
  for (const edge of index.subscribe) {
    if (!members.has(edge.target)) continue;
    const topic = nodeById(index, edge.source) as TopicNode;
    const key = topicKey(topic.connection, topic.topic);
    if (publishedByMembers.has(key)) {
      loopTopics.add(key);
      edgeIds.push(edge.id);
    }
  }
  for (const edge of index.publish) {
    if (!members.has(edge.source)) continue;
    const topic = nodeById(index, edge.target) as TopicNode;
    if (loopTopics.has(topicKey(topic.connection, topic.topic))) edgeIds.push(edge.id);
  }
  return { nodeIds: [...members].sort(), edgeIds: edgeIds.sort() };
}
