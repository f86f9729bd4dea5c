import {
  diffGraphs,
  emptyGraph,
  grantKey,
  grantsNeeded,
  isEmptyDiff,
  orgAccessRefusal,
  ownDlqProblem,
  parseAlgorithmRef,
  subscriptionWithDlq,
  validateGraph,
  type Binding,
  type BindingChange,
  type Catalog,
  type EventsTabRow,
  type Flow,
  type FlowEdge,
  type FlowGraph,
  type Grant,
  type SubscribeBinding,
  type TopicRef,
} from '@event-flows/model';
import { buildCatalog } from '../catalog/buildCatalog.ts';
import { deleteUndeployedFlow, deployEdit, type DeployResult } from '../deploy/deployEngine.ts';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { listGrantRequests, listGrants, requestGrants, type GrantRequest } from '../store/access.ts';
import { listConnections } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';
import { flowThatLastStopped, lastDeployAskedFor, lastSucceededDeployment } from '../store/deployments.ts';
import { createFlow, getFlow, getRevision } from '../store/flows.ts';
import { addEdge, edgesFor, ensureAlgorithm, ensureTopic, removeAlgorithmDlq, removeEdges, setEdgeVersion, updateEdges } from './graphEdits.ts';

export type { BindingChange, EventsTabRow };

/** Refuses a user who may not read (or change) the org's bindings, as the API's own checks do (see `orgAccessRefusal`). */
function assertOrg(user: User, orgId: string, access: 'read' | 'write'): void {
  const refusal = orgAccessRefusal(user, orgId, access);
  if (refusal) throw new DomainError(refusal.code, refusal.message);
}

function orgOf(algorithm: string): string {
  const parsed = parseAlgorithmRef(algorithm);
  if (!parsed) throw new DomainError('BAD_REQUEST', `"${algorithm}" is not an algorithm name ("org/name").`);
  return parsed.org;
}

/** Whether `b` is the binding that enables `access` (a grant, or a change the tab asks for). */
function enables(b: Binding, access: Pick<BindingChange, 'connection' | 'topic' | 'access'>): boolean {
  return b.connection === access.connection && b.topic === access.topic && b.direction === access.access;
}

/** The Events tab of one algorithm: every granted topic, with its binding's state (a publication that is a subscription's DLQ says so). */
export async function listAccess(services: Services, user: User, algorithm: string): Promise<EventsTabRow[]> {
  const orgId = orgOf(algorithm);
  assertOrg(user, orgId, 'read');
  const [grants, bindings] = await Promise.all([listGrants(services.db, { algorithm }), listBindings(services.db, { algorithm })]);
  return grants.map((g) => {
    const binding = bindings.find((b) => enables(b, g));
    const dlqOf = g.access === 'publish' && !binding ? subscriptionsWithDlq(bindings, g)[0] : undefined;
    return {
      connection: g.connection,
      topic: g.topic,
      access: g.access,
      state: binding ? 'enabled' : dlqOf ? 'dlq' : 'disabled',
      flowId: (binding ?? dlqOf)?.flowId ?? null,
      // A DLQ has no version of its own: it is the subscription's, shown on the subscription's row.
      version: binding?.version ?? null,
      dlq: binding?.direction === 'subscribe' ? (binding as SubscribeBinding).dlq : null,
    };
  });
}

/** The enabled subscriptions among `bindings` whose DLQ is `topic`. */
function subscriptionsWithDlq(bindings: readonly Binding[], topic: TopicRef): SubscribeBinding[] {
  return bindings.filter((b): b is SubscribeBinding => b.direction === 'subscribe' && b.dlq?.connection === topic.connection && b.dlq.topic === topic.topic);
}

/** The id of the flow that holds an algorithm's Events-tab bindings when no other flow owns its bindings. */
export function eventsFlowId(algorithm: string): string {
  return `events.${algorithm.replace('/', '.')}`;
}

/**
 * Where an Events-tab change is made: a flow that exists, or (`isNew`) the algorithm's Events-tab flow,
 * which is created only when the change goes live, so that a refused change leaves no empty flow behind.
 */
interface Target {
  flow: Flow;
  isNew: boolean;
}

