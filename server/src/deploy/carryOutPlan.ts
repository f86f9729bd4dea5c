import { bindingKey, countOf, type ListenerOrigin, type Plan } from '@event-flows/model';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import type { Services } from '../services.ts';
import { addGrants } from '../store/access.ts';
import { addAdoptedTopics, addManagedAcls, announceBindings, claimManagedAcls, deleteBinding, removeManagedAcls, upsertBinding } from '../store/deployState.ts';
import type { DeployStep } from '../store/deployments.ts';
import { removeListenerOrigin } from '../store/listenerOrigins.ts';
import { crashPoint, type CrashStage } from './crashPoint.ts';
import { planSteps } from './planSteps.ts';

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

/** What carrying out a plan reaches: the database, the clusters (and the catalog's memory of them), the runtime, the platform. */
export type ApplyTargets = Pick<Services, 'db' | 'kafka' | 'catalogCache' | 'runtime' | 'platform' | 'statuses'>;

/** Who carries out the plan, where each step is reported, and what kind of change it is. */
export interface ApplyOptions {
  actor: string;
  listener: StepListener;
  kind: 'deploy' | 'undeploy';
  /** Saves the flow's new revision in the bindings' transaction (a deploy of an edit). */
  save?: (tx: Queryable) => Promise<void>;
}

/**
 * Carries out a plan, in the plan's order ({@link planSteps}), with batched admin requests: per
 * connection one CreateTopics, one CreateAcls and one DeleteAcls; topics and ACLs adopted from the
 * cluster are only recorded, with no request to Kafka. Each step is idempotent and recorded.
 * The record of our ACLs always covers every one we made in Kafka: an ACL is recorded before
 * CreateAcls and forgotten only after DeleteAcls, so none is ever left in Kafka unrecorded, and each is
 * recorded as the plan's flow's when made and when its removal is decided. Bindings change in one
 * transaction (with the flow's new revision when `save` is given), then the runtime is handed the full
 * set of enabled bindings, then unneeded ACLs go. `kind` names the change for the crash points a test
 * may arm ({@link crashPoint}).
 */
