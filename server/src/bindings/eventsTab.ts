import { diffGraphs, emptyGraph, isEmptyDiff, parseAlgorithmRef, validateGraph, type Binding, type BindingChange, type EventsTabRow, type Flow, type FlowGraph, type SubscribeBinding, type TopicRef } from '@event-flows/model';
import { buildCatalog } from '../catalog/buildCatalog.ts';
import { deployFlow, type DeployResult } from '../deploy/deployEngine.ts';
import { DomainError } from '../errors.ts';
import { orgRefusal, type User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { listBindings } from '../store/deployState.ts';
import { lastSucceededDeployment } from '../store/deployments.ts';
import { createFlow, getFlow, getRevision, saveFlow } from '../store/flows.ts';
import { addEdge, edgesFor, ensureAlgorithm, ensureTopic, removeAlgorithmDlq, removeEdges, setVersion, updateEdges } from './graphEdits.ts';

export type { BindingChange, EventsTabRow };

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
  const refusal = orgRefusal(user, orgId, 'read');
  if (refusal) throw new DomainError(refusal.code, refusal.message);
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
      version: (binding ?? dlqOf)?.version ?? null,
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
 * The flow an enable goes to: the one that owns the algorithm's enabled bindings (the algorithm's own
 * Events-tab flow first when several do), else its Events-tab flow, created when missing. Never another
 * flow that merely mentions the algorithm: a draft or a copy would take over access it does not own.
 */
async function flowForAlgorithm(services: Services, user: User, algorithm: string, orgId: string): Promise<Flow> {
  const id = eventsFlowId(algorithm);
  const owners = new Set((await listBindings(services.db, { algorithm })).map((b) => b.flowId));
  for (const owner of owners.has(id) ? [id] : [...owners].sort()) {
    const flow = await getFlow(services.db, owner);
    if (flow) return flow;
  }
  const existing = await getFlow(services.db, id);
  if (existing) return existing;
  return createFlow(services.db, {
    id,
    orgId,
    name: `${algorithm} (Events tab)`,
    description: `Bindings enabled for ${algorithm} from its Events tab.`,
    graph: { nodes: [], edges: [] },
    actor: user.id,
  });
}

/** The graph Kafka was last brought in line with for this flow: its last deployed revision's, or none. */
async function deployedGraph(services: Services, flow: Flow): Promise<FlowGraph> {
  const last = await lastSucceededDeployment(services.db, flow.id);
  if (!last || last.kind === 'undeploy' || last.revision === null) return emptyGraph();
  return (await getRevision(services.db, flow.id, last.revision))?.graph ?? emptyGraph();
}

/** Why a deploy that did not happen was refused, as a person reads it. */
function refusal(result: Exclude<DeployResult, { status: 'deployed' }>): string {
  if (result.status === 'invalid') return result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join(' ');
  if (result.status === 'needs-grants') return result.message;
  return `The deploy failed: ${result.error}`;
}

/**
 * Saves the Events tab's edit of the flow and deploys it, or changes nothing: an edit with errors is
 * refused before it is saved, and one the deploy refuses is saved over with the graph it replaced, so the
 * flow never keeps a change that is not live. The edit is built on the flow's current graph, so that graph
 * must be the deployed one: saved canvas edits nobody deployed would otherwise go live with it, unreviewed.
 */
async function saveAndDeploy(services: Services, user: User, flow: Flow, graph: FlowGraph): Promise<{ flowId: string; result: DeployResult }> {
  if (!isEmptyDiff(diffGraphs(await deployedGraph(services, flow), flow.graph))) {
    throw new DomainError(
      'CONFLICT',
      `Flow "${flow.name}" has saved changes that are not deployed (revision ${flow.revision}). Open it on the canvas to review and deploy them, or discard them, and then change this access again.`,
    );
  }
  const { catalog } = await buildCatalog(services, flow.orgId);
  const errors = validateGraph(graph, catalog, { role: user.role, orgId: flow.orgId }, { flowId: flow.id }).filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new DomainError('BAD_REQUEST', `This change was not made: ${errors.map((d) => d.message).join(' ')}`);
  const changed = (base: Flow, next: FlowGraph) =>
    saveFlow(services.db, { id: flow.id, baseRevision: base.revision, name: base.name, description: base.description, graph: next, actor: user.id });
  const saved = await changed(flow, graph);
  if (saved.status !== 'saved') throw new DomainError('CONFLICT', `Flow "${flow.name}" changed meanwhile; reload the Events tab and try again.`);
  const result = await deployFlow(services, { flowId: flow.id, revision: saved.flow.revision, actor: user }).catch(async (error: unknown) => {
    await changed(saved.flow, flow.graph);
    throw error;
  });
  if (result.status !== 'deployed') {
    // Only when nobody saved meanwhile: a newer save is someone's work, not this change.
    await changed(saved.flow, flow.graph);
    throw new DomainError('PRECONDITION_FAILED', `This change was not made: ${refusal(result)}`);
  }
  return { flowId: flow.id, result };
}

