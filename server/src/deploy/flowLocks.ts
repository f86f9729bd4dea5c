import { topicsOf, type Flow, type FlowGraph } from '@event-flows/model';
import { defaultLockWaitMs, LockTimeoutError, type Db, type Queryable } from '../db/db.ts';
import { DomainError } from '../errors.ts';
import { listBindings, listManagedAcls } from '../store/deployState.ts';
import { getFlow } from '../store/flows.ts';

/** The name of a flow's lock (`Db.withLock`): its deploys, undeploys and deletion hold it. */
export const flowLock = (flowId: string) => `eventflows:flow:${flowId}`;

/**
 * The name of a connection's deploy lock (`Db.withLock`): deploys and undeploys touching the
 * connection hold it, so a change to what they rely on (its grants, its cluster) made under it never
 * lands half way through one.
 */
export const deployLock = (connection: string) => `eventflows:deploy:${connection}`;

/** A flow, and the connections a deploy or undeploy of it touches. */
export interface DeployScope {
  flow: Flow;
  /** Every connection touched, sorted: the deploy locks held. */
  connections: string[];
  /** Those that only the graph deployed names. */
  graphOnly: ReadonlySet<string>;
  /** Those that only ACLs recorded as the flow's name (left by a crash, to be removed by its plan). */
  aclsOnly: ReadonlySet<string>;
}

/** The flow, or NOT_FOUND. */
export async function readFlow(db: Queryable, flowId: string): Promise<Flow> {
  const flow = await getFlow(db, flowId);
  if (!flow) throw new DomainError('NOT_FOUND', `There is no flow "${flowId}".`);
  return flow;
}

/**
 * The connections a deploy or undeploy of `flow` touches: those `graph` (default: the flow's saved
 * graph) names, with the DLQs and outputs of its bindings; those its enabled bindings use now; and
 * those where ACLs are recorded as the flow's. An undeploy looks at the graph's too, so that undeploying
 * again after a failed one still finds the ACLs its stopped bindings left.
 */
export async function touchedBy(db: Queryable, flow: Flow, graph: FlowGraph = flow.graph): Promise<DeployScope> {
  const ofBindings = new Set<string>();
  for (const binding of await listBindings(db, { flowId: flow.id })) for (const topic of topicsOf(binding)) ofBindings.add(topic.connection);
  const graphOnly = new Set<string>();
  for (const node of graph.nodes) if (node.kind === 'topic' && !ofBindings.has(node.connection)) graphOnly.add(node.connection);
  const aclsOnly = new Set<string>();
  for (const acl of await listManagedAcls(db, { flowId: flow.id })) {
    if (!ofBindings.has(acl.connection) && !graphOnly.has(acl.connection)) aclsOnly.add(acl.connection);
  }
  const connections = [...new Set([...ofBindings, ...graphOnly, ...aclsOnly])].sort();
  return { flow, connections, graphOnly, aclsOnly };
}

/**
 * Runs `work` holding the flow's lock, then the deploy lock of each connection a deploy or undeploy of
 * it touches ({@link touchedBy}). The flow's bindings and recorded ACLs change only under its lock,
 * and the flow read under it is the one deployed, so what is read under it names every connection to
 * lock. Every deploy takes its flow's lock first and its connections' after (one set, in one order),
 * and nothing holds a connection's lock while it waits for a flow's, so no two wait on each other.
 */
export async function withFlowLocked<T>(
  db: Db,
  flowId: string,
  graph: FlowGraph | undefined,
  work: (scope: DeployScope) => Promise<T>,
  waitMs: number = defaultLockWaitMs,
): Promise<T> {
  const deadline = Date.now() + waitMs;
  const named = (error: unknown, guards: (key: string) => string | undefined): unknown => {
    if (!(error instanceof LockTimeoutError) || error.guards) return error;
    const words = guards(error.key);
    return words ? new LockTimeoutError(error.key, waitMs, words) : error;
  };
  return db
    .withLock(
      flowLock(flowId),
      async () => {
        const scope = await touchedBy(db, await readFlow(db, flowId), graph);
        const connectionOf = (key: string) => scope.connections.find((c) => deployLock(c) === key);
        return db
          .withLock(scope.connections.map(deployLock), () => work(scope), { waitMs: Math.max(0, deadline - Date.now()) })
          .catch((error: unknown) => {
            throw named(error, (key) => {
              const connection = connectionOf(key);
              return connection === undefined ? undefined : `deploys on Kafka connection "${connection}" (a deploy or undeploy of another flow on it is under way)`;
            });
          });
      },
      { waitMs },
    )
    .catch((error: unknown) => {
      throw named(error, (key) => (key === flowLock(flowId) ? `flow "${flowId}" (another deploy, undeploy or deletion of it is under way)` : undefined));
    });
}
