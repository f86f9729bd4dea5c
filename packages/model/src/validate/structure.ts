import type { Diagnostic } from '../diagnostics.ts';
import type { AlgorithmNode, FlowEdge, FlowGraph, TopicNode } from '../graph.ts';
import { NameMap } from '../nameMap.ts';
import { KeyNumbers } from '../numbers.ts';
import { edgeFitsEnds, indexGraph, nodeById, subscriptionDlq, topicKey, type DlqTarget, type GraphIndex } from '../graphIndex.ts';
import { findCycles } from './cycles.ts';

function error(code: Diagnostic['code'], message: string, nodeIds: string[], edgeIds: string[]): Diagnostic {
  return { code, severity: 'error', message, nodeIds, edgeIds };
}

function warning(code: Diagnostic['code'], message: string, nodeIds: string[], edgeIds: string[]): Diagnostic {
  return { code, severity: 'warning', message, nodeIds, edgeIds };
}

function article(kind: 'topic' | 'algorithm'): string {
  return kind === 'topic' ? 'a topic' : 'an algorithm';
}

function label(node: TopicNode): string {
  return `"${node.topic}"`;
}

/**
 * The rules that need nothing but the graph: ids, edge ends, duplicates, DLQ shape and cycles.
 * These are also the rules that refuse a connection while it is dragged ({@link canConnect}).
 */
export function checkStructure(graph: FlowGraph, index: GraphIndex = indexGraph(graph)): Diagnostic[] {
  const out: Diagnostic[] = [];
  checkIds(graph, index, out);
  checkEdgeEnds(index, out);
  checkDuplicates(index, out);
  checkDlqs(index, out);
  for (const cycle of findCycles(index)) {
    out.push(
      error(
        'cycle',
        'These algorithms feed each other through their topics, so every message would loop forever. Remove one publish or subscribe edge.',
        cycle.nodeIds,
        cycle.edgeIds,
      ),
    );
  }
  checkDangling(index, out);
  return out;
}

function checkIds(graph: FlowGraph, index: GraphIndex, out: Diagnostic[]): void {
  for (const node of index.repeatedIdNodes) out.push(error('duplicate-node-id', `Two nodes share the id "${node.id}".`, [node.id], []));
  const seenEdges = new NameMap(graph.edges.length);
  for (const edge of graph.edges) {
    if (!seenEdges.setIfAbsent(edge.id, 0)) out.push(error('duplicate-edge-id', `Two edges share the id "${edge.id}".`, [], [edge.id]));
  }
}

function checkEdgeEnds(index: GraphIndex, out: Diagnostic[]): void {
  // A well-formed edge without a DLQ of its own has nothing to report.
  for (const edge of index.edgesToCheck) {
    const source = nodeById(index, edge.source);
    const target = nodeById(index, edge.target);
    if (!source || !target) {
      const missing = !source ? edge.source : edge.target;
      out.push(error('edge-unknown-node', `This edge points at "${missing}", which is not on the canvas.`, [], [edge.id]));
      continue;
    }
    if (source.kind === 'topic' && target.kind === 'topic') {
      out.push(
        error('edge-between-topics', 'An edge cannot join two topics: only an algorithm moves messages from one topic to another.', [source.id, target.id], [edge.id]),
      );
    } else if (source.kind === 'algorithm' && target.kind === 'algorithm') {
      out.push(
        error('edge-between-algorithms', 'An edge cannot join two algorithms directly: connect them through a topic.', [source.id, target.id], [edge.id]),
      );
    } else if (!edgeFitsEnds(edge, source, target)) {
      const expected = source.kind === 'topic' ? 'subscribe' : 'publish or dlq';
      out.push(
        error('edge-kind-mismatch', `An edge from ${article(source.kind)} to ${article(target.kind)} is a ${expected} edge, not ${edge.kind}.`, [source.id, target.id], [edge.id]),
      );
    }
    if (edge.dlq !== undefined) {
      const dlq = nodeById(index, edge.dlq);
      if (edge.kind !== 'subscribe' || dlq?.kind !== 'topic') {
        out.push(
          error(
            'subscription-dlq-invalid',
            edge.kind !== 'subscribe'
              ? 'Only a subscription can name its own DLQ topic.'
              : `The DLQ "${edge.dlq}" named by this subscription is not a topic on the canvas.`,
            [],
            [edge.id],
          ),
        );
      }
    }
  }
}

/**
 * Groups items by key and returns only the groups with more than one item, in the order their second
 * item came; pass the maps of an earlier call to go on grouping with more items. Singletons cost one map
 * entry and no array, because almost every item of a large graph is unique.
 */
