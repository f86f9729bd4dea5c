import { grantKey, grantsFor, topicsOf, type Binding, type Grant } from '@event-flows/model';
import type { ConnectionInput, ConnectionView } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import { deployLock } from '../deploy/deployEngine.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { removeGrant } from '../store/access.ts';
import { deleteConnection, getConnectionView, upsertConnection } from '../store/connections.ts';
import { listBindings } from '../store/deployState.ts';

/** How a binding names itself at the start of a refusal a person reads. */
const describeBinding = (b: Binding) => `The ${b.direction} binding of ${b.algorithm} on "${b.connection}/${b.topic}" (flow "${b.flowId}")`;

/** The first enabled binding that names a topic on `connection` (its own, its DLQ or an output). */
async function bindingOn(q: Queryable, connection: string): Promise<Binding | undefined> {
  return (await listBindings(q)).find((b) => topicsOf(b).some((topic) => topic.connection === connection));
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
        throw new DomainError('PRECONDITION_FAILED', `${describeBinding(needing)} needs this grant${forDlq}: disable that binding before revoking the grant.`);
      }
      return removeGrant(tx, grant);
    }),
  );
}

/**
 * Deletes a connection, refused while an enabled binding names one of its topics (as its own, its DLQ or
 * an output). Holds the connection's deploy lock, so no deploy onto it is under way. Its grants go with it.
 * `false` when there was none.
 */
export async function deleteUnusedConnection(services: Services, id: string): Promise<boolean> {
  return services.db.withLock(deployLock(id), () =>
    services.db.transaction(async (tx) => {
      const using = await bindingOn(tx, id);
      if (using) throw new DomainError('PRECONDITION_FAILED', `${describeBinding(using)} uses "${id}": undeploy the flows that use it first.`);
      return deleteConnection(tx, id);
    }),
  );
}

/**
 * Updates a connection. Its bootstrap servers may change only while no enabled binding uses it: pointed at
 * another cluster, the ACLs of its bindings would stay behind on the old one with nothing to remove them.
 * Its name, credentials and TLS settings may change at any time; runtime workers see such a change within
 * a minute (they keep a connection's settings that long). Holds the connection's deploy lock. `undefined`
 * when there is no such connection.
 */
export async function updateConnection(services: Services, input: ConnectionInput): Promise<ConnectionView | undefined> {
  return services.db.withLock(deployLock(input.id), () =>
    services.db.transaction(async (tx) => {
      const before = await getConnectionView(tx, input.id);
      if (!before) return undefined;
      if (!sameServers(before.bootstrap, input.bootstrap)) {
        const using = await bindingOn(tx, input.id);
        if (using) {
          throw new DomainError(
            'PRECONDITION_FAILED',
            `${describeBinding(using)} uses "${input.id}": its bootstrap servers cannot change while flows are deployed on it (their ACLs would stay on the old cluster). Undeploy them first, or add a new connection.`,
          );
        }
      }
      return upsertConnection(tx, services.secrets, input, 'update');
    }),
  );
}

/** Whether two bootstrap lists name the same servers, in whatever order. */
function sameServers(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a.map((s) => s.toLowerCase()));
  const other = new Set(b.map((s) => s.toLowerCase()));
  return set.size === other.size && [...set].every((s) => other.has(s));
}
