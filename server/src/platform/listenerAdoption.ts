/**
 * The platform's event listeners in the studio (issue 21): the Kafka listeners of an org's members, as
 * the platform's API lists them, each with the studio connection it reads and whether it can be
 * adopted; and adopting chosen listeners into a new or existing flow (`listenersIntoGraph`), recording
 * which listener each subscription came from so that disabling it removes the listener there too.
 * Nothing changes on the platform or in Kafka until the flow is deployed.
 */
import {
  connectionForListener,
  emptyGraph,
  limits,
  listenerName,
  listenersIntoGraph,
  orgAccessRefusal,
  type AdoptListenersRequest,
  type LeftOut,
  type ListenerConnection,
  type PlatformListener,
} from '@event-flows/model';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { audit } from '../store/audit.ts';
import { listConnections } from '../store/connections.ts';
import { createFlow, getFlow, listFlows, saveFlow, unusedFlowName } from '../store/flows.ts';
import { addListenerOrigins, listListenerOrigins } from '../store/listenerOrigins.ts';
import { fromPlatform, PlatformError, type PlatformAdapter, type PlatformEventListeners } from './platform.ts';

/** A listener as the studio shows it. Its credentials' secrets are never read, let alone shown. */
export interface ListenerView {
  id: string;
  userId: string;
  /** The owner's display name, when the platform knows it. */
  userName: string | null;
  sourceType: string;
  algorithm: string;
  version: string;
  topic: string;
  bootstrap: string[];
  timeoutSeconds: number | null;
  /** The studio connection its bootstrap servers name, or `null` (see `problem`). */
  connection: { id: string; name: string } | null;
  /** Why it cannot be adopted as it is; `null` when it can. */
  problem: string | null;
  /** The flow of the org it was adopted into, if any. */
  adoptedInto: { flowId: string; flowName: string } | null;
}

/** The org members' listeners, and the members whose listeners could not be read (with the platform's sentence). */
export interface ListenersAnswer {
  /** `false`: the studio is not connected to the platform's API, so there is nothing to list. */
  configured: boolean;
  listeners: ListenerView[];
  /**
   * `false` when the org has more members than `limits.orgPeople`: only the first ones' listeners are
   * listed (and only those may be adopted).
   */
  membersComplete: boolean;
  unreadable: Array<{ userId: string; message: string }>;
}

/** What adopting did: the flow and its revision, how much was added, and what was left out and why. */
export interface AdoptListenersResult {
  flowId: string;
  revision: number;
  addedNodes: number;
  addedEdges: number;
  adopted: number;
  leftOut: LeftOut[];
}

const notConfigured = "The studio is not connected to the platform's API: set ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY to adopt its event listeners.";

async function studioConnections(services: Pick<Services, 'db'>): Promise<ListenerConnection[]> {
  return (await listConnections(services.db)).map((c) => ({ id: c.id, name: c.name, bootstrap: c.bootstrap }));
}

/** Why one Kafka listener cannot be adopted as it is, or `null`. Decided by the model on the listener alone. */
function problemOf(listener: PlatformListener, connections: readonly ListenerConnection[]): string | null {
  const [left] = listenersIntoGraph(emptyGraph(), [listener], connections).leftOut;
  return left?.reason ?? null;
}

/**
 * The event listeners of the org's members (anyone who may read the org). One member whose listeners
 * the platform would not give is listed under `unreadable` with the platform's sentence; the others
 * are listed still.
 */
