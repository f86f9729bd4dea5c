import { blockedGrants, grantKey, grantsNeeded, type Flow, type Grant } from '@event-flows/model';
import { DomainError } from '../errors.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import { latestRequests, requestGrants, type GrantRequest } from '../store/access.ts';
import { audit } from '../store/audit.ts';
import { getConnectionView } from '../store/connections.ts';
import { previewDeploy } from './deployEngine.ts';

/** What a member sees of a request filed for a grant a flow needs. */
export interface FlowAccessRequest extends Grant {
  status: GrantRequest['status'];
  requestedBy: string;
  requestedAt: string;
  /** Why a cluster admin rejected it, when they said. */
  reason: string | null;
}

/**
 * The newest request the flow's org filed for each grant the flow's graph needs (whichever flow or
 * Events tab asked): the state the plan review shows next to a blocked grant. Reads no Kafka.
 */
export async function flowAccessRequests(services: Services, flow: Flow): Promise<FlowAccessRequest[]> {
  const requests = await latestRequests(services.db, flow.orgId, grantsNeeded(flow.graph));
  return requests.map((r) => ({
    connection: r.connection,
    topic: r.topic,
    algorithm: r.algorithm,
    access: r.access,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    reason: r.reason,
  }));
}

/**
 * Files requests for the grants the flow's plan is blocked on: `grants` (each must be one of them), or
 * all of them. A grant with a pending request is not filed again; a rejected one is. Returns how many
 * requests were filed now.
 */
export async function requestFlowAccess(services: Services, actor: User, flow: Flow, grants?: readonly Grant[]): Promise<{ filed: number }> {
  const { plan } = await previewDeploy(services, flow.id, actor);
  const blocked = blockedGrants(plan);
  const blockedKeys = new Set(blocked.map(grantKey));
  const unneeded = grants?.find((g) => !blockedKeys.has(grantKey(g)));
  if (unneeded) {
    const connection = (await getConnectionView(services.db, unneeded.connection))?.name ?? unneeded.connection;
    throw new DomainError('BAD_REQUEST', `The plan of this flow does not need ${unneeded.algorithm} ${unneeded.access} access to "${unneeded.topic}" on ${connection}.`);
  }
  const wanted = grants ?? blocked;
  const pendingBefore = new Set((await latestRequests(services.db, flow.orgId, wanted)).filter((r) => r.status === 'pending').map(grantKey));
  const pending = await requestGrants(services.db, { grants: wanted, orgId: flow.orgId, flowId: flow.id, requestedBy: actor.id });
  const filed = pending.filter((r) => !pendingBefore.has(grantKey(r))).length;
  await audit(services.db, { actor: actor.id, action: 'flow.request-access', target: flow.id, result: 'ok', detail: { filed } });
  return { filed };
}
