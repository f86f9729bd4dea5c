import { grantKey, grantsFor, parseAlgorithmRef, topicsOf, type Binding, type Grant } from '@event-flows/model';
import { needsPasswordAgain, sameServers, withStoredCa, type ConnectionInput, type ConnectionView } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import { deployLock } from '../deploy/deployEngine.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { addGrants, decideGrantRequest, getGrantRequest, listGrants, rejectPendingRequests, removeGrant, type GrantRequest } from '../store/access.ts';
import { deleteConnection, getConnectionConfig, getConnectionView, upsertConnection } from '../store/connections.ts';
import { getFlow } from '../store/flows.ts';
import { listBindings } from '../store/deployState.ts';

/** How a binding names itself at the start of a refusal a person reads: its topic, connection and flow by their names. */
async function describeBinding(q: Queryable, b: Binding): Promise<string> {
  const [connection, flow] = await Promise.all([getConnectionView(q, b.connection), getFlow(q, b.flowId)]);
  return `The ${b.direction} binding of ${b.algorithm} on "${b.topic}" of ${connection?.name ?? b.connection} (flow "${flow?.name ?? b.flowId}")`;
}

/** The first enabled binding that names a topic on `connection` (its own, its DLQ or an output). */
async function bindingOn(q: Queryable, connection: string): Promise<Binding | undefined> {
  return (await listBindings(q)).find((b) => topicsOf(b).some((topic) => topic.connection === connection));
}

/**
 * Refuses, with a reason a cluster admin can act on, grants for an algorithm the platform does not know
 * or has not published: such a grant could never enable anything.
 */
async function assertPublished(services: Services, grants: readonly Grant[]): Promise<void> {
  const published = new Map<string, Set<string>>();
  for (const g of grants) {
    const org = parseAlgorithmRef(g.algorithm)?.org;
    let refs = org === undefined ? undefined : published.get(org);
    if (org !== undefined && !refs) {
      refs = new Set((await services.platform.algorithms(org)).filter((a) => a.published).map((a) => a.ref));
      published.set(org, refs);
    }
    if (!refs?.has(g.algorithm)) {
      throw new DomainError('PRECONDITION_FAILED', `There is no published algorithm "${g.algorithm}" on the platform: only published algorithms can be granted access.`);
    }
  }
}

/** Refuses grants on a connection that does not exist, and keeps the ones that do until the transaction ends. */
async function assertConnectionsExist(tx: Queryable, grants: readonly Grant[]): Promise<void> {
  for (const connection of new Set(grants.map((g) => g.connection))) {
    // FOR SHARE: deleting the connection meanwhile waits until these grants are stored, and then removes them with it.
    const [row] = await tx.query('select id from connections where id = $1 for share', [connection]);
    if (!row) throw new DomainError('PRECONDITION_FAILED', `There is no connection "${connection}": grants can only be given on an existing connection.`);
  }
}

/** Adds grants (idempotent) after checking their algorithms are published and their connections exist; returns how many were new. */
export async function addCheckedGrants(services: Services, grants: readonly Grant[], grantedBy: string): Promise<number> {
  // The platform is asked before the transaction: on PGlite, a transaction holds up every other query.
  await assertPublished(services, grants);
  return services.db.transaction(async (tx) => {
    await assertConnectionsExist(tx, grants);
    return addGrants(tx, grants, grantedBy);
  });
}

/**
 * Revokes a grant, refused while an enabled binding needs it (as its topic or as a subscription's DLQ,
 * by the rule compile follows). Holds the deploy lock of the grant's connection, so a deploy that is
 * enabling a binding inside the grant finishes first and is then seen. `false` when there was no such grant.
 */
export async function revokeGrant(services: Services, grant: Grant): Promise<boolean> {
  const key = grantKey(grant);
  return services.db.withLock(deployLock(grant.connection), () =>
    services.db.transaction(async (tx) => {
      const needing = (await listBindings(tx, { algorithm: grant.algorithm })).find((b) => grantsFor(b).some((g) => grantKey(g) === key));
      if (needing) {
        const forDlq = needing.connection === grant.connection && needing.topic === grant.topic ? '' : ' for its DLQ';
        throw new DomainError('PRECONDITION_FAILED', `${await describeBinding(tx, needing)} needs this grant${forDlq}: disable that binding before revoking the grant.`);
      }
      return removeGrant(tx, grant);
    }),
  );
}