/**
 * The flow an enable goes to, so that nothing moves a binding from one flow to another behind the
 * person's back:
 * 1. the flow that last held this binding, while that flow is deployed (the deploy log remembers which
 *    deploy stopped it): disable then enable puts it back where it was;
 * 2. else the flow that owns the algorithm's enabled bindings (its own Events-tab flow first when several
 *    do): an algorithm's subscriptions publish to the publications of their own flow, so its bindings
 *    belong together;
 * 3. else its Events-tab flow, made when the change goes live.
 * Never another flow that merely mentions the algorithm: a draft or a copy would take over access it does
 * not own.
 */
async function flowForEnable(services: Services, user: User, change: BindingChange, orgId: string): Promise<Target> {
  const remembered = await flowThatLastStopped(services.db, { ...change, direction: change.access });
  if (remembered) {
    const flow = await getFlow(services.db, remembered);
    if (flow?.orgId === orgId && (await lastSucceededDeployment(services.db, flow.id))?.kind === 'deploy') return { flow, isNew: false };
  }
  const id = eventsFlowId(change.algorithm);
  const owners = new Set((await listBindings(services.db, { algorithm: change.algorithm })).map((b) => b.flowId));
  for (const owner of owners.has(id) ? [id] : [...owners].sort()) {
    const flow = await getFlow(services.db, owner);
    if (flow) return { flow, isNew: false };
  }
  const existing = await getFlow(services.db, id);
  if (existing) return { flow: existing, isNew: false };
  return { flow: eventsFlowDraft(change.algorithm, user.id), isNew: true };
}

/** The algorithm's Events-tab flow as it is made: empty, not saved yet (revision 0). */
export function eventsFlowDraft(algorithm: string, actor: string): Flow {
  return {
    id: eventsFlowId(algorithm),
    orgId: orgOf(algorithm),
    name: `${algorithm} (Events tab)`,
    description: `Bindings enabled for ${algorithm} from its Events tab.`,
    revision: 0,
    graph: emptyGraph(),
    updatedBy: actor,
    updatedAt: new Date().toISOString(),
  };
}

/**
 * The graph the flow's bindings are meant to follow: that of the revision last deployed, or whose deploy
 * a person asked for and which failed or was cut short after it was saved (its next deploy, or the tab's
 * next change, finishes what is left); none when the flow is not deployed.
 */
async function deployedGraph(services: Services, flow: Flow): Promise<FlowGraph> {
  const last = await lastDeployAskedFor(services.db, flow.id);
  if (!last || last.kind === 'undeploy' || last.revision === null) return emptyGraph();
  return (await getRevision(services.db, flow.id, last.revision))?.graph ?? emptyGraph();
}

/**
 * The flow as the Events tab builds on it. The algorithm's own Events-tab flow is written by the tab: a
 * revision of it that no deploy was asked for was saved by an earlier version of the studio, which saved
 * a change before deploying it, when a crash came in between. It is set aside (it stays in the flow's
 * history) and the change builds on the deployed graph, as the tab shows it. Any other flow is returned
 * as it is; its saved canvas edits stop the change (see `saveAndDeploy`).
 */
async function asTabBuildsOn(services: Services, flow: Flow, algorithm: string): Promise<Flow> {
  if (flow.id !== eventsFlowId(algorithm)) return flow;
  return { ...flow, graph: await deployedGraph(services, flow) };
}

/** Why a deploy that did not happen was refused, as a person reads it. */
function refusal(result: Exclude<DeployResult, { status: 'deployed' }>): string {
  if (result.status === 'invalid') return result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join(' ');
  if (result.status === 'needs-grants') return result.message;
  return `The deploy failed: ${result.error}`;
}

/**
 * The refusal for an Events-tab change whose deploy did not happen; or, when the deploy failed after it
 * saved the change with its bindings (the flow is at `savedRevision`), a sentence saying so and what to do.
 */
async function notDeployed(services: Services, flowId: string, savedRevision: number, result: Exclude<DeployResult, { status: 'deployed' }>): Promise<DomainError> {
  if (result.status === 'failed' && (await getFlow(services.db, flowId))?.revision === savedRevision) {
    return new DomainError(
      'PRECONDITION_FAILED',
      `This change was saved and its bindings changed, but the deploy did not finish: ${result.error.replace(/\.?$/, '.')} The next change here, or a deploy of the flow, finishes it; the flow's plan shows what is left.`,
    );
  }
  return new DomainError('PRECONDITION_FAILED', `This change was not made: ${refusal(result)}`);
}

