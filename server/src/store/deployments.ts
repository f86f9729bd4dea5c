import type { Plan } from '@event-flows/model';
import type { Queryable } from '../db/db.ts';

/** The result of one step of a deploy. */
export interface DeployStep {
  /** What the step did, e.g. "Create 2 topics on Embedded Kafka". */
  title: string;
  status: 'succeeded' | 'failed' | 'skipped';
  /** How many admin requests the step sent to Kafka. */
  requests: number;
  detail?: string;
  durationMs: number;
}

/** A recorded deploy or undeploy. */
export interface Deployment {
  id: number;
  flowId: string;
  revision: number | null;
  kind: 'deploy' | 'undeploy';
  actor: string;
  status: 'running' | 'succeeded' | 'failed';
  summary: string;
  plan: Plan | null;
  steps: DeployStep[];
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface DeploymentRow {
  id: string | number;
  flow_id: string;
  revision: number | null;
  kind: Deployment['kind'];
  actor: string;
  status: Deployment['status'];
  summary: string;
  plan: Plan | null;
  steps: DeployStep[];
  error: string | null;
  started_at: Date | string;
  finished_at: Date | string | null;
}

const toDeployment = (r: DeploymentRow): Deployment => ({
  id: Number(r.id),
  flowId: r.flow_id,
  revision: r.revision,
  kind: r.kind,
  actor: r.actor,
  status: r.status,
  summary: r.summary,
  plan: r.plan,
  steps: r.steps,
  error: r.error,
  startedAt: new Date(r.started_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

/** Records the start of a deploy. */
export async function startDeployment(
  q: Queryable,
  input: { flowId: string; revision: number | null; kind: Deployment['kind']; actor: string; plan: Plan },
): Promise<number> {
  const [row] = await q.query<{ id: string }>(
    `insert into deployments (flow_id, revision, kind, actor, status, summary, plan) values ($1, $2, $3, $4, 'running', $5, $6) returning id`,
    [input.flowId, input.revision, input.kind, input.actor, input.plan.summary, JSON.stringify(input.plan)],
  );
  return Number(row?.id);
}

/** Records that a deploy saved the revision it deploys (in the transaction that saves it). */
export async function recordDeployedRevision(q: Queryable, id: number, revision: number): Promise<void> {
  await q.query('update deployments set revision = $2 where id = $1', [id, revision]);
}

/** Appends one step's result to a running deploy. */
export async function recordStep(q: Queryable, id: number, step: DeployStep): Promise<void> {
  await q.query(`update deployments set steps = steps || $2::jsonb where id = $1`, [id, JSON.stringify([step])]);
}

/** Records how a deploy ended. */
export async function finishDeployment(q: Queryable, id: number, status: 'succeeded' | 'failed', error?: string): Promise<void> {
  await q.query('update deployments set status = $2, error = $3, finished_at = now() where id = $1', [id, status, error ?? null]);
}

/** Deploys, newest first: of one flow, or all (at most `limit`). */
export async function listDeployments(q: Queryable, filter: { flowId?: string; limit?: number } = {}): Promise<Deployment[]> {
  const rows = await q.query<DeploymentRow>(
    'select * from deployments where ($1::text is null or flow_id = $1) order by id desc limit $2',
    [filter.flowId ?? null, filter.limit ?? 100],
  );
  return rows.map(toDeployment);
}

/** Every deploy still marked running, oldest first. */
export async function listRunningDeployments(q: Queryable): Promise<Deployment[]> {
  const rows = await q.query<DeploymentRow>(`select * from deployments where status = 'running' order by id`);
  return rows.map(toDeployment);
}

/** One deploy, or `undefined`. */
export async function getDeployment(q: Queryable, id: number): Promise<Deployment | undefined> {
  const [row] = await q.query<DeploymentRow>('select * from deployments where id = $1', [id]);
  return row ? toDeployment(row) : undefined;
}

/** The flow's newest deploy or undeploy that succeeded, or `undefined`: what Kafka was last brought in line with. */
export async function lastSucceededDeployment(q: Queryable, flowId: string): Promise<Deployment | undefined> {
  const [row] = await q.query<DeploymentRow>(`select * from deployments where flow_id = $1 and status = 'succeeded' order by id desc limit 1`, [flowId]);
  return row ? toDeployment(row) : undefined;
}

/**
 * The flow's newest deploy or undeploy that says what its bindings are meant to be, or `undefined`: one
 * that succeeded, or a deploy of a saved revision that failed or was cut short (a person asked for that
 * revision, and its bindings may be live). A failed deploy that never saved the revision it was to save
 * (an Events-tab change) names none and does not count; neither does a failed undeploy.
 */
export async function lastDeployAskedFor(q: Queryable, flowId: string): Promise<Deployment | undefined> {
  const [row] = await q.query<DeploymentRow>(
    `select * from deployments d where d.flow_id = $1
        and (d.status = 'succeeded'
             or (d.kind = 'deploy' and d.status = 'failed' and exists (select 1 from flow_revisions r where r.flow_id = d.flow_id and r.revision = d.revision)))
      order by d.id desc limit 1`,
    [flowId],
  );
  return row ? toDeployment(row) : undefined;
}

/**
 * SQL for the revision Kafka runs for the flow whose id is `flowIdSql`: the revision of its newest
 * deploy or undeploy that succeeded when that was a deploy, else null (never deployed, or undeployed).
 */
export const deployedRevisionSql = (flowIdSql: string) =>
  `(select case when d.kind = 'deploy' then d.revision end from deployments d
     where d.flow_id = ${flowIdSql} and d.status = 'succeeded' order by d.id desc limit 1)`;

/** The revision Kafka runs for the flow (its last successful deploy's), or `null` when none does. */
export async function deployedRevision(q: Queryable, flowId: string): Promise<number | null> {
  const [row] = await q.query<{ revision: number | null }>(`select ${deployedRevisionSql('$1')} as revision`, [flowId]);
  return row?.revision ?? null;
}

/**
 * The flow whose newest successful deploy stopped the binding `(algorithm, connection, topic, direction)`,
 * or `undefined`: the flow that last held it, which the deploy log remembers (an undeploy does not count,
 * since it stops a whole flow rather than this binding).
 */
export async function flowThatLastStopped(q: Queryable, binding: { algorithm: string; connection: string; topic: string; direction: 'subscribe' | 'publish' }): Promise<string | undefined> {
  const stop = [{ kind: 'stop-binding', binding: { algorithm: binding.algorithm, connection: binding.connection, topic: binding.topic, direction: binding.direction } }];
  const [row] = await q.query<{ flow_id: string }>(
    `select flow_id from deployments where status = 'succeeded' and kind = 'deploy' and plan->'actions' @> $1::jsonb order by id desc limit 1`,
    [JSON.stringify(stop)],
  );
  return row?.flow_id;
}
