/**
 * The platform's event listeners (issue 21): a listener on the Algorithmia platform invokes one
 * algorithm at one version for each message of one Kafka topic. Adopting listeners turns them into
 * additions to a flow graph — the topic (marked adopted) on the studio connection whose bootstrap
 * servers the listener names, the algorithm at its version with the listener's time-out, and the
 * subscribe edge between them — and remembers which listener each binding came from, so that
 * disabling the binding in the studio can remove the listener on the platform. Pure.
 */
import { z } from 'zod';
import { adoptLimit, type LeftOut } from './adopt.ts';
import { bindingDefaults } from './compile.ts';
import { sameServers } from './connectionSettings.ts';
import { ListenerRef, type ListenerOrigin } from './desired.ts';
import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';
import { bindingKey, topicKey } from './keys.ts';
import { limits } from './limits.ts';
import { isAlgorithmRef, isLegalTopicName } from './nameRules.ts';
import { Id, Name } from './names.ts';

/** A listener of the platform, as the studio reads it (the platform's own fields, named plainly). */
export interface PlatformListener {
  /** The platform's id of the listener. */
  id: string;
  /** The platform user whose listener it is (`/v1/users/{userId}/event-listeners`). */
  userId: string;
  /** The platform's `sourceType`: only `Kafka` listeners can be adopted. */
  sourceType: string;
  /** `algoOwner/algoName`. */
  algorithm: string;
  /** `algoVersion`. */
  version: string;
  /** The topic the listener reads (from its `credentials`). */
  topic: string;
  /** The Kafka bootstrap servers the listener connects to (from its `credentials`). */
  bootstrap: string[];
  /** `algoTimeoutSeconds`; absent: the platform's default. */
  timeoutSeconds?: number;
}


/** A request to adopt listeners of the platform into a new flow of an org, or into an existing flow at the revision the person saw. */
export const AdoptListenersRequest = z.strictObject({
  orgId: Id,
  listeners: z.array(ListenerRef).min(1).max(adoptLimit),
  into: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('new'), name: Name }),
    z.strictObject({ kind: z.literal('existing'), flowId: Id, baseRevision: z.int().min(1) }),
  ]),
});
export type AdoptListenersRequest = z.infer<typeof AdoptListenersRequest>;


/** A studio connection as listeners are matched to it. */
export interface ListenerConnection {
  id: string;
  name: string;
  bootstrap: readonly string[];
}

/** The graph with the listeners' additions, what was added, what was left out and why, and the bindings' origins. */
export interface ListenerAdoption {
  graph: FlowGraph;
  addedNodes: FlowNode[];
  addedEdges: FlowEdge[];
  leftOut: LeftOut[];
  /** One per listener taken, flow id left to the caller (the flow may not exist yet). */
  origins: Array<Omit<ListenerOrigin, 'flowId'>>;
}

/** How a listener is named to people: its topic, algorithm and id. */
export function listenerName(listener: Pick<PlatformListener, 'id' | 'topic' | 'algorithm'>): string {
  return `${listener.topic || '(no topic)'} → ${listener.algorithm} (listener ${listener.id})`;
}

/**
 * The studio connection a listener's bootstrap servers name: the one with the same set of servers,
 * else the only one sharing a server with it; otherwise why none is (no connection shares a server,
 * or several do).
 */
export function connectionForListener(bootstrap: readonly string[], connections: readonly ListenerConnection[]): { connection: ListenerConnection } | { reason: string } {
  if (bootstrap.length === 0) return { reason: 'it names no bootstrap servers' };
  const same = connections.find((c) => sameServers(c.bootstrap, bootstrap));
  if (same) return { connection: same };
  const servers = new Set(bootstrap.map((s) => s.toLowerCase()));
  const sharing = connections.filter((c) => c.bootstrap.some((s) => servers.has(s.toLowerCase())));
  if (sharing.length === 1) return { connection: sharing[0]! };
  if (sharing.length > 1) return { reason: `its bootstrap servers are shared by several connections (${sharing.map((c) => c.name).join(', ')}); a cluster admin should keep one` };
  return { reason: `no studio connection has its bootstrap servers ${bootstrap.join(', ')}; a cluster admin can add one` };
}

const columnGap = 340;
const rowGap = 140;

/**
 * Adds `listeners` to `graph`: per listener a topic node on the matching connection (reused when the
 * graph has it, else added and marked `adopted`), an algorithm node (reused when the graph has one of
 * that algorithm with the same time-out, else added at the listener's version with its time-out) and a
 * subscribe edge carrying the listener's version where it differs from the node's. A listener that is
 * not Kafka, names no known connection, or names an algorithm, topic or time-out the studio cannot
 * hold is left out with the reason. Added nodes go to the right of the existing ones: topics in one
 * column, algorithms in the next.
 */
