import type { TopicNode } from '../graph.ts';
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
  const subscribersByTopic = new Map<string, string[]>();
  for (const edge of index.subscribe) {
    const topic = index.nodes.get(edge.source) as TopicNode;
    const key = topicKey(topic.connection, topic.topic);
    const list = subscribersByTopic.get(key) ?? [];
    list.push(edge.target);
    subscribersByTopic.set(key, list);
  }
  const successors = new Map<string, string[]>();
  for (const edge of index.publish) {
    const topic = index.nodes.get(edge.target) as TopicNode;
    const next = subscribersByTopic.get(topicKey(topic.connection, topic.topic));
    if (!next) continue;
    const list = successors.get(edge.source) ?? [];
    for (const n of next) list.push(n);
    successors.set(edge.source, list);
  }

  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const start of index.algorithms) {
    if (order.has(start.id)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: start.id, next: 0 }];
    order.set(start.id, counter);
    low.set(start.id, counter++);
    stack.push(start.id);
    onStack.add(start.id);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: number };
      const succ = successors.get(frame.id) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++] as string;
        if (!order.has(w)) {
          order.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, order.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === order.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        const selfLoop = component.length === 1 && (successors.get(frame.id) ?? []).includes(frame.id);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((component) => cycleEdges(index, new Set(component)));
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