/**
 * Gives the algorithm's subscriptions `subscriptionIds` the DLQ `dlq`, or none for `null` (the algorithm's
 * DLQ edge then no longer applies to them either), or leaves them as they are for `undefined`.
 */
function applyDlq(graph: FlowGraph, algorithmNodeId: string, subscriptionIds: readonly string[], dlq: TopicRef | null | undefined): FlowGraph {
  if (dlq === undefined) return graph;
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

/** Enables granted access, through the flow that holds the algorithm (or its Events-tab flow), and deploys it. */
export async function enableAccess(services: Services, user: User, change: BindingChange) {
  const orgId = orgOf(change.algorithm);
  const refusal = orgRefusal(user, orgId, 'write');
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  const granted = (await listGrants(services.db, { algorithm: change.algorithm })).some(
    (g) => g.connection === change.connection && g.topic === change.topic && g.access === change.access,
  );
  if (!granted) throw new DomainError('FORBIDDEN', `${change.algorithm} has no grant to ${change.access} to "${change.topic}". Ask a cluster admin.`);
  const bindings = await listBindings(services.db, { algorithm: change.algorithm });
  if (bindings.some((b) => enables(b, change))) {
    throw new DomainError('CONFLICT', 'This access is enabled already; edit it instead.');
  }
  const dlqOf = change.access === 'publish' ? subscriptionsWithDlq(bindings, change)[0] : undefined;
  if (dlqOf) {
    throw new DomainError(
      'BAD_REQUEST',
      `"${change.topic}" is the Dead Letter Queue of ${change.algorithm}'s subscription to "${dlqOf.topic}": publishing there would mix its results into the messages it failed. Pick another topic, or turn that subscription's Dead Letter Queue off first.`,
    );
  }
  const flow = await flowForAlgorithm(services, user, change.algorithm, orgId);
  const withAlgorithm = ensureAlgorithm(flow.graph, change.algorithm, change.version);
  const algorithm = withAlgorithm.node;
  let graph = setVersion(withAlgorithm.graph, algorithm.id, change.version);
  const ensured = ensureTopic(graph, change, change.access === 'subscribe' ? 'input' : 'output');
  graph = ensured.graph;
  const added = addEdge(graph, change.access === 'subscribe' ? { kind: 'subscribe', source: ensured.node.id, target: algorithm.id } : { kind: 'publish', source: algorithm.id, target: ensured.node.id });
  graph = change.access === 'subscribe' ? applyDlq(added.graph, algorithm.id, [added.edge.id], change.dlq) : added.graph;
  return saveAndDeploy(services, user, flow, graph);
}

/** Changes an enabled binding's version (the algorithm's, in its flow) and, for a subscription, its DLQ. */
export async function editAccess(services: Services, user: User, change: BindingChange) {
  const { flow, algorithmId, edgeIds } = await owned(services, user, change);
  let graph = setVersion(flow.graph, algorithmId, change.version);
  if (change.access === 'subscribe') graph = applyDlq(graph, algorithmId, edgeIds, change.dlq);
  return saveAndDeploy(services, user, flow, graph);
}

/** Disables an enabled binding: the algorithm no longer has that access once the deploy removes its ACLs. */
export async function disableAccess(services: Services, user: User, change: Omit<BindingChange, 'version' | 'dlq'>) {
  const { flow, edgeIds } = await owned(services, user, change);
  const graph = removeEdges(flow.graph, new Set(edgeIds), flow.id === eventsFlowId(change.algorithm));
  return saveAndDeploy(services, user, flow, graph);
}

async function owned(services: Services, user: User, change: Pick<BindingChange, 'algorithm' | 'connection' | 'topic' | 'access'>) {
  const orgId = orgOf(change.algorithm);
  const refusal = orgRefusal(user, orgId, 'write');
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  const binding = await enabledBinding(services, change);
  if (!binding) throw new DomainError('NOT_FOUND', 'This access is not enabled.');
  const flow = await getFlow(services.db, binding.flowId);
  if (!flow) throw new DomainError('NOT_FOUND', `The flow "${binding.flowId}" that enabled this access is gone.`);
  const algorithm = flow.graph.nodes.find((n) => n.kind === 'algorithm' && n.algorithm === change.algorithm);
  if (!algorithm) throw new DomainError('CONFLICT', `Flow "${flow.name}" no longer holds ${change.algorithm}; deploy it to bring Kafka in line.`);
  const edgeIds = edgesFor(flow.graph, algorithm.id, change, change.access).map((e) => e.id);
  return { flow, algorithmId: algorithm.id, edgeIds };
}
