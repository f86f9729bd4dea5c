import { randomUUID } from 'node:crypto';
import type { Flow, FlowGraph } from '@event-flows/model';
import { announceChange } from '../changes.ts';
import type { Queryable } from '../db/db.ts';
import { deployedRevisionSql } from './deployments.ts';

interface FlowRow {
  id: string;
  org_id: string;
  name: string;
  description: string;
  revision: number;
  graph: FlowGraph;
  updated_by: string;
  updated_at: Date | string;
}

function toFlow(row: FlowRow): Flow {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    description: row.description,
    revision: row.revision,
    graph: row.graph,
    updatedBy: row.updated_by,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** A flow in a list: everything but the graph, with the revision Kafka runs (`null`: not deployed). */
export type FlowSummary = Omit<Flow, 'graph'> & { nodeCount: number; edgeCount: number; deployedRevision: number | null; alertsFiring: number };

/** Creates a flow at revision 1, with a new id unless one is given. */
export async function createFlow(
  q: Queryable,
  input: { id?: string; orgId: string; name: string; description: string; graph: FlowGraph; actor: string },
): Promise<Flow> {
  const id = input.id ?? `flow_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const [row] = await q.query<FlowRow>(
    `insert into flows (id, org_id, name, description, revision, graph, updated_by)
     values ($1, $2, $3, $4, 1, $5, $6) returning *`,
    [id, input.orgId, input.name, input.description, JSON.stringify(input.graph), input.actor],
  );
  const flow = toFlow(row as FlowRow);
  await recordRevision(q, flow);
  await announceSaved(q, flow);
  return flow;
}

/**
 * `name`, or the first of "name (2)", "name (3)", … that no other flow of the org uses: a new flow
 * (created, imported or duplicated) never takes a name the org already has. The base is shortened
 * when the suffix would pass `maxLength`.
 */
export async function unusedFlowName(q: Queryable, orgId: string, name: string, maxLength: number): Promise<string> {
  const base = name.replace(/ \(\d+\)$/, '');
  // Every candidate starts with the base's first 100 characters (code points, as the database counts).
  const prefix = Array.from(base).slice(0, 100);
  const rows = await q.query<{ name: string }>('select name from flows where org_id = $1 and left(name, $3) = $2', [orgId, prefix.join(''), prefix.length]);
  const taken = new Set(rows.map((row) => row.name));
  if (!taken.has(name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, maxLength - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Another flow of the org with this name, if any. */
export async function flowNamed(q: Queryable, orgId: string, name: string, exceptId?: string): Promise<{ id: string } | undefined> {
  const [row] = await q.query<{ id: string }>('select id from flows where org_id = $1 and name = $2 and id <> $3 limit 1', [orgId, name, exceptId ?? '']);
  return row;
}

/** Tells the org's open studios that the flow has a new revision. */
async function announceSaved(q: Queryable, flow: Flow): Promise<void> {
  await announceChange(q, flow.orgId, { kind: 'flow-saved', flowId: flow.id, name: flow.name, revision: flow.revision, by: flow.updatedBy });
}

async function recordRevision(q: Queryable, flow: Flow): Promise<void> {
  await q.query(
    `insert into flow_revisions (flow_id, revision, name, description, graph, updated_by, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [flow.id, flow.revision, flow.name, flow.description, JSON.stringify(flow.graph), flow.updatedBy, flow.updatedAt],
  );
}

/** The flow with this id, or `undefined`. */
export async function getFlow(q: Queryable, id: string): Promise<Flow | undefined> {
  const [row] = await q.query<FlowRow>('select * from flows where id = $1', [id]);
  return row ? toFlow(row) : undefined;
}

/** An org's flows, most recently changed first. */
export async function listFlows(q: Queryable, orgId: string): Promise<FlowSummary[]> {
  const rows = await q.query<FlowRow & { node_count: number; edge_count: number; deployed_revision: number | null; alerts_firing: number | string }>(
    `select f.id, f.org_id, f.name, f.description, f.revision, f.updated_by, f.updated_at,
            jsonb_array_length(f.graph->'nodes') as node_count, jsonb_array_length(f.graph->'edges') as edge_count,
            ${deployedRevisionSql('f.id')} as deployed_revision,
            (select count(*) from (
               select distinct on (e.rule_id, e.algorithm, e.connection_id, e.topic) e.kind from alert_events e
                where e.flow_id = f.id order by e.rule_id, e.algorithm, e.connection_id, e.topic, e.id desc
             ) last where last.kind = 'fired') as alerts_firing
       from flows f where f.org_id = $1 order by f.updated_at desc, f.id`,
    [orgId],
  );
  return rows.map((row) => {
    const { graph: _graph, ...summary } = toFlow({ ...row, graph: { nodes: [], edges: [] } });
    return { ...summary, nodeCount: Number(row.node_count), edgeCount: Number(row.edge_count), deployedRevision: row.deployed_revision, alertsFiring: Number(row.alerts_firing) };
  });
}

/** A topic that one of an org's saved flows names, with the name of the flow (the most recently saved one naming it). */
export interface FlowTopic {
  connection: string;
  topic: string;
  flowName: string;
}

/**
 * Every topic the org's saved flows name, once per connection and topic name, at most `limit`. Read
 * in the database from the flows' graphs, so no graph is loaded into the server for it.
 */
export async function listFlowTopics(q: Queryable, orgId: string, limit: number): Promise<FlowTopic[]> {
  const rows = await q.query<{ connection: string; topic: string; flow_name: string }>(
    `select distinct on (node->>'connection', node->>'topic')
            node->>'connection' as connection, node->>'topic' as topic, f.name as flow_name
       from flows f, jsonb_array_elements(f.graph->'nodes') as node
      where f.org_id = $1 and node->>'kind' = 'topic'
      order by node->>'connection', node->>'topic', f.updated_at desc, f.id
      limit $2`,
    [orgId, limit],
  );
  return rows.map((row) => ({ connection: row.connection, topic: row.topic, flowName: row.flow_name }));
}

/** Every algorithm the graph of a flow (of any org) holds. */
export async function listAlgorithmsInFlows(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ algorithm: string }>(
    `select distinct node->>'algorithm' as algorithm from flows f, jsonb_array_elements(f.graph->'nodes') as node
      where node->>'kind' = 'algorithm' order by 1`,
  );
  return rows.map((r) => r.algorithm);
}

