import type { Diagnostic } from '../diagnostics.ts';
import type { AlgorithmNode, FlowEdge, FlowGraph, TopicNode } from '../graph.ts';
import {
  dlqEdgesByAlgorithm,
  dlqNodeFor,
  edgeFitsEnds,
  indexGraph,
  topicKey,
  type GraphIndex,
} from '../graphIndex.ts';
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
  checkIds(graph, out);
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

function checkIds(graph: FlowGraph, out: Diagnostic[]): void {
  const seenNodes = new Set<string>();
  for (const node of graph.nodes) {
    if (seenNodes.has(node.id)) out.push(error('duplicate-node-id', `Two nodes share the id "${node.id}".`, [node.id], []));
    seenNodes.add(node.id);
  }
  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) out.push(error('duplicate-edge-id', `Two edges share the id "${edge.id}".`, [], [edge.id]));
    seenEdges.add(edge.id);
  }
}

function checkEdgeEnds(index: GraphIndex, out: Diagnostic[]): void {
  for (const edge of index.graph.edges) {
    const source = index.nodes.get(edge.source);
    const target = index.nodes.get(edge.target);
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
      const dlq = index.nodes.get(edge.dlq);
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
 * Groups items by key and returns only the groups with more than one item. Singletons cost one map
 * entry and no array, because almost every item of a large graph is unique.
 */
function repeated<T>(items: Iterable<T>, key: (item: T) => string): T[][] {
  const first = new Map<string, T>();
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, item);
    else {
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [seen, item]);
    }
  }
  return [...groups.values()];
}

function checkDuplicates(index: GraphIndex, out: Diagnostic[]): void {
  for (const nodes of repeated(index.algorithms, (n) => n.algorithm)) {
    const ids = nodes.map((n) => n.id);
    const ref = (nodes[0] as AlgorithmNode).algorithm;
    out.push(
      error('duplicate-algorithm-node', `${ref} is on the canvas ${ids.length} times; an algorithm takes part in a flow once, with one version.`, ids, []),
    );
  }

  for (const nodes of repeated(index.topics, (n) => topicKey(n.connection, n.topic))) {
    const first = nodes[0] as TopicNode;
    const ids = nodes.map((n) => n.id);
    out.push(warning('duplicate-topic-node', `Topic ${label(first)} is on the canvas ${nodes.length} times; they are one topic in Kafka.`, ids, []));
    const settings = new Set(nodes.filter((n) => n.create).map((n) => JSON.stringify(n.create)));
    if (settings.size > 1) {
      out.push(error('topic-settings-conflict', `The copies of topic ${label(first)} ask for different creation settings.`, ids, []));
    }
  }

  const meaning = (edge: FlowEdge) => {
    const topic = index.nodes.get(edge.kind === 'subscribe' ? edge.source : edge.target) as TopicNode;
    const algorithmId = edge.kind === 'subscribe' ? edge.target : edge.source;
    return `${edge.kind}\u0000${algorithmId}\u0000${topicKey(topic.connection, topic.topic)}`;
  };
  for (const edges of repeated([...index.subscribe, ...index.publish, ...index.dlq], meaning)) {
    const first = edges[0] as FlowEdge;
    out.push(
      error(
        'duplicate-edge',
        `This ${first.kind} edge is drawn ${edges.length} times between the same algorithm and topic.`,
        [first.source, first.target],
        edges.map((e) => e.id),
      ),
    );
  }
}

function checkDlqs(index: GraphIndex, out: Diagnostic[]): void {
  for (const edges of repeated(index.dlq, (e) => e.source)) {
    const algorithmId = (edges[0] as FlowEdge).source;
    out.push(
      error('multiple-dlq-edges', 'An algorithm has one DLQ; give a subscription its own DLQ in the inspector instead.', [algorithmId], edges.map((e) => e.id)),
    );
  }

  // Keyed by algorithm id and topic identity: which subscribe edge makes a topic an algorithm's input.
  const inputs = new Map<string, FlowEdge>();
  const inputKey = (algorithmId: string, topic: TopicNode) => `${algorithmId}\u0000${topicKey(topic.connection, topic.topic)}`;
  for (const edge of index.subscribe) inputs.set(inputKey(edge.target, index.nodes.get(edge.source) as TopicNode), edge);
  for (const edge of index.dlq) {
    const topic = index.nodes.get(edge.target) as TopicNode;
    const input = inputs.get(inputKey(edge.source, topic));
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
  const dlqEdges = dlqEdgesByAlgorithm(index);
  for (const edge of index.subscribe) {
    if (edge.dlq === undefined) continue;
    const own = dlqNodeFor(index, edge, dlqEdges);
    if (!own) continue;
    const input = inputs.get(inputKey(edge.target, own));
    if (input) {
      out.push(
        error(
          'dlq-is-input',
          `Topic ${label(own)} is both this subscription's DLQ and one of the algorithm's inputs.`,
          [edge.target, own.id],
          [...new Set([edge.id, input.id])],
        ),
      );
    }
  }
}

function checkDangling(index: GraphIndex, out: Diagnostic[]): void {
  const subscribes = new Set(index.subscribe.map((e) => e.target));
  const publishes = new Map<string, string[]>();
  for (const edge of index.publish) {
    if (subscribes.has(edge.source)) continue;
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
  for (const edge of index.dlq) {
    if (!subscribes.has(edge.source)) {
      out.push(
        warning('dlq-without-subscription', 'This DLQ edge has no subscription to catch failures from. Connect an input topic.', [edge.source], [edge.id]),
      );
    }
  }
}
