import {
  blockedGrants,
  compile,
  countOf,
  emptyGraph,
  validateGraph,
  type Actual,
  type Desired,
  type Diagnostic,
  type Flow,
  type FlowGraph,
  type Plan,
  plan as computePlan,
  topicsOf,
} from '@event-flows/model';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { buildCatalog } from '../catalog/buildCatalog.ts';
import { DomainError } from '../errors.ts';
import { announceChange } from '../changes.ts';
import { LockTimeoutError, type Queryable } from '../db/db.ts';
import { deployChannel } from '../events.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { requestGrants, type GrantRequest } from '../store/access.ts';
import { audit } from '../store/audit.ts';
import { getConnectionConfig } from '../store/connections.ts';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { finishDeployment, getDeployment, listRunningDeployments, recordDeployedRevision, recordStep, startDeployment, type Deployment, type DeployStep } from '../store/deployments.ts';
import { deleteFlow, getFlow, saveFlow } from '../store/flows.ts';
import { applyPlan, type StepListener } from './applyPlan.ts';
import { readActual } from './readActual.ts';
import { loopTurn } from '../loopTurns.ts';

/** Everything deciding a deploy computes before it changes anything. */
export interface Preview {
  flowId: string;
  revision: number;
  diagnostics: Diagnostic[];
  desired: Desired;
  actual: Actual;
  plan: Plan;
  /** Connections whose topics could not be read (their topics count as missing). */
  unreachable: Array<{ connection: string; error: string }>;
}

/** How a deploy or undeploy ended. */
export type DeployResult =
  | { status: 'deployed'; deployment: Deployment }
  | { status: 'invalid'; diagnostics: Diagnostic[] }
  | { status: 'needs-grants'; message: string; requests: GrantRequest[] }
  | { status: 'failed'; deployment: Deployment; error: string };

async function loadFlow(services: Services, flowId: string): Promise<Flow> {
  const flow = await getFlow(services.db, flowId);
  if (!flow) throw new DomainError('NOT_FOUND', `There is no flow "${flowId}".`);
  return flow;
}

/**
 * The connections a deploy or undeploy touches; those of them that only the saved graph names; and
 * those that only ACLs recorded as the flow's name (left by a crash, to be removed by its plan).
 */
interface FlowConnections {
  configs: Map<string, ConnectionConfig>;
  graphOnly: Set<string>;
  aclsOnly: Set<string>;
}

/**
 * The connections a deploy or undeploy of this flow touches: those its saved graph names (every topic of
 * the bindings it compiles to, DLQs and outputs included) and those its bindings use now, with their DLQs
 * and outputs. An undeploy looks at the graph's too, so that undeploying again after a failed one still
 * finds the ACLs its stopped bindings left.
 */
async function connectionsOf(services: Services, flow: Flow, graph: FlowGraph = flow.graph): Promise<FlowConnections> {
  const ofBindings = new Set<string>();
  for (const b of await listBindings(services.db, { flowId: flow.id })) for (const topic of topicsOf(b)) ofBindings.add(topic.connection);
  const graphOnly = new Set<string>();
  for (const node of graph.nodes) if (node.kind === 'topic' && !ofBindings.has(node.connection)) graphOnly.add(node.connection);
  const aclsOnly = new Set<string>();
  for (const acl of await listManagedAcls(services.db, { flowId: flow.id })) {
    if (!ofBindings.has(acl.connection) && !graphOnly.has(acl.connection)) aclsOnly.add(acl.connection);
  }
  const configs = new Map<string, ConnectionConfig>();
  for (const id of [...ofBindings, ...graphOnly, ...aclsOnly].sort()) {
    const config = await getConnectionConfig(services.db, services.secrets, id);
    if (config) configs.set(id, config);
  }
  return { configs, graphOnly, aclsOnly };
}

async function preview(
  services: Services,
  flow: Flow,
  graph: FlowGraph,
  actor: User,
  kind: 'deploy' | 'undeploy',
  flowConnections?: FlowConnections,
): Promise<Preview & { connections: Map<string, ConnectionConfig> }> {
  const { configs: connections, graphOnly, aclsOnly } = flowConnections ?? (await connectionsOf(services, flow));
  // Only the flow's connections are read, fresh: a cluster that does not answer holds up only the flows
  // that use it. An undeploy needs the connections its bindings use; one that only the graph names is
  // looked at if it answers (for what an earlier, failed undeploy left there), and otherwise left alone,
  // with a note; so is one that only the flow's left-over ACLs name, for a deploy too.
  const [{ catalog, unreachable }, actual] = await Promise.all([
    buildCatalog(services, flow.orgId, { connections: connections.keys(), fresh: true }),
    readActual(services, flow.id, [...connections.values()], new Set([...aclsOnly, ...(kind === 'undeploy' ? graphOnly : [])])),
  ]);
  // Each stage holds the event loop for a few hundred milliseconds on a 5,000-node flow: a turn of its
  // own each, so that /healthz, the broker and the runtime are served between them, and the stages of
  // plans asked for at once never run back to back.
  await loopTurn();
  const diagnostics = validateGraph(graph, catalog, { role: actor.role, orgId: flow.orgId }, { flowId: flow.id });
  await loopTurn();
  const desired = compile(graph, catalog, { flowId: flow.id, naming: services.naming });
  await loopTurn();
  const plan = computePlan(desired, actual, { role: actor.role, connectionNames: new Map(catalog.connections.map((c) => [c.id, c.name])) });
  for (const id of connections.keys()) {
    if (!actual.aclsReadOn?.includes(id)) {
      plan.notes.push(`Kafka on "${id}" did not answer, so ACLs this flow may have left there were not checked; undeploy again once it answers.`);
    }
  }
  return { flowId: flow.id, revision: flow.revision, diagnostics, desired, actual, plan, unreachable, connections };
}