/** The grants `graph` needs that the catalog's grants lack. */
function missingGrants(graph: FlowGraph, catalog: Catalog): Grant[] {
  const granted = new Set(catalog.grants.map(grantKey));
  return grantsNeeded(graph).filter((g) => !granted.has(grantKey(g)));
}

/**
 * A refusal for access no grant covers, with that access, so the person can request it right there;
 * connections are named as people know them (`names`, by id), as nodes name them.
 */
function accessRefusal(missing: Grant[], names: ReadonlyMap<string, string>): DomainError {
  const what = missing.map((g) => `${g.algorithm} may not ${g.access} to "${g.topic}" on "${names.get(g.connection) ?? g.connection}": a cluster admin has not granted it.`).join(' ');
  return new DomainError('FORBIDDEN', `This change was not made: ${what} Request access, and try again once a cluster admin has granted it.`, missing);
}

/**
 * Refuses an edited graph that the rules refuse, before anything is saved: for missing access with the
 * grants to request, otherwise with the diagnostics.
 */
function refuseInvalid(graph: FlowGraph, catalog: Catalog, user: User, flow: Flow): void {
  const errors = validateGraph(graph, catalog, { role: user.role, orgId: flow.orgId }, { flowId: flow.id }).filter((d) => d.severity === 'error');
  // Missing access is told with a way to request it, once nothing else stands in the way.
  const others = errors.filter((d) => d.code !== 'access-not-granted');
  if (others.length > 0) throw new DomainError('BAD_REQUEST', `This change was not made: ${others.map((d) => d.message).join(' ')}`);
  if (errors.length > 0) throw accessRefusal(missingGrants(graph, catalog), new Map(catalog.connections.map((c) => [c.id, c.name])));
}

/**
 * Saves the Events tab's edit of the flow and deploys it, as one change ({@link deployEdit}): an edit
 * with errors is refused before anything happens, and one the deploy refuses or that fails before its
 * bindings change is not saved, so the flow never keeps a change that is not live, even across a crash.
 * The edit is built on the flow's current graph, so that graph must be the deployed one: saved canvas
 * edits nobody deployed would otherwise go live with it, unreviewed.
 */
async function saveAndDeploy(services: Services, user: User, target: Target, graph: FlowGraph): Promise<{ flowId: string; result: DeployResult }> {
  const { flow, isNew } = target;
  if (!isNew && !isEmptyDiff(diffGraphs(await deployedGraph(services, flow), flow.graph))) {
    throw new DomainError(
      'CONFLICT',
      `Flow "${flow.name}" has saved changes that are not deployed (revision ${flow.revision}). Open it on the canvas to review and deploy them, or discard them, and then change this access again.`,
    );
  }
  const { catalog } = await buildCatalog(services, flow.orgId);
  refuseInvalid(graph, catalog, user, flow);
  if (isNew) return createAndDeploy(services, user, flow, graph);
  const result = await deployEdit(services, { flowId: flow.id, baseRevision: flow.revision, graph, actor: user });
  if (result.status !== 'deployed') throw await notDeployed(services, flow.id, flow.revision + 1, result);
  return { flowId: flow.id, result };
}

/**
 * Creates the algorithm's Events-tab flow, empty, and deploys `graph` as its next revision; deletes it
 * again when the deploy does not happen. Left by a crash, the empty flow is where the next change goes.
 */
async function createAndDeploy(services: Services, user: User, draft: Flow, graph: FlowGraph): Promise<{ flowId: string; result: DeployResult }> {
  const created = await createFlow(services.db, { id: draft.id, orgId: draft.orgId, name: draft.name, description: draft.description, graph: emptyGraph(), actor: user.id }).catch(
    (error: unknown) => {
      // Another enable made the flow first.
      if (String(error).includes('duplicate key')) throw new DomainError('CONFLICT', `Flow "${draft.name}" was made meanwhile; reload the Events tab and try again.`);
      throw error;
    },
  );
  const discard = async () => {
    try {
      await deleteUndeployedFlow(services, created.id);
    } catch (error) {
      // A deploy that started bindings before it failed leaves them to this flow: then it stays, to be undeployed.
      if (!(error instanceof DomainError)) throw error;
    }
  };
  const result = await deployEdit(services, { flowId: created.id, baseRevision: created.revision, graph, actor: user }).catch(async (error: unknown) => {
    await discard();
    throw error;
  });
  if (result.status !== 'deployed') {
    await discard();
    throw await notDeployed(services, created.id, created.revision + 1, result);
  }
  return { flowId: created.id, result };
}