function repeated<T, K>(items: readonly T[], key: (item: T, position: number) => K, groups = new Map<K, T[]>(), first = new Map<K, T>()): Map<K, T[]> {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const k = key(item, i);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, item);
    else {
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [seen, item]);
    }
  }
  return groups;
}

function checkDuplicates(index: GraphIndex, out: Diagnostic[]): void {
  // Repeats exist only when there are fewer distinct references (topic identities) than nodes.
  const algorithmCopies = index.refNos.size < index.algorithms.length ? repeated(index.algorithms, (n) => n.algorithm) : new Map<string, AlgorithmNode[]>();
  for (const nodes of algorithmCopies.values()) {
    const ids = nodes.map((n) => n.id);
    const ref = (nodes[0] as AlgorithmNode).algorithm;
    out.push(
      error('duplicate-algorithm-node', `${ref} is on the canvas ${ids.length} times; an algorithm takes part in a flow once, with one version.`, ids, []),
    );
  }

  const topicCopies = index.topicNodes.length < index.topics.length ? repeated(index.topics, (_node, i) => index.topicIdsOfTopics[i] as number) : new Map<number, TopicNode[]>();
  for (const nodes of topicCopies.values()) {
    const first = nodes[0] as TopicNode;
    const ids = nodes.map((n) => n.id);
    out.push(warning('duplicate-topic-node', `Topic ${label(first)} is on the canvas ${nodes.length} times; they are one topic in Kafka.`, ids, []));
    const settings = new Set(nodes.filter((n) => n.create).map((n) => JSON.stringify(n.create)));
    if (settings.size > 1) {
      out.push(error('topic-settings-conflict', `The copies of topic ${label(first)} ask for different creation settings.`, ids, []));
    }
  }

  const groups = new Map<number, FlowEdge[]>();
  const first = new Map<number, FlowEdge>();
  const fullKeys = index.plainNames ? undefined : new KeyNumbers();
  const kinds = ['subscribe', 'publish', 'dlq'] as const;
  if (fullKeys || mayRepeatMeaning(index)) {
    for (const kind of kinds) repeated(index[kind], edgeMeaning(index, kind, fullKeys), groups, first);
  }
  for (const edges of groups.values()) {
    const edge = edges[0] as FlowEdge;
    out.push(
      error(
        'duplicate-edge',
        `This ${edge.kind} edge is drawn ${edges.length} times between the same algorithm and topic.`,
        [edge.source, edge.target],
        edges.map((e) => e.id),
      ),
    );
  }
}

/**
 * Tells whether two well-formed edges may mean the same (plain names only): sorting the meanings as
 * numbers finds out without a map entry per edge, and almost no large graph has a repeat.
 */
function mayRepeatMeaning(index: GraphIndex): boolean {
  const meanings = new Float64Array(index.subscribe.length + index.publish.length + index.dlq.length);
  let at = 0;
  for (const kind of ['subscribe', 'publish', 'dlq'] as const) {
    const meaning = edgeMeaning(index, kind, undefined);
    index[kind].forEach((edge, i) => (meanings[at++] = meaning(edge, i)));
  }
  meanings.sort();
  for (let i = 1; i < meanings.length; i++) if (meanings[i] === meanings[i - 1]) return true;
  return false;
}

/**
 * What the well-formed edges of a kind mean, (kind, algorithm, topic), as numbers: equal for equal
 * meanings. Without plain names, `full` numbers the full string keys (shared by all kinds).
 */
function edgeMeaning(index: GraphIndex, kind: FlowEdge['kind'], full: KeyNumbers | undefined): (edge: FlowEdge, position: number) => number {
  if (full) {
    return (edge) => {
      const topic = nodeById(index, edge.kind === 'subscribe' ? edge.source : edge.target) as TopicNode;
      const algorithmId = edge.kind === 'subscribe' ? edge.target : edge.source;
      return full.of(`${edge.kind}\u0000${algorithmId}\u0000${topicKey(topic.connection, topic.topic)}`);
    };
  }
  const topicCount = index.topicNodes.length;
  const kindNo = { subscribe: 0, publish: 1, dlq: 2 }[kind];
  const ends = index.ends[kind];
  return (_edge, i) => ((ends.algorithmNos[i] as number) * topicCount + (ends.topicIds[i] as number)) * 3 + kindNo;
}

/**
 * (algorithm, topic) as a number, from an edge end's numbers and nodes: equal exactly when
 * `${algorithm id}\0${topicKey}` is.
 */
function inputKeys(index: GraphIndex): (algorithmNo: number, topic: TopicNode, topicId: number) => number {
  if (!index.plainNames) {
    const full = new KeyNumbers();
    return (algorithmNo, topic) => full.of(`${(index.algorithms[algorithmNo] as AlgorithmNode).id}\u0000${topicKey(topic.connection, topic.topic)}`);
  }
  const topicCount = index.topicNodes.length;
  return (algorithmNo, _topic, topicId) => algorithmNo * topicCount + topicId;
}

