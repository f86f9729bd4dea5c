import type { Actual } from '@event-flows/model';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import { DomainError } from '../errors.ts';
import { KafkaLacksApi, readFailure } from '../kafka/kafkaGateway.ts';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { listBindings, listManagedAcls } from '../store/deployState.ts';

/**
 * Reads what exists now for the given connections: topics and ACLs from Kafka (one Metadata and one
 * DescribeAcls per connection) and the ACLs we created on them (those recorded as flow `flowId`'s
 * apart); every enabled binding and grant from
 * the database. A connection that does not answer (within the gateway's time-out), or lacks an API
 * the read needs, fails the read with `PRECONDITION_FAILED` naming it, unless it is one of `optional`:
 * it is then left out of `aclsReadOn`, so the plan leaves its ACLs alone.
 */
export async function readActual(
  services: Services,
  flowId: string,
  connections: readonly ConnectionConfig[],
  optional: ReadonlySet<string> = new Set(),
): Promise<Actual> {
  const perConnection = (
    await Promise.all(
      connections.map(async (c) => {
        try {
          const [topics, acls] = await Promise.all([services.kafka.readTopics(c), services.kafka.readAcls(c)]);
          return [{ id: c.id, topics, acls }];
        } catch (error) {
          if (optional.has(c.id)) return [];
          // Asking again will not help a cluster that lacks the API.
          if (error instanceof KafkaLacksApi) throw new DomainError('PRECONDITION_FAILED', error.message);
          throw new DomainError('PRECONDITION_FAILED', `${readFailure(c.name, error)} Plan and deploy again once it answers, or ask a cluster admin to check the connection.`);
        }
      }),
    )
  ).flat();
  const [managedAcls, flowAcls, bindings, grants] = await Promise.all([
    listManagedAcls(services.db),
    listManagedAcls(services.db, { flowId }),
    listBindings(services.db),
    listGrants(services.db),
  ]);
  const ids = new Set(perConnection.map((c) => c.id));
  return {
    topics: perConnection.flatMap((c) => c.topics),
    acls: perConnection.flatMap((c) => c.acls.acls),
    managedAcls: managedAcls.filter((a) => ids.has(a.connection)),
    flowAcls: flowAcls.filter((a) => ids.has(a.connection)),
    // Every binding: each ACL one of them needs must count as needed, whichever connections its
    // binding touches. The plan changes ACLs only on the connections read.
    bindings,
    grants: grants.map(({ connection, topic, algorithm, access }) => ({ connection, topic, algorithm, access })),
    connectionsWithoutAuthorizer: perConnection.filter((c) => !c.acls.authorizer).map((c) => c.id),
    aclsReadOn: [...ids],
  };
}
