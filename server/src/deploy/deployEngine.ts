/**
 * Deploys and undeploys, as kafka-gitops' plan and apply: each reads one snapshot under its locks
 * (`readSnapshot`), decides on it with the model (`decide`), and carries out the plan as a recorded
 * deployment (`recordDeployment` → `carryOutPlan` → `KafkaGateway`).
 */
import { blockedGrants, countOf, emptyGraph, topicUses, type Actual, type Drift, type Flow, type FlowGraph, type PutBack } from '@event-flows/model';
import { LockTimeoutError, type Queryable } from '../db/db.ts';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { requestGrants } from '../store/access.ts';
import { audit } from '../store/audit.ts';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { deployedRevision, finishDeployment, getDeployment, listRunningDeployments } from '../store/deployments.ts';
import { deleteFlow, getRevision, saveFlow } from '../store/flows.ts';
import type { StepListener } from './carryOutPlan.ts';
import { decide, type Decision } from './decide.ts';
import { recordDeployment, type DeployResult, type RecordTargets } from './deploymentRecord.ts';
import { flowLock, readFlow, touchedBy, withFlowLocked, type DeployScope } from './flowLocks.ts';
import { readSnapshot, type SnapshotSources } from './snapshot.ts';
import { readTopicUsage } from './topicUsage.ts';

export { deployLock, flowLock } from './flowLocks.ts';
export type { DeployResult } from './deploymentRecord.ts';

/** What a plan reads and decides with: the database, the platform, the clusters, and how names are made. */
export type PlanSources = SnapshotSources & Pick<Services, 'naming'>;

/** What a deploy reaches: what its plan reads, and what carrying it out and recording it reach. */
export type DeployParts = PlanSources & RecordTargets;

/** Everything deciding a deploy computes before it changes anything. */
export interface Preview extends Decision {
  flowId: string;
  revision: number;
  actual: Actual;
  /** Connections whose topics could not be read (their topics count as missing). */
  unreachable: Array<{ connection: string; error: string }>;
}

/** What a plan of the flow in `scope` is: its snapshot, read once, and what the model decides on it. */
async function planOf(sources: PlanSources, scope: DeployScope, flow: Flow, graph: FlowGraph, actor: User, kind: 'deploy' | 'undeploy') {
  const snapshot = await readSnapshot(sources, scope, kind);
  const decision = await decide(snapshot, graph, { flowId: flow.id, orgId: flow.orgId, role: actor.role, naming: sources.naming });
  const preview: Preview = { flowId: flow.id, revision: flow.revision, ...decision, actual: snapshot.actual, unreachable: snapshot.unreachable };
  return { preview, connections: snapshot.connections };
}

/**
 * The plan a person reviews, and the one a deploy carries out and records: besides the snapshot, the
 * topics' configs and the consumer groups are read (so their drift shows, and chosen drift is put
 * back), and the plan names, per topic it touches, the other flows and consumer groups that use it.
 */
async function reviewedPlanOf(sources: PlanSources, scope: DeployScope, flow: Flow, graph: FlowGraph, actor: User, putBack: readonly PutBack[] | undefined) {
  const read = await readSnapshot(sources, scope, 'deploy');
  const usage = await readTopicUsage(sources, read, flow.orgId);
  const snapshot = { ...read, actual: usage.actual };
  const decision = await decide(snapshot, graph, { flowId: flow.id, orgId: flow.orgId, role: actor.role, naming: sources.naming, putBack });
  decision.plan.alsoAffects = topicUses(decision.plan, snapshot.actual.bindings, usage.flowNames, usage.groups);
  const preview: Preview = { flowId: flow.id, revision: flow.revision, ...decision, actual: snapshot.actual, unreachable: snapshot.unreachable };
  return { preview, connections: snapshot.connections };
}

/**
 * What deploying the flow's current revision would do, without changing anything (or waiting for a
 * lock). With `review`, the plan a person reads and deploy carries out (see {@link reviewedPlanOf}),
 * with the drift findings in `putBack` put back.
 */
export async function previewDeploy(sources: PlanSources, flowId: string, actor: User, options: { review?: boolean; putBack?: readonly PutBack[] } = {}): Promise<Preview> {
  const flow = await readFlow(sources.db, flowId);
  const scope = await touchedBy(sources.db, flow);
  const planned = options.review ? await reviewedPlanOf(sources, scope, flow, flow.graph, actor, options.putBack) : await planOf(sources, scope, flow, flow.graph, actor, 'deploy');
  return planned.preview;
}

