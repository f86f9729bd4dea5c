import { grantKey, grantsFor, type Binding, type Grant } from '@event-flows/model';
import { deployLock } from '../deploy/deployEngine.ts';
import { DomainError } from '../errors.ts';
import type { Services } from '../services.ts';
import { removeGrant } from '../store/access.ts';
import { listBindings } from '../store/deployState.ts';

/** How a binding names itself at the start of a refusal a person reads. */
const describeBinding = (b: Binding) => `The ${b.direction} binding of ${b.algorithm} on "${b.connection}/${b.topic}" (flow "${b.flowId}")`;

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