/** What deploying the flow's current revision would do, without changing anything. */
export async function previewDeploy(services: Services, flowId: string, actor: User): Promise<Preview> {
  const flow = await loadFlow(services, flowId);
  const { connections: _connections, ...result } = await preview(services, flow, flow.graph, actor, 'deploy');
  return result;
}

/** The name of a flow's lock (`Db.withLock`): its deploys, undeploys and deletion hold it. */
export const flowLock = (flowId: string) => `eventflows:flow:${flowId}`;

/**
 * The name of a connection's deploy lock (`Db.withLock`): deploys and undeploys touching the
 * connection hold it, so a change to what they rely on (its grants, its cluster) made under it never
 * lands half way through one.
 */
export const deployLock = (connection: string) => `eventflows:deploy:${connection}`;

/**
 * Runs `work` holding the flow's lock and the deploy lock of each connection, as one set taken in one
 * order (`Db.withLock`): deploys touching one connection take turns, and so does everything that
 * changes one flow's deployment.
 */
function withDeployLocks<T>(services: Services, flowId: string, connections: Iterable<string>, work: () => Promise<T>): Promise<T> {
  return services.db.withLock([flowLock(flowId), ...[...connections].map(deployLock)], work);
}

/**
 * Deploys a flow: compile → read the actual state → plan → apply → hand bindings to the runtime →
 * record. Deploys touching one connection, and deploys, undeploys and deletion of one flow, are
 * serialised across every server process. Refused when `revision` is not the flow's current one (the
 * reviewed plan is stale), when the flow has errors, or when a member needs access no grant covers
 * (grant requests are then filed for the cluster admins).
 */
export async function deployFlow(
  services: Services,
  input: { flowId: string; revision: number; actor: User; onStep?: StepListener },
): Promise<DeployResult> {
  return withFlowLocked(services, input.flowId, (flow, connections) => {
    if (flow.revision !== input.revision) {
      throw new DomainError('CONFLICT', `The plan was made for revision ${input.revision}, but the flow is at revision ${flow.revision}. Review the new plan and deploy again.`);
    }
    return run(services, flow, flow.graph, connections, 'deploy', input.actor, input.onStep);
  });
}

/**
 * Saves `graph` as the flow's next revision and deploys it, as one change: the revision is saved in
 * the transaction that enables and disables the bindings, so a crash leaves the change saved and its
 * bindings enabled (what is left is done at start-up and by the next plan) or neither (the topics and
 * ACLs it made are the flow's, and its next plan removes those it does not need). Refused with
 * CONFLICT when the flow is no longer at `baseRevision`. Nothing is saved unless the deploy happens.
 */
export async function deployEdit(
  services: Services,
  input: { flowId: string; baseRevision: number; graph: FlowGraph; actor: User },
): Promise<DeployResult> {
  return withFlowLocked(
    services,
    input.flowId,
    (flow, connections) => {
      const changedMeanwhile = () => new DomainError('CONFLICT', `Flow "${flow.name}" changed meanwhile; reload and try again.`);
      if (flow.revision !== input.baseRevision) throw changedMeanwhile();
      const next: Flow = { ...flow, graph: input.graph, revision: flow.revision + 1 };
      const save = async (tx: Queryable) => {
        const saved = await saveFlow(tx, { id: flow.id, baseRevision: flow.revision, name: flow.name, description: flow.description, graph: input.graph, actor: input.actor.id });
        if (saved.status !== 'saved') throw changedMeanwhile();
      };
      return run(services, next, input.graph, connections, 'deploy', input.actor, undefined, save);
    },
    input.graph,
  );
}

/**
 * Undeploys a flow: stops its bindings and removes the ACLs only they needed. Topics and grants stay.
 * After a failure part way, undeploying again completes the rest.
 */
export async function undeployFlow(services: Services, input: { flowId: string; actor: User; onStep?: StepListener }): Promise<DeployResult> {
  return withFlowLocked(services, input.flowId, (flow, connections) => run(services, flow, emptyGraph(), connections, 'undeploy', input.actor, input.onStep));
}

/**
 * Runs `work` on the flow as it is under its deploy locks, with the connections it touches. Which
 * locks to take is read before they are held, so a save in between may name another connection: then
 * the locks are let go and taken again for the larger set.
 */
