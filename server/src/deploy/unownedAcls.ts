import { principalFor, type Acl } from '@event-flows/model';
import { eventsFlowDraft, eventsFlowId } from '../bindings/eventsTab.ts';
import type { Services } from '../services.ts';
import { listGrants } from '../store/access.ts';
import { claimManagedAcls, listBindings, listUnownedAcls } from '../store/deployState.ts';
import { createFlow, getFlow, listAlgorithmsInFlows } from '../store/flows.ts';

/**
 * Gives each ACL the studio manages that no existing flow owns to the Events-tab flow of the algorithm it
 * is for (made, empty, when missing), so that it shows in that flow's plan, and goes once no enabled
 * binding needs it (a deploy or an undeploy of that flow, or its next Events-tab change). Earlier versions
 * left such ACLs: recorded before ACLs named their flow when no deploy record named them (migration 3
 * could give them none), or left by a flow deleted since. The Events-tab flow is where an algorithm's
 * access is managed when no flow of its own owns it. An ACL whose principal is that of no algorithm a
 * grant, a binding or a flow names stays unowned: its principal is listed in `unknown`. Run at start-up.
 */
export async function giveUnownedAclsToEventsTabFlows(services: Services): Promise<{ given: number; unknown: string[] }> {
  const unowned = await listUnownedAcls(services.db);
  if (unowned.length === 0) return { given: 0, unknown: [] };
  const [grants, bindings, inFlows] = await Promise.all([listGrants(services.db), listBindings(services.db), listAlgorithmsInFlows(services.db)]);
  const algorithmOf = new Map<string, string>();
  for (const algorithm of [...grants.map((g) => g.algorithm), ...bindings.map((b) => b.algorithm), ...inFlows]) {
    algorithmOf.set(principalFor(algorithm, services.naming), algorithm);
  }
  const byAlgorithm = new Map<string, Acl[]>();
  const unknown = new Set<string>();
  for (const acl of unowned) {
    const algorithm = algorithmOf.get(acl.principal);
    if (algorithm) byAlgorithm.set(algorithm, [...(byAlgorithm.get(algorithm) ?? []), acl]);
    else unknown.add(acl.principal);
  }
  let given = 0;
  for (const [algorithm, acls] of byAlgorithm) {
    if (!(await getFlow(services.db, eventsFlowId(algorithm)))) {
      const draft = eventsFlowDraft(algorithm, 'studio');
      await createFlow(services.db, { id: draft.id, orgId: draft.orgId, name: draft.name, description: draft.description, graph: draft.graph, actor: draft.updatedBy });
    }
    await services.db.transaction((tx) => claimManagedAcls(tx, acls, eventsFlowId(algorithm)));
    given += acls.length;
  }
  return { given, unknown: [...unknown].sort() };
}
