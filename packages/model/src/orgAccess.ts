import type { Actor, Grant, TopicRef } from './catalog.ts';
import { topicsOf } from './bindingNeeds.ts';
import type { Binding } from './desired.ts';
import { parseAlgorithmRef } from './nameRules.ts';

/** Tells whether `actor` may read an org's flows, bindings and status: a cluster admin every org's, a member or viewer their own org's. */
export function canReadOrg(actor: Actor, orgId: string): boolean {
  return actor.role === 'admin' || actor.orgId === orgId;
}

/** Tells whether `actor` may change an org's flows and bindings: a cluster admin every org's, a member their own org's, a viewer none. */
export function canChangeOrg(actor: Actor, orgId: string): boolean {
  return actor.role === 'admin' || (actor.role === 'member' && actor.orgId === orgId);
}

/**
 * Why `actor` may not read (or, with `write`, change) an org's data, or `undefined` when they may. An
 * org that is not the actor's answers NOT_FOUND, as an org that does not exist would, so that nobody
 * learns which flows, deployments or bindings another org has; a viewer's change is FORBIDDEN.
 */
export function orgAccessRefusal(actor: Actor, orgId: string, access: 'read' | 'write'): { code: 'NOT_FOUND' | 'FORBIDDEN'; message: string } | undefined {
  if (!canReadOrg(actor, orgId)) return { code: 'NOT_FOUND', message: `There is no org "${orgId}" among yours.` };
  if (access === 'write' && !canChangeOrg(actor, orgId)) return { code: 'FORBIDDEN', message: 'Viewers can look but not change anything.' };
  return undefined;
}

/**
 * Why `actor` may not send a test message to `topic`, as a sentence, or `undefined` when they may. Test
 * messages are written with the server's own rights, so a member sends only to the org's own topics:
 * granted to one of the org's algorithms, and granted to or used by no other org's algorithm (a
 * binding's topic, DLQ or outputs: another org's pipeline must not receive what this one made up). A
 * cluster admin may send to any topic. `grants` and `bindings` are every org's.
 */
export function testMessageRefusal(actor: Actor, topic: TopicRef, grants: readonly Grant[], bindings: readonly Binding[]): string | undefined {
  if (actor.role === 'admin') return undefined;
  const onTopic = (ref: TopicRef | null | undefined) => ref?.connection === topic.connection && ref.topic === topic.topic;
  const ofOtherOrg = (algorithm: string) => parseAlgorithmRef(algorithm)?.org !== actor.orgId;
  const onThisTopic = grants.filter(onTopic);
  if (!onThisTopic.some((g) => !ofOtherOrg(g.algorithm))) {
    return `No algorithm of "${actor.orgId}" is granted "${topic.topic}"; test messages go only to the org's own topics.`;
  }
  const shared = onThisTopic.some((g) => ofOtherOrg(g.algorithm)) || bindings.some((b) => ofOtherOrg(b.algorithm) && topicsOf(b).some(onTopic));
  if (shared) {
    return `"${topic.topic}" is also granted to or used by another org's algorithms, so a test message could reach their pipeline; only a cluster admin may send one there.`;
  }
  return undefined;
}
