import type { GraphIndex } from '../graphIndex.ts';

/** A set of algorithms that feed each other, with the publish and subscribe edges that close the loop. */
export interface Cycle {
  nodeIds: string[];
  edgeIds: string[];
}

/**
 * Finds every loop through publish → topic → subscribe: the strongly connected components of the
 * algorithm graph (Tarjan's algorithm, iterative so that 5,000 nodes cannot overflow the stack), plus
 * algorithms that subscribe to a topic they publish. Linear in nodes and edges.
 */
export function findCycles(index: GraphIndex): Cycle[] {
  // An algorithm's successors: the subscribers of every topic it publishes to, in edge order.
  const subscribersOf = new Map<string, string[]>();
  for (const { algorithm, topicKey } of index.subscribe) {
    const list = subscribersOf.get(topicKey);
    if (list) list.push(algorithm.id);
    else subscribersOf.set(topicKey, [algorithm.id]);
  }
  const successors = new Map<string, string[]>(index.algorithms.map((a) => [a.id, []]));
  for (const { algorithm, topicKey } of index.publish) {
    const list = successors.get(algorithm.id) as string[];
    for (const subscriber of subscribersOf.get(topicKey) ?? []) list.push(subscriber);
  }

  // Tarjan: the order each algorithm was reached in, the lowest order reachable from it, its stack.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const reach = (id: string) => {
    order.set(id, order.size);
    low.set(id, order.get(id) as number);
    stack.push(id);
    onStack.add(id);
  };

  for (const { id: start } of index.algorithms) {
    if (order.has(start)) continue;
    reach(start);
    // The depth-first path: each algorithm on it and the position of the next successor to visit.
    const path: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    while (path.length > 0) {
      const frame = path[path.length - 1] as { id: string; next: number };
      const next = (successors.get(frame.id) as string[])[frame.next++];
      if (next !== undefined) {
        if (!order.has(next)) {
          reach(next);
          path.push({ id: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id) as number, order.get(next) as number));
        }
        continue;
      }
      path.pop();
      const parent = path[path.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) !== order.get(frame.id)) continue;
      // The component is the stack from this algorithm up; a single algorithm is a loop only when it feeds itself.
      const component = stack.splice(stack.lastIndexOf(frame.id));
      for (const id of component) onStack.delete(id);
      if (component.length > 1 || (successors.get(frame.id) as string[]).includes(frame.id)) components.push(component);
    }
  }
  return components.map((component) => cycleEdges(index, new Set(component)));
}

function cycleEdges(index: GraphIndex, members: Set<string>): Cycle {
  const publishedByMembers = new Set<string>();
  for (const { algorithm, topicKey } of index.publish) if (members.has(algorithm.id)) publishedByMembers.add(topicKey);
  const loopTopics = new Set<string>();
  const edgeIds: string[] = [];
  for (const { edge, algorithm, topicKey } of index.subscribe) {
    if (!members.has(algorithm.id)) continue;
    if (publishedByMembers.has(topicKey)) {
      loopTopics.add(topicKey);
      edgeIds.push(edge.id);
    }
  }
  for (const { edge, algorithm, topicKey } of index.publish) {
    if (members.has(algorithm.id) && loopTopics.has(topicKey)) edgeIds.push(edge.id);
  }
  return { nodeIds: [...members].sort(), edgeIds: edgeIds.sort() };
}
