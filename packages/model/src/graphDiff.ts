import { bindingDefaults } from './compile.ts';
import type { FlowEdge, FlowGraph, FlowNode, RetryPolicy } from './graph.ts';
import { resolveRetryPolicy, retrySummary } from './retryPolicy.ts';
import { canonicalJson } from './keys.ts';

/** What changed between two revisions of a flow graph, by node and edge id. Positions do not count. */
export interface GraphDiff {
  addedNodes: FlowNode[];
  removedNodes: FlowNode[];
  /** Nodes whose meaning changed (version, topic, settings…), with the fields that differ. */
  changedNodes: Array<{ before: FlowNode; after: FlowNode; fields: string[] }>;
  addedEdges: FlowEdge[];
  removedEdges: FlowEdge[];
  changedEdges: Array<{ before: FlowEdge; after: FlowEdge; fields: string[] }>;
  /** The same changes in a person's words, added first, then removed, then changed. */
  changes: GraphChange[];
}

/** One change of a diff as a person reads it: "subscribe acme/classify ← orders". */
export interface GraphChange {
  change: 'added' | 'removed' | 'changed';
  text: string;
}

function changedFields(before: object, after: object, ignore: ReadonlySet<string>): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...fields]
    .filter((f) => !ignore.has(f))
    .filter((f) => canonicalJson((before as Record<string, unknown>)[f]) !== canonicalJson((after as Record<string, unknown>)[f]))
    .sort();
}

function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[], ignore: ReadonlySet<string>) {
  const old = new Map(before.map((x) => [x.id, x]));
  const next = new Map(after.map((x) => [x.id, x]));
  const added = after.filter((x) => !old.has(x.id));
  const removed = before.filter((x) => !next.has(x.id));
  const changed: Array<{ before: T; after: T; fields: string[] }> = [];
  for (const x of after) {
    const was = old.get(x.id);
    if (!was) continue;
    const fields = changedFields(was, x, ignore);
    if (fields.length > 0) changed.push({ before: was, after: x, fields });
  }
  return { added, removed, changed };
}

const nodeLayout = new Set(['position']);
const none = new Set<string>();

/** How connections are called in a diff's words; by default their ids. */
export type ConnectionNamer = (connection: string) => string;

/**
 * Compares two graphs: what a person reviewing a revision, or a rollback, needs to see. `connectionName`
 * gives the names people know connections by ("Embedded Kafka"), where the caller has them.
 */
export function diffGraphs(before: FlowGraph, after: FlowGraph, connectionName: ConnectionNamer = (id) => id): GraphDiff {
  const nodes = diffById(before.nodes, after.nodes, nodeLayout);
  const edges = diffById(before.edges, after.edges, none);
  const was = nodeNames(before);
  const now = nodeNames(after);
  const changes: GraphChange[] = [
    ...nodes.added.map((n) => ({ change: 'added' as const, text: nodeWords(n, connectionName) })),
    ...edges.added.map((e) => ({ change: 'added' as const, text: edgeWords(e, now) })),
    ...nodes.removed.map((n) => ({ change: 'removed' as const, text: nodeWords(n, connectionName) })),
    ...edges.removed.map((e) => ({ change: 'removed' as const, text: edgeWords(e, was) })),
    ...nodes.changed.flatMap((c) =>
      c.fields.map((f) => ({ change: 'changed' as const, text: `${fieldWords(f)} of ${nodeName(c.after)}: ${valueWords(f, c.before, was, connectionName)} → ${valueWords(f, c.after, now, connectionName)}` })),
    ),
    ...edges.changed.flatMap((c) =>
      c.fields.map((f) => ({ change: 'changed' as const, text: `${fieldWords(f)} of ${bindingName(c.after, now)}: ${valueWords(f, c.before, was, connectionName)} → ${valueWords(f, c.after, now, connectionName)}` })),
    ),
  ];
  return {
    addedNodes: nodes.added,
    removedNodes: nodes.removed,
    changedNodes: nodes.changed,
    addedEdges: edges.added,
    removedEdges: edges.removed,
    changedEdges: edges.changed,
    changes,
  };
}

/** What a node is called in a change: an algorithm by its reference, a topic by its name. */
function nodeName(node: FlowNode): string {
  return node.kind === 'algorithm' ? node.algorithm : node.topic;
}

function nodeNames(graph: FlowGraph): Map<string, FlowNode> {
  return new Map(graph.nodes.map((n) => [n.id, n]));
}

function nodeWords(node: FlowNode, connectionName: ConnectionNamer): string {
  return node.kind === 'algorithm' ? `algorithm ${node.algorithm} ${node.version}` : `topic ${node.topic} on ${connectionName(node.connection)}`;
}

