/**
 * Adopt (issue 21): selected items of a connection's discovery become part of a flow, new or existing.
 * Reads the connection once as discovery does (so a member takes only what the org's grants cover),
 * decides the graph with the model (`adoptIntoGraph`), saves it as a new flow or the existing flow's
 * next revision, and writes an audit entry. Nothing changes in Kafka: deploying the flow adopts.
 */
import { adoptIntoGraph, defaultVersion, emptyGraph, limits, orgAccessRefusal, type AdoptRequest, type CatalogAlgorithm, type LeftOut } from '@event-flows/model';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { audit } from '../store/audit.ts';
import { createFlow, getFlow, saveFlow, unusedFlowName } from '../store/flows.ts';
import { discoverConnection } from './discover.ts';

/** What an adoption did: the flow and its revision, how much was added, what was left out and why. */
export interface AdoptResult {
  flowId: string;
  revision: number;
  addedNodes: number;
  addedEdges: number;
  leftOut: LeftOut[];
}

/**
 * Adopts `request`'s selected topics and principals into a flow `user` may change. An item the user
 * may not see, or that is not on the cluster, is left out with the reason. Refuses a flow that does
 * not exist or is another org's (NOT_FOUND), a viewer (FORBIDDEN), and a flow saved since the
 * revision the person saw (CONFLICT). An algorithm node added gets the version `request.versions`
 * chooses for it, else the catalog's newest published version of the algorithm, else `latest`; a
 * chosen version the catalog does not publish is refused (BAD_REQUEST) with a sentence.
 */
export async function adoptDiscovered(services: Pick<Services, 'db' | 'secrets' | 'kafka' | 'naming' | 'platform'>, user: User, request: AdoptRequest): Promise<AdoptResult> {
  const into = request.into;
  const existing = into.kind === 'existing' ? await getFlow(services.db, into.flowId) : undefined;
  if (into.kind === 'existing' && !existing) throw new DomainError('NOT_FOUND', `There is no flow "${into.flowId}".`);
  const orgId = existing ? existing.orgId : into.kind === 'new' ? into.orgId : '';
  const refusal = orgAccessRefusal(user, orgId, 'write');
  // Another org's flow is answered as one that does not exist.
  if (refusal?.code === 'NOT_FOUND' && existing) throw new DomainError('NOT_FOUND', `There is no flow "${existing.id}".`);
  if (refusal) throw new DomainError(refusal.code, refusal.message);

  const [{ discovery }, algorithms] = await Promise.all([discoverConnection(services, user, request.connection), services.platform.algorithms(orgId)]);
  // An algorithm node added starts at the version chosen, else the one a person adding it from the palette would get.
  const versions = new Map(algorithms.map((a) => [a.ref, defaultVersion(a.versions)]));
  for (const [algorithm, version] of Object.entries(request.versions ?? {})) versions.set(algorithm, publishedVersion(algorithms, orgId, algorithm, version));
  const leftOut: LeftOut[] = [];
  const topicsByName = new Map(discovery.topics.map((t) => [t.name, t]));
  const principalsByName = new Map(discovery.principals.map((p) => [p.name, p]));
  const topics = request.topics.flatMap((name) => {
    const topic = topicsByName.get(name);
    if (!topic) leftOut.push({ kind: 'topic', name, reason: 'not on the cluster, or not covered by your grants' });
    return topic ? [topic] : [];
  });
  const principals = request.principals.flatMap((name) => {
    const principal = principalsByName.get(name);
    if (!principal) leftOut.push({ kind: 'principal', name, reason: 'has no ACL on the cluster, or is not covered by your grants' });
    return principal ? [principal] : [];
  });

  const adoption = adoptIntoGraph(existing?.graph ?? emptyGraph(), {
    connection: request.connection,
    topics,
    principals,
    naming: services.naming,
    versions,
  });
  leftOut.push(...adoption.leftOut);
  if (adoption.graph.nodes.length > limits.nodes || adoption.graph.edges.length > limits.edges) {
    throw new DomainError('BAD_REQUEST', `The flow would hold more than ${limits.nodes} nodes or ${limits.edges} edges. Adopt fewer items, or into a new flow.`);
  }

  let flowId: string;
  let revision: number;
  if (existing && into.kind === 'existing') {
    const saved = await saveFlow(services.db, { id: existing.id, baseRevision: into.baseRevision, name: existing.name, description: existing.description, graph: adoption.graph, actor: user.id });
    if (saved.status === 'missing') throw new DomainError('NOT_FOUND', `There is no flow "${existing.id}".`);
    if (saved.status === 'conflict') throw new DomainError('CONFLICT', `The flow was saved at revision ${saved.current.revision} after revision ${into.baseRevision}. Reload it and adopt again.`);
    ({ id: flowId, revision } = saved.flow);
  } else {
    const name = await unusedFlowName(services.db, orgId, into.kind === 'new' ? into.name : '', limits.name);
    ({ id: flowId, revision } = await createFlow(services.db, { orgId, name, description: `Adopted from ${request.connection}`, graph: adoption.graph, actor: user.id }));
  }
  const result = { flowId, revision, addedNodes: adoption.addedNodes.length, addedEdges: adoption.addedEdges.length, leftOut };
  await audit(services.db, {
    actor: user.id,
    action: 'discover.adopt',
    target: flowId,
    result: 'ok',
    detail: { connection: request.connection, revision, addedNodes: result.addedNodes, addedEdges: result.addedEdges, leftOut: leftOut.length },
  });
  return result;
}

/** `version` when the catalog publishes it for `algorithm`; otherwise refuses with a sentence naming what it does publish. */
function publishedVersion(algorithms: readonly CatalogAlgorithm[], orgId: string, algorithm: string, version: string): string {
  const known = algorithms.find((a) => a.ref === algorithm);
  if (!known) throw new DomainError('BAD_REQUEST', `The catalog of ${orgId} has no algorithm ${algorithm}, so no version can be chosen for it.`);
  const published = known.versions.filter((v) => v.published).map((v) => v.version);
  if (published.includes(version)) return version;
  const choices = published.length > 0 ? `choose one of ${published.join(', ')}` : 'it has no published version';
  throw new DomainError('BAD_REQUEST', `Version ${version} of ${algorithm} is not published in the catalog: ${choices}.`);
}
