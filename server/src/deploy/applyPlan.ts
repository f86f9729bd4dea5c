import { aclChangesByConnection, countOf, type Acl, type Binding, type Plan } from '@event-flows/model';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import type { Services } from '../services.ts';
import { addGrants } from '../store/access.ts';
import { addManagedAcls, announceBindings, claimManagedAcls, deleteBinding, removeManagedAcls, upsertBinding } from '../store/deployState.ts';
import type { DeployStep } from '../store/deployments.ts';
import { crashPoint, type CrashStage } from './crashPoint.ts';

/** Called with each step's result as it completes (for the deployment record and the progress stream). */
export type StepListener = (step: DeployStep) => Promise<void> | void;

/** Thrown when a step fails: the steps before it took effect; a retry plans again and completes the rest. */
export class ApplyError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** What a step did: `skipped` when it found nothing it could do (recorded as such, with the detail saying why). */
type StepResult = { requests: number; detail?: string; skipped?: true };

async function step(title: string, listener: StepListener, work: () => Promise<StepResult | 'skipped'>): Promise<void> {
  const started = Date.now();
  try {
    const result = await work();
    if (result === 'skipped') return;
    const status = result.skipped ? 'skipped' : 'succeeded';
    await listener({ title, status, requests: result.requests, durationMs: Date.now() - started, ...(result.detail ? { detail: result.detail } : {}) });
  } catch (error) {
    await listener({ title, status: 'failed', requests: 0, detail: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started });
    throw new ApplyError(title, error);
  }
}

/**
 * Carries out a plan, in the plan's order, with batched admin requests: per connection one
 * CreateTopics, one CreateAcls and one DeleteAcls. Each step is idempotent and recorded. The record of
 * our ACLs always covers every one we made in Kafka: an ACL is recorded before CreateAcls and forgotten
 * only after DeleteAcls, so none is ever left in Kafka unrecorded, and each is recorded as the plan's
 * flow's when made and when its removal is decided. Bindings change in one transaction (with the
 * flow's new revision when `save` is given),
 * then the runtime is handed the full set of enabled bindings, then unneeded ACLs go. `kind` names the
 * change for the crash points a test may arm ({@link crashPoint}).
 */
export async function applyPlan(
  services: Services,
  plan: Plan,
  connections: ReadonlyMap<string, ConnectionConfig>,
  actor: string,
  listener: StepListener,
  options: { kind: 'deploy' | 'undeploy'; save?: (tx: Queryable) => Promise<void> },
): Promise<void> {
  const { kind, save } = options;
  const reached = (stage: CrashStage) => crashPoint(`${kind}:${stage}`);
  const configFor = (id: string): ConnectionConfig => {
    const config = connections.get(id);
    if (!config) throw new Error(`connection "${id}" is not known`);
    return config;
  };
  // Step titles name a connection as people know it ("Embedded Kafka"), as the plan does.
  const nameOf = (id: string): string => connections.get(id)?.name ?? id;

  const grants = plan.actions.flatMap((a) => (a.kind === 'grant' && !a.blocked ? [a.grant] : []));
  await step(`Record ${countOf(grants.length, 'grant')}`, listener, async () => {
    if (grants.length === 0) return 'skipped';
    await addGrants(services.db, grants, actor);
    return { requests: 0 };
  });

  const topicsByConnection = new Map<string, Extract<Plan['actions'][number], { kind: 'create-topic' }>['topic'][]>();
  for (const a of plan.actions) if (a.kind === 'create-topic') topicsByConnection.set(a.topic.connection, [...(topicsByConnection.get(a.topic.connection) ?? []), a.topic]);
  for (const [connection, topics] of topicsByConnection) {
    await step(`Create ${countOf(topics.length, 'topic')} on ${nameOf(connection)}`, listener, async () => {
      try {
        await services.kafka.createTopics(configFor(connection), topics);
      } finally {
        // Whatever came of it, the catalog's next read of the connection asks Kafka.
        services.catalogCache.forget(connection);
      }
      reached('topics-created');
      return { requests: 1, detail: topics.map((t) => t.topic).join(', ') };
    });
  }

  const aclChanges = aclChangesByConnection(plan);
  for (const [connection, { create }] of aclChanges) {
    if (create.length === 0) continue;
    await step(`Add ${countOf(create.length, 'ACL')} on ${nameOf(connection)}`, listener, async () => {
      // Recorded as ours before Kafka is asked: when CreateAcls takes effect but its answer is lost, the
      // next plan finds them present and ours, and deletes them once no binding needs them. One that
      // Kafka did not create is ours but missing: the next plan creates it again, or, when no binding
      // needs it any more, deletes it (which removes nothing) and forgets it.
      await services.db.transaction((tx) => addManagedAcls(tx, create, plan.flowId));
      const { authorizer } = await services.kafka.createAcls(configFor(connection), create);
      reached('acls-created');
      if (!authorizer) {
        // The cluster lost its authorizer since the plan was made: it created none of them.
        await services.db.transaction((tx) => removeManagedAcls(tx, create));
        return { requests: 1, skipped: true, detail: `ACLs are not enforced on '${configFor(connection).name}': no authorizer, so none was set.` };
      }
      return { requests: 1 };
    });
  }

  const upserts: Binding[] = [];
  const stops: Binding[] = [];
  for (const a of plan.actions) {
    if (a.kind === 'start-binding' || a.kind === 'update-binding') upserts.push(a.binding);
    if (a.kind === 'stop-binding') stops.push(a.binding);
  }
  const removing = [...aclChanges.values()].flatMap((c) => c.delete);
  await step(`Enable ${upserts.length} and disable ${countOf(stops.length, 'binding')}`, listener, async () => {
    if (upserts.length === 0 && stops.length === 0 && !save) return 'skipped';
    await services.db.transaction(async (tx) => {
      // The flow's new revision, when the deploy saves one, commits with its bindings or not at all.
      await save?.(tx);
      for (const b of upserts) await upsertBinding(tx, b);
      for (const b of stops) await deleteBinding(tx, b);
      // With the bindings that needed them: should the ACLs' removal below never happen (a crash),
      // this flow's next plan removes them, and no other flow's.
      await claimManagedAcls(tx, removing, plan.flowId);
      await announceBindings(tx);
    });
    reached('bindings-committed');
    return { requests: 0 };
  });

  // The runtime stops consumers before their ACLs go, so no running consumer loses access mid-batch.
  await step('Hand the enabled bindings to the runtime', listener, async () => {
    const all = await services.runtime.handOff();
    reached('bindings-handed-off');
    return { requests: 0, detail: countOf(all.length, 'enabled binding') };
  });

  for (const [connection, changes] of aclChanges) {
    const remove: Acl[] = changes.delete;
    if (remove.length === 0) continue;
    await step(`Remove ${countOf(remove.length, 'ACL')} on ${nameOf(connection)}`, listener, async () => {
      // Forgotten only once Kafka deleted them: if DeleteAcls fails, the next plan deletes them again.
      await services.kafka.deleteAcls(configFor(connection), remove);
      reached('acls-deleted');
      await services.db.transaction((tx) => removeManagedAcls(tx, remove));
      return { requests: 1 };
    });
  }
}