/**
 * Gives the algorithm's subscriptions `subscriptionIds` the DLQ `dlq`, or none for `null` (the algorithm's
 * DLQ edge then no longer applies to them either), or leaves them as they are for `undefined`.
 */
function applyDlq(graph: FlowGraph, algorithmNodeId: string, subscriptionIds: readonly string[], dlq: TopicRef | null | undefined): FlowGraph {
  if (dlq === undefined) return graph;
  // A subscription whose DLQ already is the one asked for is left as drawn.
  const changing = subscriptionIds.filter((id) => {
    const edge = graph.edges.find((e) => e.id === id);
    const current = edge ? dlqTopicOf(graph, algorithmNodeId, edge) : null;
    return dlq === null ? current !== null : current?.connection !== dlq.connection || current.topic !== dlq.topic;
  });
  if (changing.length === 0) return graph;
  return changeDlq(graph, algorithmNodeId, changing, dlq);
}

/** The topic a subscription's failed messages go to: its own DLQ, else its algorithm's, else `null`. */
function dlqTopicOf(graph: FlowGraph, algorithmNodeId: string, subscription: FlowEdge): TopicRef | null {
  const nodeId = subscription.dlq ?? graph.edges.find((e) => e.kind === 'dlq' && e.source === algorithmNodeId)?.target;
  const node = graph.nodes.find((n) => n.id === nodeId);
  return node?.kind === 'topic' ? { connection: node.connection, topic: node.topic } : null;
}

/** {@link applyDlq} for the subscriptions whose DLQ changes. */
function changeDlq(graph: FlowGraph, algorithmNodeId: string, subscriptionIds: readonly string[], dlq: TopicRef | null): FlowGraph {
  let next = dlq === null ? removeAlgorithmDlq(graph, algorithmNodeId, subscriptionIds) : graph;
  let dlqNodeId: string | undefined;
  if (dlq) {
    const ensured = ensureTopic(next, dlq, 'output');
    next = ensured.graph;
    dlqNodeId = ensured.node.id;
  }
  const updated = next.edges
    .filter((e) => subscriptionIds.includes(e.id))
    .map((e) => {
      const { dlq: _old, ...rest } = e;
      return dlqNodeId ? { ...rest, dlq: dlqNodeId } : rest;
    });
  return updateEdges(next, updated);
}

async function enabledBinding(services: Services, change: Pick<BindingChange, 'algorithm' | 'connection' | 'topic' | 'access'>) {
  return (await listBindings(services.db, { algorithm: change.algorithm })).find((b) => enables(b, change));
}

/**
 * The flow and graph an enable makes: the binding's edge, carrying the version asked for (the version of
 * this binding alone), added to the flow chosen by {@link flowForEnable}.
 */
async function enabledGraph(services: Services, user: User, change: BindingChange): Promise<{ target: Target; graph: FlowGraph }> {
  const orgId = orgOf(change.algorithm);
  const bindings = await listBindings(services.db, { algorithm: change.algorithm });
  if (bindings.some((b) => enables(b, change))) {
    throw new DomainError('CONFLICT', 'This access is enabled already; edit it instead.');
  }
  const dlqOf = change.access === 'publish' ? subscriptionWithDlq(bindings, change) : undefined;
  if (dlqOf) throw new DomainError('BAD_REQUEST', ownDlqProblem(change.algorithm, change.topic, dlqOf.topic));
  const chosen = await flowForEnable(services, user, change, orgId);
  const target = chosen.isNew ? chosen : { flow: await asTabBuildsOn(services, chosen.flow, change.algorithm), isNew: false };
  const withAlgorithm = ensureAlgorithm(target.flow.graph, change.algorithm, change.version);
  const algorithm = withAlgorithm.node;
  const ensured = ensureTopic(withAlgorithm.graph, change, change.access === 'subscribe' ? 'input' : 'output');
  const added = addEdge(ensured.graph, change.access === 'subscribe' ? { kind: 'subscribe', source: ensured.node.id, target: algorithm.id } : { kind: 'publish', source: algorithm.id, target: ensured.node.id });
  const graph = setEdgeVersion(added.graph, [added.edge.id], change.version);
  return { target, graph: change.access === 'subscribe' ? applyDlq(graph, algorithm.id, [added.edge.id], change.dlq) : graph };
}

