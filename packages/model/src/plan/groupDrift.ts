import type { ActualGroup, Binding, SubscribeBinding } from '../desired.ts';
import { byString } from '../keys.ts';
import { runtimeClientId } from '../naming.ts';
import type { Drift } from './planSchema.ts';

type GroupDrift = Extract<Drift, { kind: 'group-foreign-members' | 'group-stale-offsets' }>;

/**
 * Where the consumer group of each deployed subscription in `deployed` differs from what the flow
 * wants: members that are not the studio's runtime (another client consuming with the group's id, so
 * Kafka gives it some of the binding's partitions), and committed offsets on topics the binding does
 * not read. Only groups that were read (`groups`) are compared. Report only: Kafka has no admin
 * request that removes a dynamic member from a group, and the studio's client cannot delete one
 * topic's offsets of a group (OffsetDelete), so the plan puts neither back.
 */
export function groupDrift(deployed: readonly Binding[], groups: readonly ActualGroup[]): GroupDrift[] {
  if (groups.length === 0) return [];
  const byGroup = new Map(groups.map((g) => [JSON.stringify([g.connection, g.groupId]), g]));
  const found: GroupDrift[] = [];
  for (const binding of deployed) {
    if (binding.direction !== 'subscribe') continue;
    const group = byGroup.get(JSON.stringify([binding.connection, binding.consumerGroup]));
    if (!group) continue;
    const ref = refOf(binding);
    const ours = runtimeClientId(binding.principal);
    const foreign = group.members.filter((m) => m.clientId !== ours).sort((a, b) => byString(a.clientId, b.clientId) || byString(a.clientHost, b.clientHost));
    if (foreign.length > 0) found.push({ kind: 'group-foreign-members', connection: binding.connection, groupId: group.groupId, binding: ref, members: foreign.map(({ clientId, clientHost }) => ({ clientId, clientHost })) });
    const stale = [...new Set(group.offsetTopics.filter((t) => t !== binding.topic))].sort(byString);
    if (stale.length > 0) found.push({ kind: 'group-stale-offsets', connection: binding.connection, groupId: group.groupId, binding: ref, topics: stale });
  }
  return found;
}

function refOf(binding: SubscribeBinding) {
  return { algorithm: binding.algorithm, connection: binding.connection, topic: binding.topic, direction: binding.direction };
}
