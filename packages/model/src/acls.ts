import type { Acl, Binding } from './desired.ts';
import { aclKey, compareAcls } from './keys.ts';

/**
 * The Kafka ACLs that exactly the given enabled bindings need (DESIGN §4): a subscription reads its
 * topic and its consumer group and writes its DLQ; a publication writes its topic. Sorted, no duplicates.
 */
export function aclsFor(bindings: readonly Binding[]): Acl[] {
  const sorted = bindings.flatMap(aclsOf).sort(compareAcls);
  // Sorted, equal ACLs are neighbours.
  return sorted.filter((acl, i) => i === 0 || compareAcls(sorted[i - 1] as Acl, acl) !== 0);
}

/** The ACLs of {@link aclsFor} by {@link aclKey}, unsorted; added to `into` when given. */
export function aclMapFor(bindings: readonly Binding[], into = new Map<string, Acl>()): Map<string, Acl> {
  for (const binding of bindings) {
    for (const acl of aclsOf(binding)) into.set(aclKey(acl), acl);
  }
  return into;
}

/** The ACLs one binding needs. */
function aclsOf(b: Binding): Acl[] {
  if (b.direction === 'publish') return [literalAcl(b.connection, b.principal, 'topic', b.topic, 'write')];
  const acls = [literalAcl(b.connection, b.principal, 'topic', b.topic, 'read'), literalAcl(b.connection, b.principal, 'group', b.consumerGroup, 'read')];
  if (b.dlq) acls.push(literalAcl(b.dlq.connection, b.principal, 'topic', b.dlq.topic, 'write'));
  return acls;
}

function literalAcl(connection: string, principal: string, resourceType: 'topic' | 'group', resourceName: string, operation: 'read' | 'write'): Acl {
  return { connection, principal, resourceType, resourceName, patternType: 'literal', operation, permission: 'allow', host: '*' };
}