export async function listPlatformListeners(services: Pick<Services, 'db' | 'platform'>, user: User, orgId: string): Promise<ListenersAnswer> {
  const refusal = orgAccessRefusal(user, orgId, 'read');
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  const api = services.platform.eventListeners;
  if (!api) return { configured: false, listeners: [], unreadable: [], membersComplete: true };
  const members = await orgMembers(services.platform, orgId);
  const [connections, origins, flows, names, lists] = await Promise.all([
    studioConnections(services),
    listListenerOrigins(services.db),
    listFlows(services.db, orgId),
    services.platform.displayNames(members.ids),
    Promise.all(members.ids.map((userId) => api.list(userId).then((listeners) => ({ userId, listeners }), (error: unknown) => ({ userId, error })))),
  ]);
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  const adoptedInto = new Map(origins.flatMap((o) => (flowNames.has(o.flowId) ? [[`${o.listener.userId}\u0000${o.listener.id}`, o.flowId] as const] : [])));
  const listeners: ListenerView[] = [];
  const unreadable: ListenersAnswer['unreadable'] = [];
  for (const read of lists) {
    if ('error' in read) {
      if (!(read.error instanceof PlatformError)) throw read.error;
      unreadable.push({ userId: read.userId, message: read.error.message });
      continue;
    }
    for (const l of read.listeners) {
      const matched = l.sourceType === 'Kafka' ? connectionForListener(l.bootstrap, connections) : undefined;
      const flowId = adoptedInto.get(`${l.userId}\u0000${l.id}`);
      listeners.push({
        id: l.id,
        userId: l.userId,
        userName: names.get(l.userId) ?? null,
        sourceType: l.sourceType,
        algorithm: l.algorithm,
        version: l.version,
        topic: l.topic,
        bootstrap: l.bootstrap,
        timeoutSeconds: l.timeoutSeconds ?? null,
        connection: matched && 'connection' in matched ? { id: matched.connection.id, name: matched.connection.name } : null,
        problem: problemOf(l, connections),
        adoptedInto: flowId ? { flowId, flowName: flowNames.get(flowId) ?? flowId } : null,
      });
    }
  }
  return { configured: true, listeners, unreadable, membersComplete: members.complete };
}

/**
 * The user ids of the org's people, whose listeners the org may adopt (the first `limits.orgPeople`),
 * and whether that is all of them; the platform's outage refuses with its sentence.
 */
async function orgMembers(platform: PlatformAdapter, orgId: string): Promise<{ ids: string[]; complete: boolean }> {
  const { people, complete } = await fromPlatform(platform.people(orgId));
  return { ids: people.map((p) => p.id), complete };
}

/** Why a listener of `userId`, not among the org's members listed, is left out. */
function notAMember(userId: string, membersComplete: boolean): string {
  // Past the cut the studio cannot tell a member from a stranger, so it adopts nobody's listener it cannot place.
  return membersComplete
    ? `${userId} is not a member of this org`
    : `${userId} is not among the first ${limits.orgPeople.toLocaleString('en')} of this org's members that the platform lists, so the studio cannot tell whether they are a member`;
}

/** The requested listeners as the platform lists them now; those it does not list are left out with the reason. */
async function readRequested(platform: PlatformAdapter, api: PlatformEventListeners, request: AdoptListenersRequest, leftOut: LeftOut[]): Promise<PlatformListener[]> {
  const listed = await orgMembers(platform, request.orgId);
  const members = new Set(listed.ids);
  const users = [...new Set(request.listeners.map((l) => l.userId))].filter((u) => members.has(u));
  const byUser = new Map<string, PlatformListener[]>();
  // The platform's outage refuses the adoption with its sentence, as an unreachable cluster does a deploy.
  for (const userId of users) byUser.set(userId, await fromPlatform(api.list(userId)));
  return request.listeners.flatMap((ref) => {
    const name = `listener ${ref.id} of ${ref.userId}`;
    if (!members.has(ref.userId)) {
      leftOut.push({ kind: 'listener', name, reason: notAMember(ref.userId, listed.complete) });
      return [];
    }
    const found = byUser.get(ref.userId)?.find((l) => l.id === ref.id);
    if (!found) leftOut.push({ kind: 'listener', name, reason: 'the platform no longer lists it (removed since it was listed?)' });
    return found ? [found] : [];
  });
}