/** The flow and graph an edit makes: the version on this binding's edges alone and, for a subscription, its DLQ. */
async function editedGraph(services: Services, user: User, change: BindingChange): Promise<{ target: Target; graph: FlowGraph }> {
  const { flow, algorithmId, edgeIds } = await owned(services, user, change);
  const graph = setEdgeVersion(flow.graph, edgeIds, change.version);
  return { target: { flow, isNew: false }, graph: change.access === 'subscribe' ? applyDlq(graph, algorithmId, edgeIds, change.dlq) : graph };
}

/** Enables granted access, through the flow it belongs to (see {@link flowForEnable}), and deploys it. */
export async function enableAccess(services: Services, user: User, change: BindingChange) {
  const orgId = orgOf(change.algorithm);
  assertOrg(user, orgId, 'write');
  const grant: Grant = { connection: change.connection, topic: change.topic, algorithm: change.algorithm, access: change.access };
  const granted = (await listGrants(services.db, { algorithm: change.algorithm })).some((g) => grantKey(g) === grantKey(grant));
  if (!granted) throw accessRefusal([grant], new Map((await listConnections(services.db)).map((c) => [c.id, c.name])));
  const { target, graph } = await enabledGraph(services, user, change);
  return saveAndDeploy(services, user, target, graph);
}

/** Changes an enabled binding's version (on its own edge: no other binding's) and, for a subscription, its DLQ. */
export async function editAccess(services: Services, user: User, change: BindingChange) {
  const { target, graph } = await editedGraph(services, user, change);
  return saveAndDeploy(services, user, target, graph);
}

/**
 * Files grant requests for the access that enabling (or, when it is enabled, editing) `change` needs and
 * no grant covers; returns the requests (none when everything is granted now).
 */
export async function requestAccess(services: Services, user: User, change: BindingChange): Promise<GrantRequest[]> {
  const orgId = orgOf(change.algorithm);
  assertOrg(user, orgId, 'write');
  const { target, graph } = (await enabledBinding(services, change)) ? await editedGraph(services, user, change) : await enabledGraph(services, user, change);
  const { catalog } = await buildCatalog(services, orgId);
  const missing = missingGrants(graph, catalog);
  return requestGrants(services.db, { grants: missing, orgId, flowId: target.isNew ? null : target.flow.id, requestedBy: user.id });
}

/** The grant requests filed for an algorithm, newest first: what its Events tab says of access asked for. */
export async function accessRequests(services: Services, user: User, algorithm: string): Promise<GrantRequest[]> {
  const orgId = orgOf(algorithm);
  assertOrg(user, orgId, 'read');
  return (await listGrantRequests(services.db, { orgId })).filter((r) => r.algorithm === algorithm);
}

/** Disables an enabled binding: the algorithm no longer has that access once the deploy removes its ACLs. */
export async function disableAccess(services: Services, user: User, change: Omit<BindingChange, 'version' | 'dlq'>) {
  const { flow, edgeIds } = await owned(services, user, change);
  const graph = removeEdges(flow.graph, new Set(edgeIds), flow.id === eventsFlowId(change.algorithm));
  return saveAndDeploy(services, user, { flow, isNew: false }, graph);
}

async function owned(services: Services, user: User, change: Pick<BindingChange, 'algorithm' | 'connection' | 'topic' | 'access'>) {
  const orgId = orgOf(change.algorithm);
  assertOrg(user, orgId, 'write');
  const binding = await enabledBinding(services, change);
  if (!binding) throw new DomainError('NOT_FOUND', 'This access is not enabled.');
  const saved = await getFlow(services.db, binding.flowId);
  if (!saved) throw new DomainError('NOT_FOUND', `The flow "${binding.flowId}" that enabled this access is gone.`);
  const flow = await asTabBuildsOn(services, saved, change.algorithm);
  const algorithm = flow.graph.nodes.find((n) => n.kind === 'algorithm' && n.algorithm === change.algorithm);
  if (!algorithm) throw new DomainError('CONFLICT', `Flow "${flow.name}" no longer holds ${change.algorithm}; deploy it to bring Kafka in line.`);
  const edgeIds = edgesFor(flow.graph, algorithm.id, change, change.access).map((e) => e.id);
  return { flow, algorithmId: algorithm.id, edgeIds };
}
