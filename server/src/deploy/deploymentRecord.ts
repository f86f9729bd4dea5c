import type { Diagnostic, Flow, Plan } from '@event-flows/model';
import { announceChange, announceDeployEvent } from '../changes.ts';
import type { ConnectionConfig } from '../connections/connectionSchema.ts';
import type { Queryable } from '../db/db.ts';
import { deployChannel, type DeployEvent } from '../events.ts';
import type { User } from '../identity/identity.ts';
import type { Services } from '../services.ts';
import type { GrantRequest } from '../store/access.ts';
import { audit } from '../store/audit.ts';
import { finishDeployment, getDeployment, recordDeployedRevision, recordStep, startDeployment, type Deployment, type DeployStep } from '../store/deployments.ts';
import { carryOutPlan, type ApplyTargets, type StepListener } from './carryOutPlan.ts';

/** How a deploy or undeploy ended. */
export type DeployResult =
  | { status: 'deployed'; deployment: Deployment }
  | { status: 'invalid'; diagnostics: Diagnostic[] }
  | { status: 'needs-grants'; message: string; requests: GrantRequest[] }
  | { status: 'failed'; deployment: Deployment; error: string };

/** What a recorded deploy reaches: what carrying out its plan does, and this process's events and log. */
export type RecordTargets = ApplyTargets & Pick<Services, 'events' | 'log'>;

/** A plan to carry out, and how it is recorded. */
export interface RecordedChange {
  flow: Flow;
  kind: 'deploy' | 'undeploy';
  actor: User;
  plan: Plan;
  /** The settings of each connection the plan touches, by id. */
  connections: ReadonlyMap<string, ConnectionConfig>;
  onStep?: StepListener | undefined;
  /** Saves the flow's revision in the bindings' transaction (a deploy of an edit). */
  save?: ((tx: Queryable) => Promise<void>) | undefined;
}

/**
 * Carries out the plan as a recorded deployment: started in the database, each step recorded and
 * published on the flow's progress channel as it completes, then finished as succeeded or failed,
 * announced to every open studio of the org, and audited. A failed step ends it as `failed`.
 */
export async function recordDeployment(targets: RecordTargets, change: RecordedChange): Promise<DeployResult> {
  const { db, events, log } = targets;
  const { flow, kind, actor, plan, save, onStep } = change;
  // A deploy that saves its revision names it once saved: cut short before, it deployed no revision.
  const id = await startDeployment(db, { flowId: flow.id, revision: kind === 'deploy' && !save ? flow.revision : null, kind, actor: actor.id, plan });
  const saving = save
    ? async (tx: Queryable) => {
        await save(tx);
        await recordDeployedRevision(tx, id, flow.revision);
      }
    : undefined;
  const channel = deployChannel(flow.id);
  // Every open studio of the org (on any replica) refreshes the flow's badge, history and catalog.
  const announceFinished = (status: 'succeeded' | 'failed') =>
    announceChange(db, flow.orgId, { kind: 'deployment', flowId: flow.id, action: kind, revision: kind === 'deploy' ? flow.revision : null, status, by: actor.id });
  // Progress reaches this replica's subscribers at once and the other replicas' through the database.
  const progress = async (event: DeployEvent) => {
    events.publish(channel, event);
    await announceDeployEvent(db, events.origin, flow.id, event).catch((error: unknown) =>
      log('warn', 'could not announce deploy progress to the other replicas', { deployment: id, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  await progress({ kind: 'started', deploymentId: id, summary: plan.summary });
  const listener: StepListener = async (step: DeployStep) => {
    await recordStep(db, id, step);
    await progress({ kind: 'step', deploymentId: id, step });
    await onStep?.(step);
  };
  try {
    await carryOutPlan(targets, plan, change.connections, { actor: actor.id, listener, kind, ...(saving ? { save: saving } : {}) });
    await finishDeployment(db, id, 'succeeded');
    await announceFinished('succeeded');
    await progress({ kind: 'finished', deploymentId: id, status: 'succeeded' });
    await audit(db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'ok', detail: { deployment: id, summary: plan.summary } });
    return { status: 'deployed', deployment: (await getDeployment(db, id)) as Deployment };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishDeployment(db, id, 'failed', message);
    await announceFinished('failed');
    await progress({ kind: 'finished', deploymentId: id, status: 'failed', error: message });
    await audit(db, { actor: actor.id, action: `flow.${kind}`, target: flow.id, result: 'failed', detail: { deployment: id, error: message } });
    log('error', `${kind} of ${flow.id} failed`, { deployment: id, error: message });
    return { status: 'failed', deployment: (await getDeployment(db, id)) as Deployment, error: message };
  }
}