/**
 * Approves or rejects a pending grant request; approving checks, as adding a grant does, that its
 * algorithm is published and its connection exists. `undefined` when there is no pending request with that id.
 */
export async function decideRequest(
  services: Services,
  input: { id: number; approve: boolean; decidedBy: string; reason?: string },
): Promise<GrantRequest | undefined> {
  if (input.approve) {
    const request = await getGrantRequest(services.db, input.id);
    if (request?.status !== 'pending') return undefined;
    await assertPublished(services, [request]);
  }
  return services.db.transaction(async (tx) => {
    const request = await getGrantRequest(tx, input.id);
    if (request?.status !== 'pending') return undefined;
    if (input.approve) await assertConnectionsExist(tx, [request]);
    return decideGrantRequest(tx, input);
  });
}

/** Grants shown in a refusal; more are counted. */
const grantsNamed = 5;

/**
 * Deletes a connection, refused while an enabled binding names one of its topics (as its own, its DLQ or
 * an output) or while grants are given on it (they would go with it unseen: an admin revokes them first).
 * Holds the connection's deploy lock, so no deploy onto it is under way. Pending grant requests on it are
 * rejected with it. `false` when there was none.
 */
export async function deleteUnusedConnection(services: Services, id: string, actor: string): Promise<boolean> {
  return services.db.withLock(deployLock(id), () =>
    services.db.transaction(async (tx) => {
      const view = await getConnectionView(tx, id);
      if (!view) return false;
      const using = await bindingOn(tx, id);
      if (using) throw new DomainError('PRECONDITION_FAILED', `${await describeBinding(tx, using)} uses "${view.name}": undeploy the flows that use it first.`);
      const grants = await listGrants(tx, { connection: id });
      if (grants.length > 0) {
        const named = grants.slice(0, grantsNamed).map((g) => `${g.algorithm} ${g.access} ${g.topic}`);
        const more = grants.length > grantsNamed ? ` and ${grants.length - grantsNamed} more` : '';
        const count = grants.length === 1 ? '1 grant' : `${grants.length} grants`;
        throw new DomainError('PRECONDITION_FAILED', `Grants on "${view.name}" would be deleted with it: ${count} (${named.join(', ')}${more}). Revoke them first.`);
      }
      await rejectPendingRequests(tx, { connection: id, decidedBy: actor, reason: `The connection "${view.name}" was deleted.` });
      return deleteConnection(tx, id);
    }),
  );
}

/**
 * Updates a connection. Its bootstrap servers may change only while no enabled binding uses it: pointed at
 * another cluster, the ACLs of its bindings would stay behind on the old one with nothing to remove them.
 * Its name, credentials and TLS settings may change at any time; runtime workers see such a change within
 * a minute (they keep a connection's settings that long). Changing its servers, mechanism or TLS settings
 * needs the password again ({@link needsPasswordAgain}); a CA certificate left out is kept. Holds the connection's deploy lock. `undefined`
 * when there is no such connection.
 */
export async function updateConnection(services: Services, change: ConnectionInput): Promise<ConnectionView | undefined> {
  return services.db.withLock(deployLock(change.id), () =>
    services.db.transaction(async (tx) => {
      const before = await getConnectionConfig(tx, services.secrets, change.id);
      if (!before) return undefined;
      const input = withStoredCa(before, change);
      if (needsPasswordAgain(before, input)) {
        throw new DomainError('BAD_REQUEST', "Enter the connection's password again to change its bootstrap servers, mechanism or TLS settings: the stored one is sent only where it was entered.");
      }
      if (!sameServers(before.bootstrap, input.bootstrap)) {
        const using = await bindingOn(tx, input.id);
        if (using) {
          throw new DomainError(
            'PRECONDITION_FAILED',
            `${await describeBinding(tx, using)} uses "${before.name}": its bootstrap servers cannot change while flows are deployed on it (their ACLs would stay on the old cluster). Undeploy them first, or add a new connection.`,
          );
        }
      }
      return upsertConnection(tx, services.secrets, input, 'update');
    }),
  );
}