/** The outcome of a save: the new flow, a conflict with the newer flow, or no such flow. */
export type SaveResult = { status: 'saved'; flow: Flow } | { status: 'conflict'; current: Flow } | { status: 'missing' };

/**
 * Saves a new revision when `baseRevision` is still the current one (optimistic concurrency: of two
 * saves on one base revision, exactly one wins).
 */
export async function saveFlow(
  q: Queryable,
  input: { id: string; baseRevision: number; name: string; description: string; graph: FlowGraph; actor: string },
): Promise<SaveResult> {
  const [row] = await q.query<FlowRow>(
    `update flows set name = $3, description = $4, graph = $5, updated_by = $6, updated_at = now(), revision = revision + 1
      where id = $1 and revision = $2 returning *`,
    [input.id, input.baseRevision, input.name, input.description, JSON.stringify(input.graph), input.actor],
  );
  if (row) {
    const flow = toFlow(row);
    await recordRevision(q, flow);
    await announceSaved(q, flow);
    return { status: 'saved', flow };
  }
  const current = await getFlow(q, input.id);
  return current ? { status: 'conflict', current } : { status: 'missing' };
}

/**
 * Deletes a flow, its history and its record of topics it adopted from the cluster (so another flow
 * may adopt them again); `false` when there was none.
 */
export async function deleteFlow(q: Queryable, id: string): Promise<boolean> {
  // One statement, so the flow and its adopted topics go together.
  const [row] = await q.query<{ org_id: string }>(
    `with adopted as (delete from adopted_topics where flow_id = $1)
     delete from flows where id = $1 returning org_id`,
    [id],
  );
  if (row) await announceChange(q, row.org_id, { kind: 'flow-deleted', flowId: id });
  return row !== undefined;
}

/** One saved revision of a flow, without its graph. */
export interface RevisionSummary {
  revision: number;
  name: string;
  updatedBy: string;
  updatedAt: string;
}

/** A flow's revisions, newest first (at most `limit`). */
export async function listRevisions(q: Queryable, flowId: string, limit = 100): Promise<RevisionSummary[]> {
  const rows = await q.query<{ revision: number; name: string; updated_by: string; updated_at: Date | string }>(
    'select revision, name, updated_by, updated_at from flow_revisions where flow_id = $1 order by revision desc limit $2',
    [flowId, limit],
  );
  return rows.map((r) => ({ revision: r.revision, name: r.name, updatedBy: r.updated_by, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** One revision of a flow as it was saved, or `undefined`. */
export async function getRevision(q: Queryable, flowId: string, revision: number): Promise<Flow | undefined> {
  const [row] = await q.query<FlowRow & { org_id: string }>(
    `select r.flow_id as id, f.org_id, r.name, r.description, r.revision, r.graph, r.updated_by, r.updated_at
       from flow_revisions r join flows f on f.id = r.flow_id where r.flow_id = $1 and r.revision = $2`,
    [flowId, revision],
  );
  return row ? toFlow(row) : undefined;
}
