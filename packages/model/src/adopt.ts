/**
 * Adopt: turn unmanaged things that discovery found on a connection into additions to a flow graph, so
 * that what already runs appears on the canvas. A principal that follows the naming template with READ
 * on a topic and on that subscription's consumer group becomes a subscribe edge of its algorithm; WRITE
 * on a topic becomes a publish edge; topics become topic nodes marked `adopted` (used as they are, never
 * created). Whatever cannot be read this way is left out with the reason. Pure: the caller passes the
 * discovery and the graph, and saves the result.
 */
import { z } from 'zod';
import type { DiscoveredAcl, DiscoveredPrincipal, DiscoveredTopic } from './discover.ts';
import type { AlgorithmNode, FlowEdge, FlowGraph, FlowNode, TopicNode } from './graph.ts';
import { topicKey } from './keys.ts';
import { parseAlgorithmRef } from './nameRules.ts';
import { consumerGroupFor, defaultNaming, principalFor, type NamingOptions } from './naming.ts';
import { AlgorithmRef, Id, Name, TopicName, Version } from './names.ts';

/** Most topics, and most principals, one adoption takes. */
export const adoptLimit = 500;

/**
 * A request to adopt selected items of a connection's discovery: into a new flow of an org, or into an
 * existing flow at the revision the person saw. Each algorithm node added gets the version `versions`
 * names for it (one of the catalog's published versions), else the catalog's newest published one.
 */
export const AdoptRequest = z.strictObject({
  connection: Id,
  topics: z.array(TopicName).max(adoptLimit),
  principals: z.array(z.string().min(1).max(512)).max(adoptLimit),
  versions: z
    .record(AlgorithmRef, Version)
    .refine((chosen) => Object.keys(chosen).length <= adoptLimit, { message: `Choose versions for at most ${adoptLimit} algorithms.` })
    .optional(),
  into: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('new'), orgId: Id, name: Name }),
    z.strictObject({ kind: z.literal('existing'), flowId: Id, baseRevision: z.int().min(1) }),
  ]),
});
export type AdoptRequest = z.infer<typeof AdoptRequest>;

/** What a person selected in the discovery view, and where it is. */
export interface AdoptInput {
  connection: string;
  /** Selected topics, as discovery lists them. */
  topics: readonly DiscoveredTopic[];
  /** Selected principals, as discovery lists them. */
  principals: readonly DiscoveredPrincipal[];
  naming?: NamingOptions;
  /** The version given to every algorithm node added (Kafka does not know it); it wins over `versions`. */
  version?: string;
  /** The version to give each algorithm's node (by `org/name`), e.g. its catalog's newest; otherwise `latest`. */
  versions?: ReadonlyMap<string, string>;
}

/** Something selected that adoption did not take, and why. */
export interface LeftOut {
  kind: 'topic' | 'principal' | 'acl' | 'listener';
  /** The topic or principal name; for an ACL, its principal and resource; for a platform listener, its topic, algorithm and id. */
  name: string;
  reason: string;
}

/** The graph with the additions, what was added, and what was left out. */
export interface Adoption {
  graph: FlowGraph;
  addedNodes: FlowNode[];
  addedEdges: FlowEdge[];
  leftOut: LeftOut[];
}

const leftAloneReason = 'is marked "leave alone"; take the mark back to adopt it';

/** Horizontal and vertical spacing of added nodes, as the pipeline fixtures lay them out. */
const columnGap = 340;
const rowGap = 140;

/**
 * The algorithm reference (`org/name`) whose principal is `principal` under `naming`, or `undefined`
 * when the principal does not follow the template. Read by matching the template, then checked by
 * rendering the principal again from the reference found.
 */
export function algorithmForPrincipal(principal: string, naming: NamingOptions = defaultNaming): string | undefined {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = naming.principal.split(/(\{prefix\}|\{org\}|\{algorithm\})/);
  const pattern = parts
    .map((part) => {
      if (part === '{prefix}') return escape(naming.prefix);
      if (part === '{org}') return '(?<org>[A-Za-z0-9_-]{1,64})';
      if (part === '{algorithm}') return '(?<algorithm>[A-Za-z0-9_-]{1,64})';
      return escape(part);
    })
    .join('');
  const match = new RegExp(`^User:${pattern}$`).exec(principal);
  const org = match?.groups?.org;
  const name = match?.groups?.algorithm;
  if (org === undefined || name === undefined) return undefined;
  const algorithm = `${org}/${name}`;
  if (!parseAlgorithmRef(algorithm) || principalFor(algorithm, naming) !== principal) return undefined;
  return algorithm;
}

function aclName(principal: string, acl: DiscoveredAcl): string {
  return `${principal} ${acl.operation.toUpperCase()} ${acl.resourceType} ${acl.resourceName}`;
}

/**
 * Adds the selected unmanaged items to `graph`: topic nodes (marked `adopted`) for the selected topics
 * and for every topic an adopted ACL names, algorithm nodes for principals that follow the naming
 * template (unless the graph has that algorithm already), and subscribe / publish edges read from their
 * unmanaged ACLs. Nothing already in the graph is added twice. New nodes are placed to the right of the
 * existing ones: topics read from in one column, algorithms in the next, topics written to after them.
 */