function checkDlqs(index: GraphIndex, out: Diagnostic[]): void {
  for (const edge of index.dlq) {
    if (edge.version !== undefined) {
      out.push(error('dlq-edge-version', 'A DLQ edge has no version of its own: its subscriptions run theirs. Set the version on a subscription instead.', [], [edge.id]));
    }
  }
  for (const edges of repeated(index.dlq, (e) => e.source).values()) {
    const algorithmId = (edges[0] as FlowEdge).source;
    out.push(
      error('multiple-dlq-edges', 'An algorithm has one DLQ; give a subscription its own DLQ in the inspector instead.', [algorithmId], edges.map((e) => e.id)),
    );
  }

  // Keyed by algorithm id and topic identity: which subscribe edge makes a topic an algorithm's input,
  // for the (algorithm, topic) pairs that some DLQ names (the last such edge, as Map.set keeps it).
  const inputKey = inputKeys(index);
  const subscribe = index.ends.subscribe;
  // The DLQ topic of each subscription that names its own, by the subscription's position.
  const ownDlqs = new Map<number, DlqTarget>();
  index.subscribe.forEach((edge, i) => {
    const own = edge.dlq === undefined ? undefined : subscriptionDlq(index, edge, subscribe.algorithmNos[i] as number);
    if (own) ownDlqs.set(i, own);
  });
  const dlq = index.ends.dlq;
  const asked = new Set<number>();
  dlq.algorithmNos.forEach((algorithmNo, i) => asked.add(inputKey(algorithmNo, dlq.topics[i] as TopicNode, dlq.topicIds[i] as number)));
  for (const [i, own] of ownDlqs) asked.add(inputKey(subscribe.algorithmNos[i] as number, own.node, own.topicId));
  const inputs = new Map<number, FlowEdge>();
  if (asked.size > 0) {
    index.subscribe.forEach((edge, i) => {
      const key = inputKey(subscribe.algorithmNos[i] as number, subscribe.topics[i] as TopicNode, subscribe.topicIds[i] as number);
      if (asked.has(key)) inputs.set(key, edge);
    });
  }
  for (let i = 0; i < index.dlq.length; i++) {
    const edge = index.dlq[i] as FlowEdge;
    const topic = dlq.topics[i] as TopicNode;
    const input = inputs.get(inputKey(dlq.algorithmNos[i] as number, topic, dlq.topicIds[i] as number));
    if (input) {
      out.push(
        error(
          'dlq-is-input',
          `Topic ${label(topic)} is both this algorithm's DLQ and one of its inputs: a failed message would be retried forever.`,
          [edge.source, topic.id],
          [edge.id, input.id],
        ),
      );
    }
  }
  for (const [i, own] of ownDlqs) {
    const edge = index.subscribe[i] as FlowEdge;
    const input = inputs.get(inputKey(subscribe.algorithmNos[i] as number, own.node, own.topicId));
    if (input) {
      out.push(
        error(
          'dlq-is-input',
          `Topic ${label(own.node)} is both this subscription's DLQ and one of the algorithm's inputs.`,
          [edge.target, own.node.id],
          [...new Set([edge.id, input.id])],
        ),
      );
    }
  }
}

function checkDangling(index: GraphIndex, out: Diagnostic[]): void {
  // 1 for each algorithm (by its place in index.algorithms) that subscribes to something.
  const subscribes = new Uint8Array(index.algorithms.length);
  for (const algorithmNo of index.ends.subscribe.algorithmNos) subscribes[algorithmNo] = 1;
  const publishes = new Map<string, string[]>();
  const publishers = index.ends.publish.algorithmNos;
  for (let i = 0; i < index.publish.length; i++) {
    if (subscribes[publishers[i] as number]) continue;
    const edge = index.publish[i] as FlowEdge;
    const ids = publishes.get(edge.source);
    if (ids) ids.push(edge.id);
    else publishes.set(edge.source, [edge.id]);
  }
  for (const [algorithmId, edgeIds] of publishes) {
    {
      out.push(
        warning(
          'publishes-without-subscribing',
          'This algorithm publishes but subscribes to nothing, so nothing ever invokes it. Connect an input topic.',
          [algorithmId],
          edgeIds,
        ),
      );
    }
  }
  const dlqSources = index.ends.dlq.algorithmNos;
  for (let i = 0; i < index.dlq.length; i++) {
    const edge = index.dlq[i] as FlowEdge;
    if (!subscribes[dlqSources[i] as number]) {
      out.push(
        warning('dlq-without-subscription', 'This DLQ edge has no subscription to catch failures from. Connect an input topic.', [edge.source], [edge.id]),
      );
    }
  }
}
