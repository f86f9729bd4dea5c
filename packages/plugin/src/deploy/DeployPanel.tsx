import { useTRPC, type ApiOutputs } from '@event-flows/client';
import { PlanReview } from '@event-flows/editor';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';

/** One event of `flows.deployProgress` (the subscription's output is a stream of these). */
type DeployEvent = ApiOutputs['flows']['deployProgress'] extends AsyncIterable<infer E> ? E : never;

/**
 * The plan of the saved flow, then deploy: progress streamed step by step from the server while the
 * deploy runs, and its outcome (deployed, invalid, needs grants — with the requests filed — or failed).
 */
export function DeployPanel({ flowId }: { flowId: string }) {
  const { theme, emit } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const plan = useQuery({ ...trpc.flows.plan.queryOptions({ id: flowId }), staleTime: 0 });
  const [events, setEvents] = useState<DeployEvent[]>([]);
  useSubscription(trpc.flows.deployProgress.subscriptionOptions({ id: flowId }, { onData: (event) => setEvents((list) => [...list, event]) }));
  const deploy = useMutation(trpc.flows.deploy.mutationOptions());
  const [outcome, setOutcome] = useState<string | null>(null);

  const run = async () => {
    if (!plan.data) return;
    setEvents([]);
    setOutcome(null);
    try {
      const result = await deploy.mutateAsync({ id: flowId, revision: plan.data.revision });
      emit({ type: 'deployed', flowId, revision: plan.data.revision, status: result.status });
      if (result.status === 'deployed') setOutcome(`Deployed revision ${plan.data.revision}.`);
      else if (result.status === 'needs-grants') setOutcome(`${result.message} (${result.requests.length} request(s) filed)`);
      else if (result.status === 'invalid') setOutcome(`Not deployed: the flow has ${result.diagnostics.filter((d) => d.severity === 'error').length} error(s).`);
      else setOutcome(`Deploy failed: ${result.error}`);
    } catch (error) {
      setOutcome(`Deploy failed: ${messageOf(error)}`);
    }
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.flows.plan.queryKey({ id: flowId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flowId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.deployments.list.pathKey() }),
    ]);
  };

  // A member's "Request access" files requests for every missing grant, as deploy does.
  const requestAccess = async () => {
    if (!plan.data) return;
    try {
      const result = await deploy.mutateAsync({ id: flowId, revision: plan.data.revision });
      setOutcome(result.status === 'needs-grants' ? `Access requested: ${result.requests.length} grant request(s) filed for a cluster admin.` : `Deploy: ${result.status}.`);
    } catch (error) {
      setOutcome(`Request failed: ${messageOf(error)}`);
    }
  };

  return (
    <div className="efs-app__deploy">
      {plan.isPending ? <p className="efs-app__note">Planning…</p> : null}
      {plan.error ? <p role="alert">{messageOf(plan.error)}</p> : null}
      {plan.data ? (
        <>
          <PlanReview plan={plan.data.plan} theme={theme} onDeploy={() => void run()} onRequestAccess={() => void requestAccess()} />
          <button type="button" onClick={() => void plan.refetch()}>
            Plan again
          </button>
        </>
      ) : null}
      <section aria-label="Deploy progress" className="efs-app__progress">
        <h2>Deploy progress</h2>
        {deploy.isPending ? <p className="efs-app__note">Deploying…</p> : null}
        <ol aria-label="Deploy steps">
          {events.map((event, i) => (
            <li key={i} data-kind={event.kind} data-status={event.kind === 'step' ? event.step.status : event.kind === 'finished' ? event.status : 'started'}>
              {event.kind === 'started' ? `Started: ${event.summary}` : null}
              {event.kind === 'step' ? `${event.step.title} — ${event.step.status}${event.step.detail ? ` (${event.step.detail})` : ''}` : null}
              {event.kind === 'finished' ? `Finished: ${event.status}${event.error ? ` — ${event.error}` : ''}` : null}
            </li>
          ))}
        </ol>
        {outcome ? (
          <p role="status" className="efs-app__outcome">
            {outcome}
          </p>
        ) : null}
      </section>
    </div>
  );
}