async function withFlowLocked<T>(
  services: Services,
  flowId: string,
  work: (flow: Flow, connections: FlowConnections) => Promise<T>,
  graph?: FlowGraph,
): Promise<T> {
  const locking = new Set((await connectionsOf(services, await loadFlow(services, flowId), graph)).configs.keys());
  for (let attempt = 1; ; attempt++) {
    const outcome = await withDeployLocks(services, flowId, locking, async () => {
      const flow = await loadFlow(services, flowId);
      const connections = await connectionsOf(services, flow, graph);
      const missing = [...connections.configs.keys()].filter((id) => !locking.has(id));
      if (missing.length === 0) return { done: true as const, value: await work(flow, connections) };
      if (attempt === 5) throw new DomainError('CONFLICT', 'The flow kept changing while the deploy waited for its turn. Deploy again once the edits have settled.');
      return { done: false as const, missing };
    });
    if (outcome.done) return outcome.value;
    for (const id of outcome.missing) locking.add(id);
  }
}

/**
 * Deletes a flow that is not deployed, with its history. It takes the flow's lock, so a deploy of the
 * flow under way finishes first (and then counts); refused while the flow has enabled bindings.
 */
export async function deleteUndeployedFlow(services: Services, flowId: string): Promise<void> {
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

async function run(
  services: Services,
  flow: Flow,
  graph: FlowGraph,
  connections: FlowConnections,
  kind: 'deploy' | 'undeploy',
  actor: User,
  onStep: StepListener | undefined,
  save?: (tx: Queryable) => Promise<void>,
): Promise<DeployResult> {
  const prepared = await preview(services, flow, graph, actor, kind, connections);
  // Missing grants are not the member's mistake to fix: they become grant requests below.
  const errors = prepared.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'access-not-granted');
  if (errors.length > 0) {
    await audit(services.db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'refused', detail: { errors: errors.length } });
    return { status: 'invalid', diagnostics: prepared.diagnostics };
  }
  const missing = blockedGrants(prepared.plan);
  if (missing.length > 0) {
    const requests = await requestGrants(services.db, { grants: missing, orgId: flow.orgId, flowId: flow.id, requestedBy: actor.id });
    await audit(services.db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'refused', detail: { missingGrants: missing.length } });
    return {
      status: 'needs-grants',
      message: `This flow needs ${countOf(missing.length, 'grant')} that only a cluster admin can give. A request has been filed; deploy again once it is approved.`,
      requests,
    };
  }
  // A deploy that saves its revision names it once saved: cut short before, it deployed no revision.
  const id = await startDeployment(services.db, { flowId: flow.id, revision: kind === 'deploy' && !save ? flow.revision : null, kind, actor: actor.id, plan: prepared.plan });
  const saving = save
    ? async (tx: Queryable) => {
        await save(tx);
        await recordDeployedRevision(tx, id, flow.revision);
      }
    : undefined;
  const channel = deployChannel(flow.id);
  // Every open studio of the org (on any replica) refreshes the flow's badge, history and catalog.
  const announceFinished = (status: 'succeeded' | 'failed') =>
    announceChange(services.db, flow.orgId, { kind: 'deployment', flowId: flow.id, action: kind, revision: kind === 'deploy' ? flow.revision : null, status, by: actor.id });
  services.events.publish(channel, { kind: 'started', deploymentId: id, summary: prepared.plan.summary });
  const listener: StepListener = async (step: DeployStep) => {
    await recordStep(services.db, id, step);
    services.events.publish(channel, { kind: 'step', deploymentId: id, step });
    await onStep?.(step);
  };
  try {
    await applyPlan(services, prepared.plan, prepared.connections, actor.id, listener, { kind, ...(saving ? { save: saving } : {}) });
    await finishDeployment(services.db, id, 'succeeded');
    await announceFinished('succeeded');
    services.events.publish(channel, { kind: 'finished', deploymentId: id, status: 'succeeded' });
    await audit(services.db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'ok', detail: { deployment: id, summary: prepared.plan.summary } });
    return { status: 'deployed', deployment: (await getDeployment(services.db, id)) as Deployment };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishDeployment(services.db, id, 'failed', message);
    await announceFinished('failed');
    services.events.publish(channel, { kind: 'finished', deploymentId: id, status: 'failed', error: message });
    await audit(services.db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'failed', detail: { deployment: id, error: message } });
    services.log('error', `${kind} of ${flow.id} failed`, { deployment: id, error: message });
    return { status: 'failed', deployment: (await getDeployment(services.db, id)) as Deployment, error: message };
  }
}

/**
 * Finishes the deploys a crash left marked running: each whose flow lock can be had within `waitMs`
 * is no longer under way anywhere, and is marked failed with a sentence; one whose lock a live
 * process holds (a deploy on another replica) is left alone. Run at start-up.
 */
export async function finishInterruptedDeploys(services: Services, options: { waitMs: number }): Promise<{ finished: number; stillRunning: number }> {
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
