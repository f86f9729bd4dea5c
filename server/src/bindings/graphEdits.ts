import { randomUUID } from 'node:crypto';
import type { AlgorithmNode, FlowEdge, FlowGraph, TopicNode, TopicRef } from '@event-flows/model';

/**
 * Small, pure edits of a flow graph that the Events tab makes on a member's behalf, so that enabling,
 * editing and disabling a binding there is the same document change as drawing it on the canvas.
 */

const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** The algorithm's node, added (with `version`) when the graph has none. */
export function ensureAlgorithm(graph: FlowGraph, algorithm: string, version: string): { graph: FlowGraph; node: AlgorithmNode } {
  const existing = graph.nodes.find((n): n is AlgorithmNode => n.kind === 'algorithm' && n.algorithm === algorithm);
  if (existing) return { graph, node: existing };
  const node: AlgorithmNode = { id: newId('a'), kind: 'algorithm', position: { x: 400, y: 100 }, algorithm, version };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, node };
}

/** A node for the topic, added when the graph has none, placed in the column of its role. */
export function ensureTopic(graph: FlowGraph, ref: TopicRef, column: 'input' | 'output'): { graph: FlowGraph; node: TopicNode } {
  const existing = graph.nodes.find((n): n is TopicNode => n.kind === 'topic' && n.connection === ref.connection && n.topic === ref.topic);
  if (existing) return { graph, node: existing };
  const row = graph.nodes.filter((n) => n.kind === 'topic').length;
  const node: TopicNode = { id: newId('t'), kind: 'topic', position: { x: column === 'input' ? 100 : 700, y: 100 + 120 * row }, connection: ref.connection, topic: ref.topic };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, node };
}

/**
 * Gives the subscribe or publish edges `edgeIds` their own version: the version of those bindings alone,
 * whatever their algorithm node's (and so its other bindings') version is.
 */
export function setEdgeVersion(graph: FlowGraph, edgeIds: readonly string[], version: string): FlowGraph {
  return { ...graph, edges: graph.edges.map((e) => (edgeIds.includes(e.id) && e.kind !== 'dlq' ? { ...e, version } : e)) };
}

/** Adds an edge unless an identical one (same kind and ends) is there. */
export function addEdge(graph: FlowGraph, edge: Omit<FlowEdge, 'id'>): { graph: FlowGraph; edge: FlowEdge } {
  const existing = graph.edges.find((e) => e.kind === edge.kind && e.source === edge.source && e.target === edge.target);
  if (existing) return { graph, edge: existing };
  const added: FlowEdge = { id: newId('e'), ...edge };
  return { graph: { ...graph, edges: [...graph.edges, added] }, edge: added };
}

/** The edges between the algorithm node and any node of the topic, of the given kind. */
export function edgesFor(graph: FlowGraph, algorithmNodeId: string, ref: TopicRef, kind: 'subscribe' | 'publish'): FlowEdge[] {
  const topicIds = new Set(graph.nodes.filter((n) => n.kind === 'topic' && n.connection === ref.connection && n.topic === ref.topic).map((n) => n.id));
  return graph.edges.filter((e) =>
    kind === 'subscribe' ? e.kind === 'subscribe' && e.target === algorithmNodeId && topicIds.has(e.source) : e.kind === 'publish' && e.source === algorithmNodeId && topicIds.has(e.target),
  );
}

/** Replaces edges by id with their updated copies. */
export function updateEdges(graph: FlowGraph, updated: readonly FlowEdge[]): FlowGraph {
  const byId = new Map(updated.map((e) => [e.id, e]));
  return { ...graph, edges: graph.edges.map((e) => byId.get(e.id) ?? e) };
}

/** Removes edges by id, and then every topic node no edge touches or names as a DLQ when `prune` is set. */
export function removeEdges(graph: FlowGraph, ids: ReadonlySet<string>, prune: boolean): FlowGraph {
  const edges = graph.edges.filter((e) => !ids.has(e.id));
  if (!prune) return { ...graph, edges };
  const used = new Set(edges.flatMap((e) => [e.source, e.target, ...(e.dlq ? [e.dlq] : [])]));
  return { ...graph, edges, nodes: graph.nodes.filter((n) => used.has(n.id)) };
}

/**
 * Removes the algorithm's DLQ edges (the DLQ of all its subscriptions), so that the subscriptions in
 * `without` have none; every other subscription of the algorithm that relied on those edges keeps that
 * DLQ, now named on its own edge.
 */
export function removeAlgorithmDlq(graph: FlowGraph, algorithmNodeId: string, without: readonly string[]): FlowGraph {
  const dlqEdges = graph.edges.filter((e) => e.kind === 'dlq' && e.source === algorithmNodeId);
  const shared = dlqEdges[0]?.target;
  if (shared === undefined) return graph;
  const removed = new Set(dlqEdges.map((e) => e.id));
  const keepsDlq = (e: FlowEdge) => e.kind === 'subscribe' && e.target === algorithmNodeId && e.dlq === undefined && !without.includes(e.id);
  return { ...graph, edges: graph.edges.filter((e) => !removed.has(e.id)).map((e) => (keepsDlq(e) ? { ...e, dlq: shared } : e)) };
}
