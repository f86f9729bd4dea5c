import type { Acl, Binding } from './desired.ts';
import { aclKey, compareAcls, hasSeparator } from './keys.ts';

/**
 * The Kafka ACLs that exactly the given enabled bindings need (DESIGN §4): a subscription reads its
 * topic and its consumer group and writes its DLQ; a publication writes its topic. Sorted, no duplicates.
 */
export function aclsFor(bindings: readonly Binding[]): Acl[] {
  // Bindings usually come sorted by algorithm. Keeping each run of one principal's ACLs in order as
  // they come (a few per principal) gives a list that is already sorted in the usual case, so the
  // final sort only checks it.
  // Sized once for the most there can be (three per subscription): see RankedItems on growing lists.
  let most = 0;
  for (const b of bindings) most += b.direction === 'subscribe' ? 3 : 1;
  const acls = new Array<Acl>(most);
  let count = 0;
  let runStart = 0;
  let principal: string | undefined;
  let connection: string | undefined;
  for (const b of bindings) {
    // Each name is checked once per run of neighbours that share it (mostly the same string objects).
    if (b.principal !== principal) {
      runStart = count;
      principal = b.principal;
      if (hasSeparator(principal)) return sortedAclsByKey(bindings);
    }
    if (b.connection !== connection && hasSeparator((connection = b.connection))) return sortedAclsByKey(bindings);
    if (b.direction === 'subscribe') {
      insertSorted(acls, runStart, count++, literalAcl(b.connection, b.principal, 'topic', b.topic, 'read'));
      insertSorted(acls, runStart, count++, literalAcl(b.connection, b.principal, 'group', b.consumerGroup, 'read'));
      if (b.dlq) {
        if (b.dlq.connection !== connection && hasSeparator(b.dlq.connection)) return sortedAclsByKey(bindings);
        insertSorted(acls, runStart, count++, literalAcl(b.dlq.connection, b.principal, 'topic', b.dlq.topic, 'write'));
      }
    } else {
      insertSorted(acls, runStart, count++, literalAcl(b.connection, b.principal, 'topic', b.topic, 'write'));
    }
  }
  acls.length = count;
  return withoutRepeats(acls);
}

/**
 * {@link aclsFor} by {@link aclKey}: for bindings whose connection or principal holds U+0000, the key's
 * separator, where equal fields no longer mean an equal key.
 */
function sortedAclsByKey(bindings: readonly Binding[]): Acl[] {
  return [...aclMapFor(bindings).values()].sort(compareAcls);
}

/**
 * Sorts ACLs and drops repeats: with plain names, equal fields mean an equal aclKey, so repeats are
 * equal neighbours. A list that comes already sorted is checked and thinned in one pass.
 */
function withoutRepeats(acls: Acl[]): Acl[] {
  let kept = Math.min(acls.length, 1);
  for (let i = 1; i < acls.length; i++) {
    const order = compareAcls(acls[kept - 1] as Acl, acls[i] as Acl);
    if (order > 0) {
      // Out of order: only repeats were dropped so far, so sort what is left and thin it again.
      acls.copyWithin(kept, i);
      acls.length -= i - kept;
      acls.sort(compareAcls);
      return withoutRepeats(acls);
    }
    if (order < 0) acls[kept++] = acls[i] as Acl;
  }
  acls.length = kept;
  return acls;
}

/** The ACLs of {@link aclsFor} by {@link aclKey}, unsorted. */
export function aclMapFor(bindings: readonly Binding[], into = new Map<string, Acl>()): Map<string, Acl> {
  const add = (acl: Acl) => into.set(aclKey(acl), acl);
  for (const binding of bindings) aclsOf(binding, add);
  return into;
}

/** Calls `use` with each ACL a binding needs. */
function aclsOf(b: Binding, use: (acl: Acl) => void): void {
  if (b.direction === 'subscribe') {
    use(literalAcl(b.connection, b.principal, 'topic', b.topic, 'read'));
    use(literalAcl(b.connection, b.principal, 'group', b.consumerGroup, 'read'));
    if (b.dlq) use(literalAcl(b.dlq.connection, b.principal, 'topic', b.dlq.topic, 'write'));
  } else {
    use(literalAcl(b.connection, b.principal, 'topic', b.topic, 'write'));
  }
}

/**
 * Adds `acl` to the first `count` entries of a list whose part from `from` on is sorted, keeping it
 * sorted (a step of an insertion sort).
 */
function insertSorted(list: Acl[], from: number, count: number, acl: Acl): void {
  let at = count;
  while (at > from && compareAcls(list[at - 1] as Acl, acl) > 0) {
    list[at] = list[at - 1] as Acl;
    at--;
  }
  list[at] = acl;
}

function literalAcl(connection: string, principal: string, resourceType: 'topic' | 'group', resourceName: string, operation: 'read' | 'write'): Acl {
  return { connection, principal, resourceType, resourceName, patternType: 'literal', operation, permission: 'allow', host: '*' };
}
