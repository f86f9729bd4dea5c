import { generatedFlowOf, seededRandom, type Catalog, type FlowEdge, type FlowGraph, type GeneratedFlow, type Grant } from '@event-flows/model';

/** A generated valid flow with a catalog that knows and grants everything it uses (the model's fixtures' shape). */
export type BenchFlow = GeneratedFlow;

/**
 * A valid, acyclic flow of `nodes` nodes (half algorithms, half topics, 1 in 20 topics a DLQ) with
 * `edges` edges (at least three per two algorithms). Each algorithm sits at a place among the ordered topics, subscribes only to
 * topics before it and publishes only to topics from it on, so every path goes forward and there is no
 * cycle; a quarter of the algorithms have a DLQ edge.
 */
export function benchFlow(nodes: number, edges: number, seed = 42): BenchFlow {
  const next = seededRandom(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const algorithmCount = Math.round(nodes / 2);
  const dlqCount = Math.max(1, Math.round(algorithmCount / 20));
  const topicCount = nodes - algorithmCount - dlqCount;
  const graphNodes: FlowGraph['nodes'] = [];
  const graphEdges: FlowEdge[] = [];
  const grants: Grant[] = [];
  const topicName = (i: number) => `stream.${i}`;
  for (let i = 0; i < topicCount; i++) {
    graphNodes.push({ id: `t${i}`, kind: 'topic', position: { x: (i % 100) * 300, y: Math.floor(i / 100) * 200 }, connection: 'local', topic: topicName(i) });
  }
  for (let i = 0; i < dlqCount; i++) {
    graphNodes.push({ id: `d${i}`, kind: 'topic', position: { x: i * 300, y: -400 }, connection: 'local', topic: `dead.${i}` });
  }
  const algorithms: Catalog['algorithms'] = [];
  const dlqEdges = Math.ceil(algorithmCount / 4);
  // Subscribe and publish edges per algorithm (at least one of each), adding up to `edges` with the DLQ edges.
  const perAlgorithm = Math.max(2, Math.floor((edges - dlqEdges) / algorithmCount));
  const oneMore = Math.max(0, edges - dlqEdges - perAlgorithm * algorithmCount);
  let edgeId = 0;
  for (let i = 0; i < algorithmCount; i++) {
    const ref = `acme/algo-${i}`;
    algorithms.push({ ref, org: 'acme', name: `algo-${i}`, published: true, versions: [{ version: '1.0.0', published: true }] });
    graphNodes.push({ id: `a${i}`, kind: 'algorithm', position: { x: (i % 100) * 300 + 150, y: Math.floor(i / 100) * 200 + 100 }, algorithm: ref, version: '1.0.0' });
    // Its place among the topics: at least one topic before it and one from it on.
    const place = 1 + pick(topicCount - 1);
    const count = perAlgorithm + (i < oneMore ? 1 : 0);
    const inputs = new Set<number>([pick(place)]);
    const outputs = new Set<number>([place + pick(topicCount - place)]);
    while (inputs.size + outputs.size < count) {
      if (next() < 0.5) inputs.add(pick(place));
      else outputs.add(place + pick(topicCount - place));
    }
    for (const t of inputs) {
      graphEdges.push({ id: `e${edgeId++}`, kind: 'subscribe', source: `t${t}`, target: `a${i}` });
      grants.push({ connection: 'local', topic: topicName(t), algorithm: ref, access: 'subscribe' });
    }
    for (const t of outputs) {
      graphEdges.push({ id: `e${edgeId++}`, kind: 'publish', source: `a${i}`, target: `t${t}` });
      grants.push({ connection: 'local', topic: topicName(t), algorithm: ref, access: 'publish' });
    }
    if (i % 4 === 0) {
      const d = pick(dlqCount);
      graphEdges.push({ id: `e${edgeId++}`, kind: 'dlq', source: `a${i}`, target: `d${d}` });
      grants.push({ connection: 'local', topic: `dead.${d}`, algorithm: ref, access: 'publish' });
    }
  }
  return generatedFlowOf({ nodes: graphNodes, edges: graphEdges }, algorithms, grants);
}