/**
 * Where Kafka differs now from the revision of the flow it runs (its last successful deploy's): the
 * drift the review of that revision would find (topics, missing ACLs, consumer groups), read without
 * waiting for a lock. `deployedRevision` is `null`, and there is no drift, when the flow is not deployed.
 */
export async function deployedDrift(sources: PlanSources, flowId: string, actor: User): Promise<{ deployedRevision: number | null; drift: Drift[] }> {
  const flow = await readFlow(sources.db, flowId);
  const revision = await deployedRevision(sources.db, flow.id);
  const deployed = revision === null ? undefined : await getRevision(sources.db, flow.id, revision);
  if (revision === null || !deployed) return { deployedRevision: null, drift: [] };
  const scope = await touchedBy(sources.db, flow, deployed.graph);
  const { preview } = await reviewedPlanOf(sources, scope, { ...flow, revision }, deployed.graph, actor, undefined);
  return { deployedRevision: revision, drift: preview.plan.drift };
}

/**
 * Deploys a flow: read its snapshot → decide → apply → hand bindings to the runtime → record. Deploys
 * touching one connection, and deploys, undeploys and deletion of one flow, are serialised across every
 * server process. Refused when `revision` is not the flow's current one (the reviewed plan is stale),
 * when the flow has errors, or when a member needs access no grant covers (grant requests are then
 * filed for the cluster admins). A deploy that waits `lockWaitMs` (default two minutes) for the locks
 * fails with a {@link LockTimeoutError} naming the lock and the flow or Kafka connection it guards.
 */
export async function deployFlow(
  parts: DeployParts,
  input: { flowId: string; revision: number; actor: User; putBack?: readonly PutBack[]; onStep?: StepListener; lockWaitMs?: number },
): Promise<DeployResult> {
  return withFlowLocked(parts.db, input.flowId, undefined, (scope) => {
    const { flow } = scope;
    if (flow.revision !== input.revision) {
      throw new DomainError('CONFLICT', `The plan was made for revision ${input.revision}, but the flow is at revision ${flow.revision}. Review the new plan and deploy again.`);
    }
    return change(parts, scope, { flow, graph: flow.graph, kind: 'deploy', actor: input.actor, putBack: input.putBack, onStep: input.onStep });
  }, input.lockWaitMs);
}

/**
 * Saves `graph` as the flow's next revision and deploys it, as one change: the revision is saved in
 * the transaction that enables and disables the bindings, so a crash leaves the change saved and its
 * bindings enabled (what is left is done at start-up and by the next plan) or neither (the topics and
 * ACLs it made are the flow's, and its next plan removes those it does not need). Refused with
 * CONFLICT when the flow is no longer at `baseRevision`. Nothing is saved unless the deploy happens.
 */
export async function deployEdit(parts: DeployParts, input: { flowId: string; baseRevision: number; graph: FlowGraph; actor: User }): Promise<DeployResult> {
  return withFlowLocked(parts.db, input.flowId, input.graph, (scope) => {
    const { flow } = scope;
    const changedMeanwhile = () => new DomainError('CONFLICT', `Flow "${flow.name}" changed meanwhile; reload and try again.`);
    if (flow.revision !== input.baseRevision) throw changedMeanwhile();
    const next: Flow = { ...flow, graph: input.graph, revision: flow.revision + 1 };
    const save = async (tx: Queryable) => {
      const saved = await saveFlow(tx, { id: flow.id, baseRevision: flow.revision, name: flow.name, description: flow.description, graph: input.graph, actor: input.actor.id });
      if (saved.status !== 'saved') throw changedMeanwhile();
    };
    return change(parts, scope, { flow: next, graph: input.graph, kind: 'deploy', actor: input.actor, save });
  });
}

/**
 * Undeploys a flow: stops its bindings and removes the ACLs only they needed. Topics and grants stay.
 * After a failure part way, undeploying again completes the rest.
 */
