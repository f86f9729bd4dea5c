import type { Diagnostic } from '../diagnostics.ts';
import type { FlowEdge, FlowGraph, TopicNode } from '../graph.ts';
import { identityKey } from '../keys.ts';
import { edgeFitsEnds, indexGraph, subscriptionDlq, type DlqTarget, type EdgeWithEnds, type GraphIndex } from '../graphIndex.ts';
import { ownDlqProblem, subscriptionWithDlq } from '../ownDlq.ts';
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
  checkPublishesToOwnDlq(index, out);
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
  const seenEdges = new Set<string>();
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) out.push(error('duplicate-edge-id', `Two edges share the id "${edge.id}".`, [], [edge.id]));
    seenEdges.add(edge.id);
  }
}

function checkEdgeEnds(index: GraphIndex, out: Diagnostic[]): void {
  // A well-formed edge without a DLQ of its own has nothing to report.
  for (const edge of index.edgesToCheck) {
    const source = index.nodesById.get(edge.source);
    const target = index.nodesById.get(edge.target);
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
      const dlq = index.nodesById.get(edge.dlq);
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
 * item came; pass the maps of an earlier call to go on grouping with more items.
 */
function repeated<T>(items: readonly T[], key: (item: T) => string, groups = new Map<string, T[]>(), first = new Map<string, T>()): Map<string, T[]> {
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
  return groups;
}

function checkDuplicates(index: GraphIndex, out: Diagnostic[]): void {
  for (const nodes of repeated(index.algorithms, (n) => n.algorithm).values()) {
    const ids = nodes.map((n) => n.id);
    const ref = nodes[0]?.algorithm;
    out.push(
      error('duplicate-algorithm-node', `${ref} is on the canvas ${ids.length} times; an algorithm takes part in a flow once, with one version.`, ids, []),
    );
  }

  for (const nodes of repeated(index.topics, (node) => index.topicKeys.get(node) as string).values()) {
    const first = nodes[0] as TopicNode;
    const ids = nodes.map((n) => n.id);
    out.push(warning('duplicate-topic-node', `Topic ${label(first)} is on the canvas ${nodes.length} times; they are one topic in Kafka.`, ids, []));
    const settings = new Set(nodes.filter((n) => n.create).map((n) => JSON.stringify(n.create)));
    if (settings.size > 1) {
      out.push(error('topic-settings-conflict', `The copies of topic ${label(first)} ask for different creation settings.`, ids, []));
    }
  }

  // Two edges of one kind between the same algorithm and topic mean the same.
  const groups = new Map<string, EdgeWithEnds[]>();
  const first = new Map<string, EdgeWithEnds>();
  for (const kind of ['subscribe', 'publish', 'dlq'] as const) {
    repeated(index[kind], (e) => identityKey(kind, e.algorithm.id, e.topicKey), groups, first);
  }
  for (const edges of groups.values()) {
    const edge = (edges[0] as EdgeWithEnds).edge;
    out.push(
      error(
        'duplicate-edge',
        `This ${edge.kind} edge is drawn ${edges.length} times between the same algorithm and topic.`,
        [edge.source, edge.target],
        edges.map((e) => e.edge.id),
      ),
    );
  }
}

/** The identity of an algorithm's input: (algorithm node, topic). */
function inputKey(algorithmId: string, topicKey: string): string {
  return identityKey(algorithmId, topicKey);
}

function checkDlqs(index: GraphIndex, out: Diagnostic[]): void {
  for (const { edge } of index.dlq) {
    if (edge.version !== undefined) {
      out.push(error('dlq-edge-version', 'A DLQ edge has no version of its own: its subscriptions run theirs. Set the version on a subscription instead.', [], [edge.id]));
    }
  }
  for (const edges of repeated(index.dlq, (e) => e.edge.source).values()) {
    const algorithmId = (edges[0] as EdgeWithEnds).edge.source;
    out.push(
      error('multiple-dlq-edges', 'An algorithm has one DLQ; give a subscription its own DLQ in the inspector instead.', [algorithmId], edges.map((e) => e.edge.id)),
    );
  }

  // The subscriptions that name a DLQ of their own, with it.
  const ownDlqs: Array<{ subscription: EdgeWithEnds; own: DlqTarget }> = [];
  for (const subscription of index.subscribe) {
    const own = subscription.edge.dlq === undefined ? undefined : subscriptionDlq(index, subscription);
    if (own) ownDlqs.push({ subscription, own });
  }
  // Which subscribe edge makes a topic an algorithm's input (the last one), for the (algorithm, topic)
  // pairs that some DLQ names.
  const asked = new Set<string>();
  for (const { algorithm, topicKey } of index.dlq) asked.add(inputKey(algorithm.id, topicKey));
  for (const { subscription, own } of ownDlqs) asked.add(inputKey(subscription.algorithm.id, own.topicKey));
  const inputs = new Map<string, FlowEdge>();
  for (const { edge, algorithm, topicKey } of index.subscribe) {
    const key = inputKey(algorithm.id, topicKey);
    if (asked.has(key)) inputs.set(key, edge);
  }
  for (const { edge, algorithm, topic, topicKey } of index.dlq) {
    const input = inputs.get(inputKey(algorithm.id, topicKey));
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
  for (const { subscription, own } of ownDlqs) {
    const edge = subscription.edge;
    const input = inputs.get(inputKey(subscription.algorithm.id, own.topicKey));
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
  const subscribers = new Set(index.subscribe.map((s) => s.algorithm.id));
  // The publish edges of each algorithm that subscribes to nothing.
  const publishes = new Map<string, string[]>();
  for (const { edge, algorithm } of index.publish) {
    if (subscribers.has(algorithm.id)) continue;
    const ids = publishes.get(edge.source);
    if (ids) ids.push(edge.id);
    else publishes.set(edge.source, [edge.id]);
  }
  for (const [algorithmId, edgeIds] of publishes) {
    out.push(
      warning(
        'publishes-without-subscribing',
        'This algorithm publishes but subscribes to nothing, so nothing ever invokes it. Connect an input topic.',
        [algorithmId],
        edgeIds,
      ),
    );
  }
  for (const { edge, algorithm } of index.dlq) {
    if (!subscribers.has(algorithm.id)) {
      out.push(
        warning('dlq-without-subscription', 'This DLQ edge has no subscription to catch failures from. Connect an input topic.', [edge.source], [edge.id]),
      );
    }
  }
}

/** A publication to the DLQ of one of its algorithm's own subscriptions (see `subscriptionWithDlq`). */
function checkPublishesToOwnDlq(index: GraphIndex, out: Diagnostic[]): void {
  // Each algorithm's subscriptions with their DLQ, in the shape the rule reads.
  const subscriptions = new Map<string, Array<{ direction: 'subscribe'; dlq: { connection: string; topic: string }; of: EdgeWithEnds }>>();
  for (const subscription of index.subscribe) {
    const dlq = subscriptionDlq(index, subscription);
    if (!dlq) continue;
    const entry = { direction: 'subscribe' as const, dlq: { connection: dlq.node.connection, topic: dlq.node.topic }, of: subscription };
    const list = subscriptions.get(subscription.algorithm.id);
    if (list) list.push(entry);
    else subscriptions.set(subscription.algorithm.id, [entry]);
  }
  if (subscriptions.size === 0) return;
  for (const { edge, algorithm, topic } of index.publish) {
    const found = subscriptionWithDlq(subscriptions.get(algorithm.id) ?? [], topic);
    if (!found) continue;
    out.push(error('publishes-to-own-dlq', ownDlqProblem(algorithm.algorithm, topic.topic, found.of.topic.topic), [algorithm.id, topic.id], [edge.id, found.of.edge.id]));
  }
}
