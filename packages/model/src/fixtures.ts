import type { Actor, Catalog, Grant } from './catalog.ts';
import type { Actual, SubscribeBinding } from './desired.ts';
import type { BindingStatus } from './status.ts';
import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';

/**
 * Shared example data: the demo org's catalog and pipeline (used by tests, stories and the demo seed)
 * and a generator of large valid graphs (used by benchmarks and property tests).
 */

/** The demo org. */
export const demoOrg = { id: 'acme', name: 'Acme Analytics' };

/** A member of the demo org. */
export const demoMember: Actor = { role: 'member', orgId: demoOrg.id };

/** A cluster admin acting for the demo org. */
export const demoAdmin: Actor = { role: 'admin', orgId: demoOrg.id };

const versions = (...list: string[]) => list.map((version) => ({ version, published: true }));

/** The demo catalog: four algorithms of the pipeline ingest → classify → enrich → alert, one connection. */
export function demoCatalog(): Catalog {
  return {
    orgs: [demoOrg, { id: 'globex', name: 'Globex' }],
    algorithms: [
      { ref: 'acme/classify', org: 'acme', name: 'classify', published: true, versions: versions('1.0.0', '1.1.0', '1.2.0') },
      { ref: 'acme/enrich', org: 'acme', name: 'enrich', published: true, versions: versions('0.9.0', '1.0.0') },
      { ref: 'acme/alert', org: 'acme', name: 'alert', published: true, versions: versions('2.0.0') },
      { ref: 'acme/draft', org: 'acme', name: 'draft', published: false, versions: [] },
      { ref: 'globex/score', org: 'globex', name: 'score', published: true, versions: versions('1.0.0') },
    ],
    connections: [
      {
        id: 'local',
        name: 'Local Kafka',
        topics: [
          { name: 'orders', partitions: 3 },
          { name: 'orders.classified', partitions: 3 },
          { name: 'orders.enriched', partitions: 3 },
          { name: 'alerts', partitions: 1 },
          { name: 'orders.dlq', partitions: 1 },
        ],
      },
    ],
    grants: [
      { connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' },
      { connection: 'local', topic: 'orders.classified', algorithm: 'acme/classify', access: 'publish' },
      { connection: 'local', topic: 'orders.dlq', algorithm: 'acme/classify', access: 'publish' },
      { connection: 'local', topic: 'orders.classified', algorithm: 'acme/enrich', access: 'subscribe' },
      { connection: 'local', topic: 'orders.enriched', algorithm: 'acme/enrich', access: 'publish' },
      { connection: 'local', topic: 'orders.dlq', algorithm: 'acme/enrich', access: 'publish' },
      { connection: 'local', topic: 'orders.enriched', algorithm: 'acme/alert', access: 'subscribe' },
      { connection: 'local', topic: 'alerts', algorithm: 'acme/alert', access: 'publish' },
    ],
    claims: [],
  };
}

/**
 * The demo's classify algorithm (1.1.0) subscribed to orders on the local connection, as a deployed
 * binding: no DLQ, no outputs, one at a time, three attempts. `changes` override any of its fields.
 */
export function classifyOrdersBinding(changes: Partial<SubscribeBinding> = {}): SubscribeBinding {
  return {
    flowId: 'f1',
    algorithm: 'acme/classify',
    connection: 'local',
    topic: 'orders',
    direction: 'subscribe',
    version: '1.1.0',
    principal: 'User:eventflows.acme.classify',
    consumerGroup: 'eventflows.acme.classify.orders',
    dlq: null,
    outputs: [],
    retry: { maxAttempts: 3, backoffMs: 1000 },
    concurrency: 1,
    ordering: 'partition',
    timeoutMs: 420000,
    ...changes,
  };
}

/**
 * What a runtime reports for classify (1.0.0) on orders when it runs and has counted nothing yet:
 * no lag, no error, no rates. `changes` override any of its fields.
 */
export function runningBindingStatus(changes: Partial<BindingStatus> = {}): BindingStatus {
  return {
    key: 'b1',
    flowId: 'flow_1',
    algorithm: 'acme/classify',
    version: '1.0.0',
    connection: 'local',
    topic: 'orders',
    state: 'running',
    consumed: 0,
    published: 0,
    failed: 0,
    deadLettered: 0,
    lag: {},
    lastError: null,
    msgsPerSecond: 0,
    lagSeconds: 0,
    failedPerSecond: 0,
    deadLetteredPerSecond: 0,
    ...changes,
  };
}

function topicNode(id: string, topic: string, x: number, y: number): TopicNode {
  return { id, kind: 'topic', position: { x, y }, connection: 'local', topic };
}

function algorithmNode(id: string, algorithm: string, version: string, x: number, y: number): AlgorithmNode {
  return { id, kind: 'algorithm', position: { x, y }, algorithm, version };
}

/**
 * The demo pipeline ingest → classify → enrich → alert, with a shared DLQ for classify and enrich.
 * Nodes stand 340 px apart, leaving room between them for the live rates drawn on the edges
 * ("12 msg/s · 1000 in" is about 120 px wide).
 */
export function pipelineGraph(): FlowGraph {
  return {
    nodes: [
      topicNode('t-orders', 'orders', 0, 100),
      algorithmNode('a-classify', 'acme/classify', '1.2.0', 340, 100),
      topicNode('t-classified', 'orders.classified', 680, 100),
      algorithmNode('a-enrich', 'acme/enrich', '1.0.0', 1020, 100),
      topicNode('t-enriched', 'orders.enriched', 1360, 100),
      algorithmNode('a-alert', 'acme/alert', '2.0.0', 1700, 100),
      topicNode('t-alerts', 'alerts', 2040, 100),
      topicNode('t-dlq', 'orders.dlq', 690, 300),
    ],
    edges: [
      { id: 'e1', kind: 'subscribe', source: 't-orders', target: 'a-classify' },
      { id: 'e2', kind: 'publish', source: 'a-classify', target: 't-classified' },
      { id: 'e3', kind: 'dlq', source: 'a-classify', target: 't-dlq' },
      { id: 'e4', kind: 'subscribe', source: 't-classified', target: 'a-enrich' },
      { id: 'e5', kind: 'publish', source: 'a-enrich', target: 't-enriched' },
      { id: 'e6', kind: 'dlq', source: 'a-enrich', target: 't-dlq' },
      { id: 'e7', kind: 'subscribe', source: 't-enriched', target: 'a-alert' },
      { id: 'e8', kind: 'publish', source: 'a-alert', target: 't-alerts' },
    ],
  };
}

/**
 * An earlier revision of {@link pipelineGraph}, for showing what changed since: it ran classify 1.1.0
 * and gave its subscription its own DLQ, had enrich publish to an audit topic, and had no alert step.
 */
export function earlierPipelineGraph(): FlowGraph {
  const now = pipelineGraph();
  return {
    nodes: [
      ...now.nodes
        .filter((n) => n.id !== 'a-alert' && n.id !== 't-alerts')
        .map((n) => (n.id === 'a-classify' && n.kind === 'algorithm' ? { ...n, version: '1.1.0' } : n)),
      topicNode('t-audit', 'orders.audit', 1360, 300),
    ],
    edges: [
      ...now.edges.filter((e) => e.id !== 'e7' && e.id !== 'e8').map((e) => (e.id === 'e1' ? { ...e, dlq: 't-dlq' } : e)),
      { id: 'e-audit', kind: 'publish', source: 'a-enrich', target: 't-audit' },
    ],
  };
}

/** A small deterministic PRNG (mulberry32), so generated graphs are the same for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generated valid flow with a catalog that knows and grants everything it uses. */
export interface GeneratedFlow {
  graph: FlowGraph;
  catalog: Catalog;
  /** Kafka as it is before the first deploy: the catalog's topics and grants, nothing else. */
  actual: Actual;
}

/**
 * Generates a valid, acyclic flow of about `nodes` nodes and 1.5 edges per node: half algorithms,
 * each subscribing to one or two earlier topics, publishing to one or two later ones, and a quarter
 * of them with a DLQ. Topic order makes every path go forward, so there is no cycle.
 */
export function generateFlow(nodes: number, seed = 1): GeneratedFlow {
  const random = seededRandom(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const algorithmCount = Math.max(1, Math.round(nodes * 0.5));
  const dlqCount = Math.max(1, Math.round(algorithmCount / 20));
  const topicCount = Math.max(2, nodes - algorithmCount - dlqCount);
  const graphNodes: FlowGraph['nodes'] = [];
  const edges: FlowEdge[] = [];
  const grants: Grant[] = [];
  const topicName = (i: number) => `stream.${i}`;
  for (let i = 0; i < topicCount; i++) graphNodes.push(topicNode(`t${i}`, topicName(i), (i % 100) * 300, Math.floor(i / 100) * 200));
  for (let i = 0; i < dlqCount; i++) graphNodes.push(topicNode(`d${i}`, `dead.${i}`, i * 300, -400));
  const algorithms: Catalog['algorithms'] = [];
  let edgeId = 0;
  for (let i = 0; i < algorithmCount; i++) {
    const ref = `acme/algo-${i}`;
    algorithms.push({ ref, org: 'acme', name: `algo-${i}`, published: true, versions: versions('1.0.0') });
    graphNodes.push(algorithmNode(`a${i}`, ref, '1.0.0', (i % 100) * 300 + 150, Math.floor(i / 100) * 200 + 100));
    const low = pick(topicCount - 1);
    const inputs = new Set([low, ...(random() < 0.4 && low > 0 ? [pick(low)] : [])]);
    const outputs = new Set([low + 1 + pick(topicCount - low - 1)]);
    if (random() < 0.4) outputs.add(low + 1 + pick(topicCount - low - 1));
    for (const t of inputs) {
      edges.push({ id: `e${edgeId++}`, kind: 'subscribe', source: `t${t}`, target: `a${i}` });
      grants.push({ connection: 'local', topic: topicName(t), algorithm: ref, access: 'subscribe' });
    }
    for (const t of outputs) {
      edges.push({ id: `e${edgeId++}`, kind: 'publish', source: `a${i}`, target: `t${t}` });
      grants.push({ connection: 'local', topic: topicName(t), algorithm: ref, access: 'publish' });
    }
    if (random() < 0.25) {
      const d = pick(dlqCount);
      edges.push({ id: `e${edgeId++}`, kind: 'dlq', source: `a${i}`, target: `d${d}` });
      grants.push({ connection: 'local', topic: `dead.${d}`, algorithm: ref, access: 'publish' });
    }
  }
  return generatedFlowOf({ nodes: graphNodes, edges }, algorithms, grants);
}

/**
 * A generated graph with the catalog that knows it and the Kafka it starts from: every topic it names
 * exists on "local" with 3 partitions, `algorithms` are its published algorithms and `grants` give
 * them what its edges use; Kafka holds those topics and grants and nothing else.
 */
export function generatedFlowOf(graph: FlowGraph, algorithms: Catalog['algorithms'], grants: Grant[]): GeneratedFlow {
  const topics = graph.nodes.flatMap((n) => (n.kind === 'topic' ? [{ name: n.topic, partitions: 3 }] : []));
  const catalog: Catalog = {
    orgs: [demoOrg],
    algorithms,
    connections: [{ id: 'local', name: 'Local Kafka', topics }],
    grants,
    claims: [],
  };
  const actual: Actual = {
    topics: topics.map((t) => ({ connection: 'local', topic: t.name, partitions: t.partitions })),
    acls: [],
    managedAcls: [],
    bindings: [],
    grants,
    connectionsWithoutAuthorizer: [],
  };
  return { graph, catalog, actual };
}

/**
 * Like {@link generateFlow}, with feedback loops as retry and enrichment flows have them: every
 * tenth algorithm also publishes back to a topic it subscribes to, and every tenth (another one)
 * publishes to a topic earlier in the flow, so the flow holds many cycles, short and long.
 */
export function generateCyclicFlow(nodes: number, seed = 1): GeneratedFlow {
  const { graph, catalog } = generateFlow(nodes, seed);
  const random = seededRandom(seed + 1);
  const edges = [...graph.edges];
  const grants = [...catalog.grants];
  const topicOf = new Map(graph.nodes.flatMap((n) => (n.kind === 'topic' ? [[n.id, n.topic] as const] : [])));
  const algorithmOf = new Map(graph.nodes.flatMap((n) => (n.kind === 'algorithm' ? [[n.id, n.algorithm] as const] : [])));
  const publishes = new Set(edges.filter((e) => e.kind === 'publish').map((e) => `${e.source}>${e.target}`));
  let edgeId = edges.length;
  const feedback = (algorithmId: string, topicId: string) => {
    if (publishes.has(`${algorithmId}>${topicId}`)) return;
    publishes.add(`${algorithmId}>${topicId}`);
    edges.push({ id: `e${edgeId++}`, kind: 'publish', source: algorithmId, target: topicId });
    grants.push({ connection: 'local', topic: topicOf.get(topicId) as string, algorithm: algorithmOf.get(algorithmId) as string, access: 'publish' });
  };
  // generateFlow lists the ordered topics first: a topic's place in the nodes is its place in the flow.
  const place = new Map(graph.nodes.map((n, i) => [n.id, i]));
  graph.edges.forEach((edge, i) => {
    if (edge.kind !== 'subscribe') return;
    const input = place.get(edge.source) as number;
    if (i % 20 === 0) feedback(edge.target, edge.source);
    else if (i % 20 === 10 && input > 0) feedback(edge.target, (graph.nodes[Math.floor(random() * input)] as FlowNode).id);
  });
  return generatedFlowOf({ nodes: graph.nodes, edges }, catalog.algorithms, grants);
}
