import type { AlgorithmNode, TopicNode } from '../graph.ts';
import { topicKey, type GraphIndex } from '../graphIndex.ts';

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
  // Sized up front: filled at arbitrary positions, an array grown by gaps would turn into a slow dictionary.
  const subscribersByTopic = new Array<number[] | undefined>(index.topicNodes.length);
  subscribe.topicIds.forEach((topicId, i) => (subscribersByTopic[topicId] ??= []).push(subscribe.algorithmNos[i] as number));
  const successors = new Array<number[] | undefined>(index.algorithms.length);
  publish.topicIds.forEach((topicId, i) => {
    const next = subscribersByTopic[topicId];
    if (!next) return;
    const list = (successors[publish.algorithmNos[i] as number] ??= []);
    for (const n of next) list.push(n);
  });

  const count = index.algorithms.length;
  const order = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  // The depth-first path: each frame's algorithm and how many of its successors it has visited.
  const pathNodes: number[] = [];
  const pathNext: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  const none: number[] = [];

  for (let start = 0; start < count; start++) {
    if (order[start] !== -1) continue;
    order[start] = low[start] = counter++;
    stack.push(start);
    onStack[start] = 1;
    pathNodes.push(start);
    pathNext.push(0);
    while (pathNodes.length > 0) {
      const top = pathNodes.length - 1;
      const v = pathNodes[top] as number;
      const succ = successors[v] ?? none;
      const next = pathNext[top] as number;
      if (next < succ.length) {
        pathNext[top] = next + 1;
        const w = succ[next] as number;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          pathNodes.push(w);
          pathNext.push(0);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v] as number, order[w] as number);
        }
        continue;
      }
      pathNodes.pop();
      pathNext.pop();
      const parent = pathNodes[pathNodes.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent] as number, low[v] as number);
      if (low[v] === order[v]) {
        const component: number[] = [];
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          component.push(w);
        } while (w !== v);
        const selfLoop = component.length === 1 && succ.includes(v);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((component) => cycleEdges(index, new Set(component.map((n) => (index.algorithms[n] as AlgorithmNode).id))));
}

function cycleEdges(index: GraphIndex, members: Set<string>): Cycle {
  const publishedByMembers = new Set<string>();
  for (const edge of index.publish) {
    if (!members.has(edge.source)) continue;
    const topic = index.nodes.get(edge.target) as TopicNode;
    publishedByMembers.add(topicKey(topic.connection, topic.topic));
  }
  const loopTopics = new Set<string>();
  const edgeIds: string[] = [];
  for (const edge of index.subscribe) {
    if (!members.has(edge.target)) continue;
    const topic = index.nodes.get(edge.source) as TopicNode;
    const key = topicKey(topic.connection, topic.topic);
    if (publishedByMembers.has(key)) {
      loopTopics.add(key);
      edgeIds.push(edge.id);
    }
  }
  for (const edge of index.publish) {
    if (!members.has(edge.source)) continue;
    const topic = index.nodes.get(edge.target) as TopicNode;
    if (loopTopics.has(topicKey(topic.connection, topic.topic))) edgeIds.push(edge.id);
  }
  return { nodeIds: [...members].sort(), edgeIds: edgeIds.sort() };
}