export function adoptIntoGraph(graph: FlowGraph, input: AdoptInput): Adoption {
  const naming = input.naming ?? defaultNaming;
  const connection = input.connection;
  const leftOut: LeftOut[] = [];
  const usedIds = new Set<string>([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  const freshId = (base: string) => {
    let n = 1;
    while (usedIds.has(`${base}-${n}`)) n++;
    const id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };

  // The graph's topic nodes on this connection and its algorithm nodes, to reuse rather than duplicate.
  const topicNodes = new Map<string, TopicNode>();
  const algorithmNodes = new Map<string, AlgorithmNode>();
  for (const node of graph.nodes) {
    if (node.kind === 'topic' && !topicNodes.has(topicKey(node.connection, node.topic))) topicNodes.set(topicKey(node.connection, node.topic), node);
    if (node.kind === 'algorithm' && !algorithmNodes.has(node.algorithm)) algorithmNodes.set(node.algorithm, node);
  }
  const right = graph.nodes.length === 0 ? 0 : Math.max(...graph.nodes.map((n) => n.position.x)) + columnGap;
  const top = graph.nodes.length === 0 ? 0 : Math.min(...graph.nodes.map((n) => n.position.y));
  const rows = [0, 0, 0];
  const place = (column: 0 | 1 | 2) => ({ x: right + column * columnGap, y: top + rowGap * rows[column]!++ });

  const addedNodes: FlowNode[] = [];
  const addedEdges: FlowEdge[] = [];
  const topicNode = (topic: string, column: 0 | 2): TopicNode => {
    const key = topicKey(connection, topic);
    let node = topicNodes.get(key);
    if (!node) {
      node = { id: freshId('adopted-topic'), kind: 'topic', position: place(column), connection, topic, adopted: true };
      topicNodes.set(key, node);
      addedNodes.push(node);
    }
    return node;
  };
  const edgeKeys = new Set(graph.edges.map((e) => `${e.kind} ${e.source} ${e.target}`));
  const addEdge = (kind: 'subscribe' | 'publish', source: string, target: string) => {
    if (edgeKeys.has(`${kind} ${source} ${target}`)) return;
    edgeKeys.add(`${kind} ${source} ${target}`);
    addedEdges.push({ id: freshId('adopted-edge'), kind, source, target });
  };

  for (const principal of input.principals) {
    const algorithm = algorithmForPrincipal(principal.name, naming);
    if (principal.status === 'left-alone') {
      leftOut.push({ kind: 'principal', name: principal.name, reason: leftAloneReason });
      continue;
    }
    if (!algorithm) {
      leftOut.push({ kind: 'principal', name: principal.name, reason: `does not follow the naming template User:${naming.principal}` });
      continue;
    }
    const unmanaged = principal.acls.filter((acl) => acl.status === 'unmanaged');
    const groupsRead = new Set(unmanaged.filter((a) => a.resourceType === 'group' && a.operation === 'read' && a.permission === 'allow' && a.patternType === 'literal').map((a) => a.resourceName));
    const reads: string[] = [];
    const writes: string[] = [];
    for (const acl of unmanaged) {
      if (acl.resourceType === 'group' && groupsRead.has(acl.resourceName)) continue;
      const name = aclName(principal.name, acl);
      if (acl.permission !== 'allow') leftOut.push({ kind: 'acl', name, reason: 'a deny ACL is not part of a flow' });
      else if (acl.resourceType !== 'topic') leftOut.push({ kind: 'acl', name, reason: `an ACL on a ${acl.resourceType} is not part of a flow` });
      else if (acl.patternType !== 'literal') leftOut.push({ kind: 'acl', name, reason: 'a prefixed ACL names no single topic' });
      else if (acl.operation === 'write') writes.push(acl.resourceName);
      else if (acl.operation !== 'read') leftOut.push({ kind: 'acl', name, reason: `${acl.operation.toUpperCase()} is neither a subscription nor a publication` });
      else if (!groupsRead.has(consumerGroupFor(algorithm, connection, acl.resourceName, naming))) {
        leftOut.push({ kind: 'acl', name, reason: `no READ on its consumer group ${consumerGroupFor(algorithm, connection, acl.resourceName, naming)}` });
      } else reads.push(acl.resourceName);
    }
    if (reads.length === 0 && writes.length === 0) {
      leftOut.push({ kind: 'principal', name: principal.name, reason: 'no unmanaged READ (with its consumer group) or WRITE on a topic' });
      continue;
    }
    let node = algorithmNodes.get(algorithm);
    if (!node) {
      const version = input.version ?? (input.versions?.get(algorithm) || 'latest');
      node = { id: freshId('adopted-algorithm'), kind: 'algorithm', position: place(1), algorithm, version };
      algorithmNodes.set(algorithm, node);
      addedNodes.push(node);
    }
    for (const topic of reads) addEdge('subscribe', topicNode(topic, 0).id, node.id);
    for (const topic of writes) addEdge('publish', node.id, topicNode(topic, 2).id);
  }

  for (const topic of input.topics) {
    if (topic.status !== 'unmanaged' || topic.partitions === null) {
      const reason = topic.partitions === null ? 'does not exist on the cluster' : topic.status === 'left-alone' ? leftAloneReason : `already ${topic.status}`;
      leftOut.push({ kind: 'topic', name: topic.name, reason });
      continue;
    }
    topicNode(topic.name, 0);
  }

  return { graph: { ...graph, nodes: [...graph.nodes, ...addedNodes], edges: [...graph.edges, ...addedEdges] }, addedNodes, addedEdges, leftOut };
}
