import { z } from 'zod';
import type { FlowGraph } from './graph.ts';
import { limits } from './limits.ts';
import { Id, TopicName } from './names.ts';

/**
 * Bounds of following one message through a flow: how many stages are walked, and how many records
 * are read in all (each topic searched from the input's time on). They bound the work one follow
 * can cause; the default suits a flow of a few stages that moves a few hundred records a second.
 */
export const followLimits = {
  /** Most stages (algorithm calls one after another) a follow walks. */
  stages: 16,
  /** Stages walked unless the caller asks for fewer or more. */
  defaultStages: 8,
  /** Most records one follow may read, the input's search included. */
  scanRecords: 200_000,
  /** Records read unless the caller asks for fewer or more. */
  defaultScanRecords: 20_000,
} as const;

const Partition = z.int().min(0).max(1_000_000);
const Offset = z.string().regex(/^\d{1,19}$/, { error: 'An offset is a whole number of at most 19 digits' });

/**
 * Which record to follow, and how far: by `partition` and `offset`, or by `key` (the newest record
 * with that key). `connection` may be left out when the flow has one topic of that name.
 */
export const FollowRequest = z
  .strictObject({
    flowId: Id,
    connection: Id.optional(),
    topic: TopicName,
    partition: Partition.optional(),
    offset: Offset.optional(),
    key: z.string().min(1).max(limits.messageKey, { error: `A key may have at most ${limits.messageKey} characters` }).optional(),
    maxStages: z.int().min(1).max(followLimits.stages, { error: `A follow walks at most ${followLimits.stages} stages` }).default(followLimits.defaultStages),
    maxRecords: z
      .int()
      .min(1)
      .max(followLimits.scanRecords, { error: `A follow reads at most ${followLimits.scanRecords.toLocaleString('en')} records` })
      .default(followLimits.defaultScanRecords),
  })
  .refine((r) => (r.key === undefined) === (r.partition !== undefined && r.offset !== undefined) && (r.partition === undefined) === (r.offset === undefined), {
    error: 'Name the record to follow by partition and offset, or by key (not both).',
  });
export type FollowRequest = z.infer<typeof FollowRequest>;

/** A record on a message's path: where it is, when it was written, and its key as text. */
export interface PathRecord {
  readonly connection: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** Milliseconds since the epoch, as Kafka keeps it. */
  readonly timestamp: string;
  readonly key: string | null;
}

/**
 * What became of one algorithm call: `published` (its outputs are found), `no-output` (its consumer
 * group moved past the input and nothing was published: a null result), `dead-lettered` (its DLQ
 * record is found), `pending` (not processed yet: the group has not reached the input) or `unknown`
 * (processed, but its records lie beyond what the follow may read).
 */
export type CallOutcome = 'published' | 'no-output' | 'dead-lettered' | 'pending' | 'unknown';

/** A DLQ record on a message's path, with the error it carries. */
export interface PathDeadLetter extends PathRecord {
  readonly error: { readonly class?: string | undefined; readonly message?: string | undefined; readonly stage?: string | undefined };
}

/** One algorithm call on a message's path: its input, how long it took and how it ended, and what it wrote. */
export interface PathCall {
  /** 1 for the calls on the followed record, 2 for the calls on their outputs, and so on. */
  readonly stage: number;
  readonly algorithm: string;
  readonly version: string;
  readonly input: PathRecord;
  readonly outcome: CallOutcome;
  /** How long the call took (all attempts and the waits between them), when the runtime wrote it. */
  readonly durationMs?: number | undefined;
  readonly attempts?: number | undefined;
  readonly outputs: readonly PathRecord[];
  readonly deadLetter?: PathDeadLetter | undefined;
  /** A sentence on the outcome, for `pending`, `no-output` and `unknown`. */
  readonly note?: string | undefined;
}

/** The path of one message through a flow, as far as the follow read. */
export interface MessagePath {
  readonly input: PathRecord;
  /** Every call, stage by stage, in the order they were found. */
  readonly calls: readonly PathCall[];
  /** Records read to find them. */
  readonly scanned: number;
  /** Sentences on where the follow stopped short (stage or record bounds). Empty when it went to the end. */
  readonly notes: readonly string[];
}

/** A message's path laid on a flow's graph: the nodes and edges it went along, and the label of each edge. */
export interface PathOnGraph {
  readonly nodeIds: ReadonlySet<string>;
  /** Edge id → its label (a call's duration on its subscribe edge; the output's partition/offset on its publish or DLQ edge). */
  readonly edges: ReadonlyMap<string, string>;
}

/** A duration as a person reads it: "< 1 ms", "12 ms", "1.4 s". */
export function durationText(ms: number): string {
  if (ms < 0.5) return '< 1 ms';
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

const callLabel = (call: PathCall): string =>
  call.durationMs !== undefined ? durationText(call.durationMs) : call.outcome === 'pending' ? 'not processed yet' : call.outcome === 'unknown' ? 'not found' : '';

/**
 * Where `path` goes on `graph`: the topic nodes of its records, the algorithm nodes of its calls, and
 * the subscribe, publish and DLQ edges between them, each call's subscribe edge labelled with its
 * duration. Parts of the path the graph no longer has are left out.
 */
export function messagePathOnGraph(graph: FlowGraph, path: MessagePath): PathOnGraph {
  const topicNode = new Map<string, string>();
  for (const node of graph.nodes) if (node.kind === 'topic') topicNode.set(`${node.connection}\n${node.topic}`, node.id);
  const nodeOf = (record: PathRecord) => topicNode.get(`${record.connection}\n${record.topic}`);
  const algorithmOf = new Map(graph.nodes.flatMap((n) => (n.kind === 'algorithm' ? [[n.id, n.algorithm] as const] : [])));
  const nodeIds = new Set<string>();
  const edges = new Map<string, string>();
  const input = nodeOf(path.input);
  if (input) nodeIds.add(input);
  for (const call of path.calls) {
    const from = nodeOf(call.input);
    const subscribe = graph.edges.find((e) => e.kind === 'subscribe' && e.source === from && algorithmOf.get(e.target) === call.algorithm);
    if (!subscribe) continue;
    nodeIds.add(subscribe.source).add(subscribe.target);
    edges.set(subscribe.id, callLabel(call));
    const written = [...call.outputs.map((r) => ({ record: r, kind: 'publish' })), ...(call.deadLetter ? [{ record: call.deadLetter, kind: 'dlq' }] : [])];
    for (const { record, kind } of written) {
      const to = nodeOf(record);
      if (!to) continue;
      nodeIds.add(to);
      const edge = graph.edges.find((e) => e.kind === kind && e.source === subscribe.target && e.target === to);
      if (edge) edges.set(edge.id, `${record.partition}/${record.offset}`);
    }
  }
  return { nodeIds, edges };
}