export function listenersIntoGraph(graph: FlowGraph, listeners: readonly PlatformListener[], connections: readonly ListenerConnection[]): ListenerAdoption {
  const leftOut: LeftOut[] = [];
  const origins: ListenerAdoption['origins'] = [];
  const usedIds = new Set<string>([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  const freshId = (base: string) => {
    let n = 1;
    while (usedIds.has(`${base}-${n}`)) n++;
    usedIds.add(`${base}-${n}`);
    return `${base}-${n}`;
  };
  const topicNodes = new Map<string, TopicNode>();
  const algorithmNodes = new Map<string, AlgorithmNode>();
  const algorithmKey = (algorithm: string, timeoutMs: number) => `${algorithm} ${timeoutMs}`;
  for (const node of graph.nodes) {
    if (node.kind === 'topic' && !topicNodes.has(topicKey(node.connection, node.topic))) topicNodes.set(topicKey(node.connection, node.topic), node);
    const key = node.kind === 'algorithm' ? algorithmKey(node.algorithm, node.timeoutMs ?? bindingDefaults.timeoutMs) : undefined;
    if (node.kind === 'algorithm' && key && !algorithmNodes.has(key)) algorithmNodes.set(key, node);
  }
  const right = graph.nodes.length === 0 ? 0 : Math.max(...graph.nodes.map((n) => n.position.x)) + columnGap;
  const top = graph.nodes.length === 0 ? 0 : Math.min(...graph.nodes.map((n) => n.position.y));
  const rows = [0, 0];
  const place = (column: 0 | 1) => ({ x: right + column * columnGap, y: top + rowGap * rows[column]!++ });
  const addedNodes: FlowNode[] = [];
  const addedEdges: FlowEdge[] = [];
  const edgesByEnds = new Map(graph.edges.map((e) => [`${e.kind} ${e.source} ${e.target}`, e]));
  const bindingsTaken = new Set<string>();

  for (const listener of listeners) {
    const name = listenerName(listener);
    const leave = (reason: string) => leftOut.push({ kind: 'listener', name, reason });
    if (listener.sourceType !== 'Kafka') {
      leave(`it listens to ${listener.sourceType}, not Kafka`);
      continue;
    }
    if (!isAlgorithmRef(listener.algorithm)) {
      leave(`"${listener.algorithm}" is not an algorithm the studio can name`);
      continue;
    }
    if (!isLegalTopicName(listener.topic)) {
      leave(`"${listener.topic}" is not a legal Kafka topic name`);
      continue;
    }
    if (listener.version.length === 0 || listener.version.length > 64) {
      leave('its algorithm version is empty or longer than 64 characters');
      continue;
    }
    const timeoutMs = listener.timeoutSeconds === undefined ? bindingDefaults.timeoutMs : listener.timeoutSeconds * 1000;
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > limits.timeoutMs) {
      leave(`its time-out of ${listener.timeoutSeconds} s is outside 1 s to ${limits.timeoutMs / 1000} s`);
      continue;
    }
    const matched = connectionForListener(listener.bootstrap, connections);
    if ('reason' in matched) {
      leave(matched.reason);
      continue;
    }
    const connection = matched.connection.id;
    const binding = bindingKey({ algorithm: listener.algorithm, connection, topic: listener.topic, direction: 'subscribe' });
    if (bindingsTaken.has(binding)) {
      leave(`another selected listener already subscribes ${listener.algorithm} to "${listener.topic}"`);
      continue;
    }
    bindingsTaken.add(binding);

    let topic = topicNodes.get(topicKey(connection, listener.topic));
    if (!topic) {
      topic = { id: freshId('listener-topic'), kind: 'topic', position: place(0), connection, topic: listener.topic, adopted: true };
      topicNodes.set(topicKey(connection, listener.topic), topic);
      addedNodes.push(topic);
    }
    const key = algorithmKey(listener.algorithm, timeoutMs);
    let algorithm = algorithmNodes.get(key);
    if (!algorithm) {
      algorithm = {
        id: freshId('listener-algorithm'),
        kind: 'algorithm',
        position: place(1),
        algorithm: listener.algorithm,
        version: listener.version,
        ...(timeoutMs === bindingDefaults.timeoutMs ? {} : { timeoutMs }),
      };
      algorithmNodes.set(key, algorithm);
      addedNodes.push(algorithm);
    }
    const ends = `subscribe ${topic.id} ${algorithm.id}`;
    if (!edgesByEnds.has(ends)) {
      const edge: FlowEdge = {
        id: freshId('listener-edge'),
        kind: 'subscribe',
        source: topic.id,
        target: algorithm.id,
        ...(listener.version === algorithm.version ? {} : { version: listener.version }),
      };
      edgesByEnds.set(ends, edge);
      addedEdges.push(edge);
    }
    origins.push({ algorithm: listener.algorithm, connection, topic: listener.topic, listener: { userId: listener.userId, id: listener.id } });
  }
  return { graph: { ...graph, nodes: [...graph.nodes, ...addedNodes], edges: [...graph.edges, ...addedEdges] }, addedNodes, addedEdges, leftOut, origins };
}