export async function undeployFlow(parts: DeployParts, input: { flowId: string; actor: User; onStep?: StepListener }): Promise<DeployResult> {
  return withFlowLocked(parts.db, input.flowId, undefined, (scope) =>
    change(parts, scope, { flow: scope.flow, graph: emptyGraph(), kind: 'undeploy', actor: input.actor, onStep: input.onStep }),
  );
}

/** A deploy of `graph` as `flow`, or an undeploy, by `actor`. */
interface Change {
  flow: Flow;
  graph: FlowGraph;
  kind: 'deploy' | 'undeploy';
  actor: User;
  /** The drift findings the person chose to put back (a deploy). */
  putBack?: readonly PutBack[] | undefined;
  onStep?: StepListener | undefined;
  save?: (tx: Queryable) => Promise<void>;
}

/**
 * Plans the change on its snapshot and, unless the graph has errors or needs grants only a cluster
 * admin can give (filed as requests), carries the plan out as a recorded deployment. A deploy plans
 * as the review does, so the deployment records the plan the person reviewed (drift, what else is
 * affected, chosen drift put back).
 */
async function change(parts: DeployParts, scope: DeployScope, c: Change): Promise<DeployResult> {
  const { flow, kind, actor } = c;
  const { preview, connections } = kind === 'deploy' ? await reviewedPlanOf(parts, scope, flow, c.graph, actor, c.putBack) : await planOf(parts, scope, flow, c.graph, actor, kind);
  // Missing grants are not the member's mistake to fix: they become grant requests below.
  const errors = preview.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'access-not-granted');
  if (errors.length > 0) {
    await audit(parts.db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'refused', detail: { errors: errors.length } });
    return { status: 'invalid', diagnostics: preview.diagnostics };
  }
  const missing = blockedGrants(preview.plan);
  if (missing.length > 0) {
    const requests = await requestGrants(parts.db, { grants: missing, orgId: flow.orgId, flowId: flow.id, requestedBy: actor.id });
    await audit(parts.db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'refused', detail: { missingGrants: missing.length } });
    return {
      status: 'needs-grants',
      message: `This flow needs ${countOf(missing.length, 'grant')} that only a cluster admin can give. A request has been filed; deploy again once it is approved.`,
      requests,
    };
  }
  return recordDeployment(parts, { flow, kind, actor, plan: preview.plan, connections, onStep: c.onStep, save: c.save });
}

/**
 * Deletes a flow that is not deployed, with its history. It takes the flow's lock, so a deploy of the
 * flow under way finishes first (and then counts); refused while the flow has enabled bindings.
 */
export async function deleteUndeployedFlow(services: Pick<Services, 'db'>, flowId: string): Promise<void> {
  await services.db.withLock(flowLock(flowId), async () => {
    if ((await listBindings(services.db, { flowId })).length > 0) {
      throw new DomainError('PRECONDITION_FAILED', 'This flow is deployed: undeploy it before deleting it.');
    }
    // Only this flow's plan removes what it left in Kafka; deleted, nothing would.
    const left = (await listManagedAcls(services.db, { flowId })).length;
    if (left > 0) {
      throw new DomainError('PRECONDITION_FAILED', `Kafka still holds ${countOf(left, 'ACL')} this flow left (an undeploy was cut short): undeploy it again to remove them, then delete it.`);
    }
    if (!(await deleteFlow(services.db, flowId))) throw new DomainError('NOT_FOUND', `There is no flow "${flowId}".`);
  });
}

/**
 * Finishes the deploys a crash left marked running: each whose flow lock can be had within `waitMs`
 * is no longer under way anywhere, and is marked failed with a sentence; one whose lock a live
 * process holds (a deploy on another replica) is left alone. Run at start-up.
 */
export async function finishInterruptedDeploys(services: Pick<Services, 'db'>, options: { waitMs: number }): Promise<{ finished: number; stillRunning: number }> {
  let finished = 0;
  let stillRunning = 0;
  for (const deployment of await listRunningDeployments(services.db)) {
    try {
      await services.db.withLock(
        flowLock(deployment.flowId),
        async () => {
          if ((await getDeployment(services.db, deployment.id))?.status !== 'running') return;
          await finishDeployment(services.db, deployment.id, 'failed', 'The server stopped before this deploy finished. Review the plan: it shows what is left to do.');
          finished++;
        },
        { waitMs: options.waitMs },
      );
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      stillRunning++;
    }
  }
  return { finished, stillRunning };
}