/** The name of the node `id` in `nodes`, or the id itself for a node not in the graph. */
function named(nodes: ReadonlyMap<string, FlowNode>, id: string): string {
  const node = nodes.get(id);
  return node ? nodeName(node) : id;
}

/** An edge as a binding: "subscribe acme/classify ← orders", "publish acme/classify → out", "DLQ of acme/classify → dlq". */
function edgeWords(edge: FlowEdge, nodes: ReadonlyMap<string, FlowNode>): string {
  const source = named(nodes, edge.source);
  const target = named(nodes, edge.target);
  if (edge.kind === 'subscribe') return `subscribe ${target} ← ${source}`;
  return edge.kind === 'publish' ? `publish ${source} → ${target}` : `DLQ of ${source} → ${target}`;
}

/** A binding in a change of one of its settings, by its algorithm's short name: "classify ← orders". */
function bindingName(edge: FlowEdge, nodes: ReadonlyMap<string, FlowNode>): string {
  const short = (id: string) => named(nodes, id).split('/').pop() ?? id;
  return edge.kind === 'subscribe' ? `${short(edge.target)} ← ${named(nodes, edge.source)}` : `${short(edge.source)} → ${named(nodes, edge.target)}`;
}

const fieldNames: Record<string, string> = {
  algorithm: 'algorithm',
  version: 'version',
  retry: 'retries',
  concurrency: 'concurrency',
  ordering: 'ordering',
  timeoutMs: 'time-out',
  connection: 'connection',
  topic: 'topic name',
  create: 'creation',
  adopted: 'adopted from the cluster',
  dlq: 'DLQ',
};

function fieldWords(field: string): string {
  return fieldNames[field] ?? field;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A field's value in words: "none" when unset, a DLQ by its topic's name, a connection by its name, settings as a short phrase. */
function valueWords(field: string, element: object, nodes: ReadonlyMap<string, FlowNode>, connectionName: ConnectionNamer): string {
  const value = (element as Record<string, unknown>)[field];
  if (value === undefined) return 'none';
  if (field === 'connection' && typeof value === 'string') return connectionName(value);
  if (field === 'dlq' && typeof value === 'string') return named(nodes, value);
  if (field === 'timeoutMs' && typeof value === 'number') return `${value} ms`;
  if (field === 'retry') {
    // A subscription's attempts default to its algorithm's time-out.
    const owner = 'target' in element && typeof element.target === 'string' ? nodes.get(element.target) : (element as FlowNode);
    const timeoutMs = (owner?.kind === 'algorithm' ? owner.timeoutMs : undefined) ?? bindingDefaults.timeoutMs;
    return retrySummary(resolveRetryPolicy(value as RetryPolicy, timeoutMs));
  }
  if (field === 'create') {
    const create = value as { partitions: number; replicationFactor: number; config: Record<string, string> };
    const config = Object.entries(create.config).map(([k, v]) => `${k} ${v}`);
    return [plural(create.partitions, 'partition', 'partitions'), `replication factor ${create.replicationFactor}`, ...config].join(', ');
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : canonicalJson(value);
}

/** How an element of the newer graph differs from the earlier one, as drawn on a canvas. */
export type DiffMark = 'added' | 'changed';

/**
 * What to draw for a diff on a canvas: the added and changed nodes and edges of the newer graph by
 * id, the removed ones as the earlier graph had them (at their old positions), and how many of each.
 */
export interface DiffMarks {
  nodes: ReadonlyMap<string, DiffMark>;
  edges: ReadonlyMap<string, DiffMark>;
  removedNodes: readonly FlowNode[];
  removedEdges: readonly FlowEdge[];
  counts: Record<GraphChange['change'], number>;
}

/** {@link diffGraphs} from `before` to `after`, by element, for drawing it over `after`. */
export function diffMarks(before: FlowGraph, after: FlowGraph): DiffMarks {
  const diff = diffGraphs(before, after);
  const marks = <T extends { id: string }>(added: readonly T[], changed: ReadonlyArray<{ after: T }>) =>
    new Map<string, DiffMark>([...added.map((x) => [x.id, 'added'] as const), ...changed.map((c) => [c.after.id, 'changed'] as const)]);
  return {
    nodes: marks(diff.addedNodes, diff.changedNodes),
    edges: marks(diff.addedEdges, diff.changedEdges),
    removedNodes: diff.removedNodes,
    removedEdges: diff.removedEdges,
    counts: {
      added: diff.addedNodes.length + diff.addedEdges.length,
      removed: diff.removedNodes.length + diff.removedEdges.length,
      changed: diff.changedNodes.length + diff.changedEdges.length,
    },
  };
}

/** Tells whether a diff changes anything a deploy would act on. */
export function isEmptyDiff(diff: GraphDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}
