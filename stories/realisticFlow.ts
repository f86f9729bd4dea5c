import { generateFlow, type Catalog, type FlowGraph, type GeneratedFlow } from '@event-flows/model';

/** Words a platform team's topics and algorithms are named from; a story's large flow reads like theirs. */
const domains = ['payments', 'orders', 'fraud', 'logistics', 'customer-profile', 'inventory', 'pricing', 'notifications'];
const entities = ['card-authorisation', 'refund-request', 'shipment', 'basket', 'risk-assessment', 'warehouse-stock', 'price-quote', 'email-delivery', 'loyalty-points', 'chargeback'];
const events = ['received', 'validated', 'enriched', 'scored', 'rejected', 'settled'];
const verbs = ['score', 'enrich', 'classify', 'deduplicate', 'route', 'summarise', 'translate', 'detect-anomalies-in', 'forecast'];

/** The clusters the large flow spreads over: a platform has more than one. */
export const storyConnections = [
  { id: 'eu-prod', name: 'EU production (eu-west-1, 12 brokers)' },
  { id: 'us-prod', name: 'US production (us-east-2)' },
  { id: 'analytics', name: 'Analytics sandbox' },
] as const;

/** The `i`-th realistic name made of the lists' words, unique for every `i`. */
function topicName(i: number): string {
  const domain = domains[i % domains.length];
  const entity = entities[Math.floor(i / domains.length) % entities.length];
  const event = events[Math.floor(i / (domains.length * entities.length)) % events.length];
  const round = Math.floor(i / (domains.length * entities.length * events.length));
  return `${domain}.${entity}.${event}${round > 0 ? `.v${round + 1}` : ''}`;
}

function algorithmName(i: number): string {
  const verb = verbs[i % verbs.length];
  const entity = entities[Math.floor(i / verbs.length) % entities.length];
  const round = Math.floor(i / (verbs.length * entities.length));
  return `${verb}-${entity}${round > 0 ? `-${round + 1}` : ''}`;
}

/**
 * A large flow of about `nodes` nodes as a platform team would have it: {@link generateFlow}'s shape,
 * with topics named `payments.card-authorisation.received`, algorithms `acme/score-chargeback`, dead
 * letters `orders.dead-letters.3`, spread over three clusters — not `stream.12` and `acme/algo-7`.
 */
export function realisticFlow(nodes: number): GeneratedFlow {
  const generated = generateFlow(nodes);
  const topics = new Map<string, { name: string; connection: string }>();
  const algorithms = new Map<string, string>();
  let topicIndex = 0;
  let algorithmIndex = 0;
  const renameTopic = (old: string) => {
    let renamed = topics.get(old);
    if (!renamed) {
      const i = topicIndex++;
      const dead = /^dead\.(\d+)$/.exec(old);
      const name = dead ? `${domains[Number(dead[1]) % domains.length]}.dead-letters.${dead[1]}` : topicName(i);
      renamed = { name, connection: storyConnections[i % storyConnections.length]?.id ?? 'eu-prod' };
      topics.set(old, renamed);
    }
    return renamed;
  };
  const renameAlgorithm = (ref: string) => {
    let renamed = algorithms.get(ref);
    if (!renamed) {
      renamed = `acme/${algorithmName(algorithmIndex++)}`;
      algorithms.set(ref, renamed);
    }
    return renamed;
  };
  const graph: FlowGraph = {
    ...generated.graph,
    nodes: generated.graph.nodes.map((n) => {
      if (n.kind === 'topic') {
        const { name, connection } = renameTopic(n.topic);
        return { ...n, topic: name, connection };
      }
      if (n.kind === 'algorithm') return { ...n, algorithm: renameAlgorithm(n.algorithm) };
      return n;
    }),
  };
  const renamedTopics = [...topics.values()];
  const catalog: Catalog = {
    ...generated.catalog,
    algorithms: generated.catalog.algorithms.map((a) => {
      const ref = renameAlgorithm(a.ref);
      return { ...a, ref, name: ref.slice('acme/'.length) };
    }),
    connections: storyConnections.map((c) => ({
      ...c,
      topics: renamedTopics.filter((t) => t.connection === c.id).map((t) => ({ name: t.name, partitions: 12 })),
    })),
    grants: generated.catalog.grants.map((g) => {
      const topic = renameTopic(g.topic);
      return { ...g, topic: topic.name, connection: topic.connection, algorithm: renameAlgorithm(g.algorithm) };
    }),
  };
  const actual = {
    ...generated.actual,
    topics: renamedTopics.map((t) => ({ connection: t.connection, topic: t.name, partitions: 12 })),
    grants: catalog.grants,
  };
  return { graph, catalog, actual };
}