/**
 * Adopts chosen listeners of the org's members into a flow `user` may change: the model adds each
 * listener's topic, algorithm and subscribe edge, the flow is saved (new, or the existing flow's next
 * revision) with the record of which listener each subscription came from, in one transaction, and
 * audited. A listener adopted into another flow already, not found, or not placeable is left out with
 * the reason. Refuses a flow that does not exist or is another org's (NOT_FOUND), a viewer
 * (FORBIDDEN), a flow saved since the revision the person saw (CONFLICT), and, with a sentence, a
 * platform that is not configured or does not answer (PRECONDITION_FAILED).
 */
export async function adoptPlatformListeners(services: Pick<Services, 'db' | 'platform'>, user: User, request: AdoptListenersRequest): Promise<AdoptListenersResult> {
  const into = request.into;
  const existing = into.kind === 'existing' ? await getFlow(services.db, into.flowId) : undefined;
  if (into.kind === 'existing' && (!existing || existing.orgId !== request.orgId)) throw new DomainError('NOT_FOUND', `There is no flow "${into.flowId}".`);
  const refusal = orgAccessRefusal(user, request.orgId, 'write');
  if (refusal) throw new DomainError(refusal.code, refusal.message);
  const api = services.platform.eventListeners;
  if (!api) throw new DomainError('PRECONDITION_FAILED', notConfigured);

  const leftOut: LeftOut[] = [];
  const found = await readRequested(services.platform, api, request, leftOut);
  const origins = await listListenerOrigins(services.db);
  const adoptedAlready = new Map(origins.map((o) => [`${o.listener.userId}\u0000${o.listener.id}`, o.flowId]));
  const listeners = found.filter((l) => {
    const flowId = adoptedAlready.get(`${l.userId}\u0000${l.id}`);
    if (flowId && flowId !== existing?.id) leftOut.push({ kind: 'listener', name: listenerName(l), reason: `it is adopted into flow "${flowId}" already` });
    return !flowId || flowId === existing?.id;
  });
  const adoption = listenersIntoGraph(existing?.graph ?? emptyGraph(), listeners, await studioConnections(services));
  leftOut.push(...adoption.leftOut);
  if (adoption.graph.nodes.length > limits.nodes || adoption.graph.edges.length > limits.edges) {
    throw new DomainError('BAD_REQUEST', `The flow would hold more than ${limits.nodes} nodes or ${limits.edges} edges. Adopt fewer listeners, or into a new flow.`);
  }

  const saved = await services.db.transaction(async (tx) => {
    if (existing && into.kind === 'existing') {
      const result = await saveFlow(tx, { id: existing.id, baseRevision: into.baseRevision, name: existing.name, description: existing.description, graph: adoption.graph, actor: user.id });
      if (result.status === 'missing') throw new DomainError('NOT_FOUND', `There is no flow "${existing.id}".`);
      if (result.status === 'conflict') throw new DomainError('CONFLICT', `The flow was saved at revision ${result.current.revision} after revision ${into.baseRevision}. Reload it and adopt again.`);
      await addListenerOrigins(tx, adoption.origins.map((o) => ({ ...o, flowId: existing.id })));
      return result.flow;
    }
    const name = await unusedFlowName(tx, request.orgId, into.kind === 'new' ? into.name : '', limits.name);
    const flow = await createFlow(tx, { orgId: request.orgId, name, description: "Adopted from the platform's event listeners", graph: adoption.graph, actor: user.id });
    await addListenerOrigins(tx, adoption.origins.map((o) => ({ ...o, flowId: flow.id })));
    return flow;
  });
  const result = { flowId: saved.id, revision: saved.revision, addedNodes: adoption.addedNodes.length, addedEdges: adoption.addedEdges.length, adopted: adoption.origins.length, leftOut };
  await audit(services.db, {
    actor: user.id,
    action: 'platform.adoptListeners',
    target: saved.id,
    result: 'ok',
    detail: { revision: saved.revision, adopted: result.adopted, leftOut: leftOut.length, listeners: adoption.origins.map((o) => `${o.listener.userId}/${o.listener.id}`) },
  });
  return result;
}
