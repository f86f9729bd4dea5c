import { compile, plan, validateGraph, type Desired, type Diagnostic, type FlowGraph, type NamingOptions, type Plan, type Role } from '@event-flows/model';
import { loopTurn } from '../loopTurns.ts';
import type { Snapshot } from './snapshot.ts';

/** What a deploy decided on its snapshot: the graph's diagnostics, what it needs, and the plan to get there. */
export interface Decision {
  diagnostics: Diagnostic[];
  desired: Desired;
  plan: Plan;
}

/** Who deploys what: the flow, its org, the deployer's role, and how names are made. */
export interface DecisionInput {
  flowId: string;
  orgId: string;
  role: Role;
  naming: NamingOptions;
}

/**
 * Validates `graph` against the snapshot's catalog, compiles it, and plans it against the snapshot's
 * actual state, with the model alone: nothing is read and nothing changes. The plan notes each touched
 * connection whose ACLs could not be read.
 */
export async function decide(snapshot: Snapshot, graph: FlowGraph, input: DecisionInput): Promise<Decision> {
  const { catalog, actual } = snapshot;
  // Each stage holds the event loop for a few hundred milliseconds on a 5,000-node flow: a turn of its
  // own each, so that /healthz, the broker and the runtime are served between them, and the stages of
  // plans asked for at once never run back to back.
  await loopTurn();
  const diagnostics = validateGraph(graph, catalog, { role: input.role, orgId: input.orgId }, { flowId: input.flowId });
  await loopTurn();
  const desired = compile(graph, { flowId: input.flowId, naming: input.naming });
  await loopTurn();
  const decided = plan(desired, actual, {
    role: input.role,
    connectionNames: new Map(catalog.connections.map((c) => [c.id, c.name])),
    removesPlatformListeners: snapshot.removesPlatformListeners,
    ...(snapshot.platformProblem ? { platformProblem: snapshot.platformProblem } : {}),
  });
  for (const id of snapshot.connections.keys()) {
    if (!actual.aclsReadOn?.includes(id)) {
      decided.notes.push(`Kafka on "${id}" did not answer, so ACLs this flow may have left there were not checked; undeploy again once it answers.`);
    }
  }
  return { diagnostics, desired, plan: decided };
}