export async function carryOutPlan(targets: ApplyTargets, plan: Plan, connections: ReadonlyMap<string, ConnectionConfig>, options: ApplyOptions): Promise<void> {
  const { db, kafka, catalogCache, runtime, platform, statuses } = targets;
  const { actor, listener, kind, save } = options;
  const reached = (stage: CrashStage) => crashPoint(`${kind}:${stage}`);
  const configFor = (id: string): ConnectionConfig => {
    const config = connections.get(id);
    if (!config) throw new Error(`connection "${id}" is not known`);
    return config;
  };
  // Step titles name a connection as people know it ("Embedded Kafka"), as the plan does.
  const nameOf = (id: string): string => connections.get(id)?.name ?? id;
  const steps = planSteps(plan);

  await step(`Record ${countOf(steps.grants.length, 'grant')}`, listener, async () => {
    if (steps.grants.length === 0) return 'skipped';
    await addGrants(db, steps.grants, actor);
    return { requests: 0 };
  });

  for (const [connection, topics] of steps.createTopics) {
    await step(`Create ${countOf(topics.length, 'topic')} on ${nameOf(connection)}`, listener, async () => {
      try {
        await kafka.createTopics(configFor(connection), topics);
      } finally {
        // Whatever came of it, the catalog's next read of the connection asks Kafka.
        catalogCache.forget(connection);
      }
      reached('topics-created');
      return { requests: 1, detail: topics.map((t) => t.topic).join(', ') };
    });
  }

  await step(`Adopt ${countOf(steps.adoptTopics.length, 'existing topic')}`, listener, async () => {
    if (steps.adoptTopics.length === 0) return 'skipped';
    // They are in Kafka already: only recorded as taken over, nothing is sent to Kafka.
    await db.transaction((tx) => addAdoptedTopics(tx, steps.adoptTopics, plan.flowId));
    return { requests: 0, detail: steps.adoptTopics.map((t) => t.topic).join(', ') };
  });

  for (const [connection, create] of steps.createAcls) {
    await step(`Add ${countOf(create.length, 'ACL')} on ${nameOf(connection)}`, listener, async () => {
      // Recorded as ours before Kafka is asked: when CreateAcls takes effect but its answer is lost, the
      // next plan finds them present and ours, and deletes them once no binding needs them. One that
      // Kafka did not create is ours but missing: the next plan creates it again, or, when no binding
      // needs it any more, deletes it (which removes nothing) and forgets it.
      await db.transaction((tx) => addManagedAcls(tx, create, plan.flowId));
      const { authorizer } = await kafka.createAcls(configFor(connection), create);
      reached('acls-created');
      if (!authorizer) {
        // The cluster lost its authorizer since the plan was made: it created none of them.
        await db.transaction((tx) => removeManagedAcls(tx, create));
        return { requests: 1, skipped: true, detail: `ACLs are not enforced on '${configFor(connection).name}': no authorizer, so none was set.` };
      }
      return { requests: 1 };
    });
  }

  await step(`Adopt ${countOf(steps.adoptAcls.length, 'existing ACL')}`, listener, async () => {
    if (steps.adoptAcls.length === 0) return 'skipped';
    // They are in Kafka already: recorded as ours and the flow's, so that undeploying removes them.
    await db.transaction((tx) => addManagedAcls(tx, steps.adoptAcls, plan.flowId));
    return { requests: 0 };
  });

  const removing = [...steps.deleteAcls.values()].flat();
  await step(`Enable ${steps.enable.length} and disable ${countOf(steps.disable.length, 'binding')}`, listener, async () => {
    if (steps.enable.length === 0 && steps.disable.length === 0 && !save) return 'skipped';
    await db.transaction(async (tx) => {
      // The flow's new revision, when the deploy saves one, commits with its bindings or not at all.
      await save?.(tx);
      for (const b of steps.enable) await upsertBinding(tx, b);
      for (const b of steps.disable) await deleteBinding(tx, b);
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
    const all = await runtime.handOff();
    reached('bindings-handed-off');
    return { requests: 0, detail: countOf(all.length, 'enabled binding') };
  });

  // The subscriptions the studio runs now instead of the platform: each listener goes once the studio's
  // binding runs, so that no message goes unprocessed in between. One that cannot go is recorded as
  // skipped with the reason (both run); one that failed stays recorded, and the next plan hands it over again.
  for (const { origin, unavailable } of steps.handOverListeners) {
    await step(`Hand over ${origin.algorithm} on "${origin.topic}" from the platform's event listener ${origin.listener.id}`, listener, async () => {
      if (unavailable) return { requests: 0, skipped: true, detail: `Both run: the platform's listener was not removed, because ${unavailable}.` };
      const listeners = platform.eventListeners;
      if (!listeners) throw new Error("the studio is not connected to the platform's API (ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY), so it cannot remove the listener");
      await untilRunning(statuses, origin, handOverWaitMs);
      const removed = await listeners.remove(origin.listener);
      await removeListenerOrigin(db, origin);
      return { requests: 1, detail: removed === 'gone' ? 'the platform had removed the listener already' : "the studio's subscription runs; the platform's listener is removed" };
    });
  }

  // After the runtime stopped the subscriptions: the platform's listeners they were adopted from go too.
  // Each is forgotten once the platform deleted it (or had it no more); one that failed stays recorded,
  // and the next plan removes it again.
  for (const origin of steps.removeListeners) {
    await step(`Remove the platform's event listener ${origin.listener.id} of ${origin.algorithm} on "${origin.topic}"`, listener, async () => {
      const listeners = platform.eventListeners;
      if (!listeners) throw new Error("the studio is not connected to the platform's API (ALGORITHMIA_API_URL and ALGORITHMIA_API_KEY), so it cannot remove the listener");
      const removed = await listeners.remove(origin.listener);
      await removeListenerOrigin(db, origin);
      return { requests: 1, ...(removed === 'gone' ? { detail: 'the platform had removed it already' } : {}) };
    });
  }

  for (const [connection, remove] of steps.deleteAcls) {
    await step(`Remove ${countOf(remove.length, 'ACL')} on ${nameOf(connection)}`, listener, async () => {
      // Forgotten only once Kafka deleted them: if DeleteAcls fails, the next plan deletes them again.
      await kafka.deleteAcls(configFor(connection), remove);
      reached('acls-deleted');
      await db.transaction((tx) => removeManagedAcls(tx, remove));
      return { requests: 1 };
    });
  }
}

/** How long a hand-over waits for the studio's binding to run before it leaves the platform's listener running. */
const handOverWaitMs = 60_000;

/**
 * Resolves once the runtime reports the subscription `origin` names running; otherwise, after
 * `waitMs`, fails with a sentence saying that the platform's listener keeps running.
 */
async function untilRunning(statuses: Services['statuses'], origin: ListenerOrigin, waitMs: number): Promise<void> {
  const key = bindingKey({ ...origin, direction: 'subscribe' });
  const deadline = Date.now() + waitMs;
  let state: string;
  for (;;) {
    const status = (await statuses.current()).find((s) => s.key === key && s.flowId === origin.flowId);
    state = status?.state ?? 'not reported';
    if (state === 'running') return;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `the studio's subscription of ${origin.algorithm} on "${origin.topic}" is not running (${state}) after ${waitMs / 1000} s, so the platform's event listener ${origin.listener.id} keeps running too (both process each message); deploy again to hand it over`,
  );
}
