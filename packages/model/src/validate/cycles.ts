import type { AlgorithmNode, TopicNode } from '../graph.ts';
import { nodeById, topicKey, type GraphIndex } from '../graphIndex.ts';
import { groupNumbers } from '../numbers.ts';

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
  const subscribers = groupNumbers(index.topicNodes.length, subscribe.topicIds, subscribe.algorithmNos);
  // An algorithm's successors: the subscribers of every topic it publishes to. Counted first, so that
  // the lists are typed arrays sized once.
  let links = 0;
  for (const topicId of publish.topicIds) links += (subscribers.start[topicId + 1] as number) - (subscribers.start[topicId] as number);
  const from = new Int32Array(links);
  const to = new Int32Array(links);
  let link = 0;
  for (let i = 0; i < publish.topicIds.length; i++) {
    const topicId = publish.topicIds[i] as number;
    for (let j = subscribers.start[topicId] as number; j < (subscribers.start[topicId + 1] as number); j++) {
      from[link] = publish.algorithmNos[i] as number;
      to[link++] = subscribers.items[j] as number;
    }
  }
  const count = index.algorithms.length;
  const { start: successorStart, items: successors } = groupNumbers(count, from, to);

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
        // The component is the stack from v up. Almost every algorithm is a component of its own, and
        // only a loop is kept: the list is made for those alone.
        let from = stackSize - 1;
        while (stack[from] !== v) from--;
        if (from < stackSize - 1 || feedsItself(v, successorStart, successors)) {
          const component: number[] = [];
          for (let at = stackSize - 1; at >= from; at--) component.push(stack[at] as number);
          components.push(component);
        }
        for (let at = from; at < stackSize; at++) onStack[stack[at] as number] = 0;
        stackSize = from;
      }
    }
  }
  return components.map((component) => cycleEdges(index, new Set(component.map((n) => (index.algorithms[n] as AlgorithmNode).id))));
}

/** Tells whether algorithm `v` is one of its own successors (it subscribes to a topic it publishes). */
function feedsItself(v: number, successorStart: Int32Array, successors: Int32Array): boolean {
  for (let j = successorStart[v] as number; j < (successorStart[v + 1] as number); j++) if (successors[j] === v) return true;
  return false;
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
