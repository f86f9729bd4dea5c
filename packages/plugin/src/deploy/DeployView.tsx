import './flowPanels.css';
import type { ApiOutputs } from '@event-flows/client';
import { Badge, Button, PlanReview, Spinner, type AccessRequestState, type BadgeTone } from '@event-flows/editor';
import type { Drift, Grant, Plan, PutBack } from '@event-flows/model';
import type { ReactNode } from 'react';

/** One event of `flows.deployProgress` (the subscription's output is a stream of these). */
export type DeployEvent = ApiOutputs['flows']['deployProgress'] extends AsyncIterable<infer E> ? E : never;

/** Where the plan of the saved flow stands: being made, refused, or ready for review. */
export type PlanState = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; revision: number; plan: Plan; replanning?: boolean };

/** What the last deploy (or access request) came to, as a sentence in its tone; `null` when there is nothing to say. */
export interface DeployOutcome {
  text: ReactNode;
  tone: 'success' | 'error';
}

/** Props of {@link DeployView}. */
export interface DeployViewProps {
  plan: PlanState;
  /** The deploy's progress, step by step, as the server streams it. */
  progress: readonly DeployEvent[];
  /** A deploy is under way. */
  deploying: boolean;
  outcome: DeployOutcome | null;
  theme: 'light' | 'dark';
  /** Display names of the connections by id. */
  connectionNames?: ReadonlyMap<string, string>;
  /** Where each blocked grant stands; omit while not known. */
  accessRequests?: readonly AccessRequestState[] | undefined;
  onDeploy: () => void;
  onPlanAgain: () => void;
  onRequestAccess: (grants: Grant[]) => void;
  /** Takes a drift finding's live value into the flow; omit when the flow cannot be edited. */
  onTakeLiveValue?: (drift: Drift) => void;
  /** The drift findings chosen to be put back, and how a choice changes (with `onTakeLiveValue`). */
  putBack?: readonly PutBack[];
  onPutBack?: (choice: PutBack, on: boolean) => void;
}

const stepTones: Record<'succeeded' | 'failed' | 'skipped', BadgeTone> = { succeeded: 'running', failed: 'error', skipped: 'paused' };

/** One line of the deploy's progress: what happened and how it went, as a badge in its colour. */
function ProgressLine({ event }: { event: DeployEvent }) {
  if (event.kind === 'started') return <>Started: {event.summary}</>;
  if (event.kind === 'step') {
    const { title, status, detail } = event.step;
    return (
      <>
        <span className="efs-deploy__step-title">{title}</span> <Badge tone={stepTones[status]}>{status}</Badge>
        {detail ? <span className="efs-deploy__detail">{detail}</span> : null}
      </>
    );
  }
  return (
    <>
      Finished: <Badge tone={event.status === 'succeeded' ? 'running' : 'error'}>{event.status}</Badge>
      {event.error ? <span className="efs-deploy__detail">{event.error}</span> : null}
    </>
  );
}

const statusOf = (event: DeployEvent) => (event.kind === 'step' ? event.step.status : event.kind === 'finished' ? event.status : 'started');

/**
 * The Deploy panel as a person sees it: the plan of the saved flow (planning, refused, or ready with
 * Deploy), then the deploy's progress step by step and its outcome (deployed, failed, invalid, needs
 * grants, or a newer revision to plan again). It holds no data of its own: {@link DeployPanel} feeds it.
 */
export function DeployView({ plan, progress, deploying, outcome, theme, connectionNames, accessRequests, onDeploy, onPlanAgain, onRequestAccess, onTakeLiveValue, putBack, onPutBack }: DeployViewProps) {
  return (
    <div className="efs-deploy">
      {plan.state === 'loading' || (plan.state === 'ready' && plan.replanning) ? <Spinner label="Planning…" /> : null}
      {plan.state === 'error' ? (
        <div className="efs-app__alert" role="alert">
          Could not plan the flow: {plan.message}
        </div>
      ) : null}
      {plan.state === 'ready' ? (
        <PlanReview
          plan={plan.plan}
          theme={theme}
          {...(connectionNames ? { connectionNames } : {})}
          accessRequests={accessRequests}
          onDeploy={onDeploy}
          onRequestAccess={onRequestAccess}
          {...(onTakeLiveValue ? { onTakeLiveValue } : {})}
          {...(onTakeLiveValue && putBack && onPutBack ? { putBack, onPutBack } : {})}
        />
      ) : null}
      {plan.state !== 'loading' ? (
        <div className="efs-deploy__again">
          <Button onClick={onPlanAgain} disabled={deploying}>
            Plan again
          </Button>
        </div>
      ) : null}
      <section aria-label="Deploy progress" className="efs-deploy__progress">
        <h2>Deploy progress</h2>
        {progress.length === 0 && !deploying && !outcome ? <p className="efs-app__muted">Nothing deployed from this panel yet.</p> : null}
        <ol aria-label="Deploy steps" className="efs-deploy__steps">
          {progress.map((event, i) => (
            <li key={i} data-kind={event.kind} data-status={statusOf(event)}>
              <ProgressLine event={event} />
            </li>
          ))}
        </ol>
        {deploying ? <Spinner label="Deploying…" /> : null}
        {outcome ? (
          <p role={outcome.tone === 'error' ? 'alert' : 'status'} className={outcome.tone === 'error' ? 'efs-app__alert' : 'efs-deploy__outcome'}>
            {outcome.text}
          </p>
        ) : null}
      </section>
    </div>
  );
}
