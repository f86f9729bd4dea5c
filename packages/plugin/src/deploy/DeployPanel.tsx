import { refreshAfterChange, useTRPC } from '@event-flows/client';
import { countOf, samePutBack, type Drift, type Grant, type PutBack } from '@event-flows/model';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useEffect, useRef, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { useNotice } from '../flows/useNotice.ts';
import { DeployView, type DeployEvent, type PlanState } from './DeployView.tsx';
import { useRequestAccess } from './useRequestAccess.ts';

/** Props of {@link DeployPanel}. */
export interface DeployPanelProps {
  flowId: string;
  /** Hears the drift each plan finds (`null` once the panel closes), for the canvas to mark. */
  onDrift?: (drift: readonly Drift[] | null) => void;
  /** Takes a drift finding's live value into the flow; omit when the flow cannot be edited. */
  onTakeLiveValue?: (drift: Drift) => void;
}

/**
 * The plan of the saved flow, then deploy: progress streamed step by step from the server while the
 * deploy runs, and its outcome (deployed, invalid, needs grants — with the requests filed — or failed).
 * Feeds {@link DeployView} from the server.
 */
export function DeployPanel({ flowId, onDrift, onTakeLiveValue }: DeployPanelProps) {
  const { theme, emit, me, orgId } = useStudio();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The drift findings the person chose to put back: the plan is made, and the deploy run, with them.
  const [putBack, setPutBack] = useState<PutBack[]>([]);
  const choosePutBack = (choice: PutBack, on: boolean) =>
    setPutBack((chosen) => [...chosen.filter((c) => !samePutBack(c, choice)), ...(on ? [choice] : [])]);
  // The plan made before a choice stays on screen while the plan with it is made.
  const plan = useQuery({ ...trpc.flows.plan.queryOptions({ id: flowId, ...(putBack.length > 0 ? { putBack } : {}) }), staleTime: 0, placeholderData: keepPreviousData });
  // The flow page has the catalog already; its connections' names go into the plan's lines.
  const catalog = useQuery(trpc.catalog.get.queryOptions({ orgId }));
  const connectionNames = new Map(catalog.data?.catalog.connections.map((c) => [c.id, c.name]));
  const [events, setEvents] = useState<DeployEvent[]>([]);
  useSubscription(trpc.flows.deployProgress.subscriptionOptions({ id: flowId }, { onData: (event) => setEvents((list) => [...list, event]) }));
  const deploy = useMutation(trpc.flows.deploy.mutationOptions());
  // Where each blocked grant stands (never asked for, requested, approved, rejected), from the server;
  // refreshed when this studio files a request and when it hears of a request filed or decided elsewhere.
  const access = useRequestAccess(flowId);
  // The outcome describes the plan's revision: it goes when another revision is planned (or, for a
  // success, after a few seconds).
  const outcome = useNotice(plan.data?.revision);
  // The canvas marks each plan's drift while the panel is open; the listener may be a new function each render.
  const driftListener = useRef(onDrift);
  useEffect(() => {
    driftListener.current = onDrift;
  });
  const drift = plan.data?.plan.drift;
  useEffect(() => {
    if (drift) driftListener.current?.(drift);
  }, [drift]);
  useEffect(() => () => driftListener.current?.(null), []);

  /** Deploys the planned revision and refreshes what the deploy changed (badge, history, catalog, requests). */
  const deployPlanned = async (revision: number) => {
    const result = await deploy.mutateAsync({ id: flowId, revision, ...(putBack.length > 0 ? { putBack } : {}) });
    const by = me.user.id;
    if (result.status === 'deployed' || result.status === 'failed') {
      await refreshAfterChange({ trpc, queryClient }, { kind: 'deployment', flowId, action: 'deploy', revision, status: result.status === 'deployed' ? 'succeeded' : 'failed', by });
    } else if (result.status === 'needs-grants') {
      await refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'grant-requests' });
    }
    return result;
  };

  const run = async () => {
    if (!plan.data) return;
    const revision = plan.data.revision;
    setEvents([]);
    try {
      const result = await deployPlanned(revision);
      emit({ type: 'deployed', flowId, revision, status: result.status });
      if (result.status === 'deployed') {
        // What was put back is no longer drift: the next plan starts without choices.
        setPutBack([]);
        outcome.show(`Deployed revision ${revision}.`, revision);
      }
      else if (result.status === 'needs-grants') outcome.show(`${result.message} (${countOf(result.requests.length, 'request')} filed)`, revision);
      else if (result.status === 'invalid') outcome.show(`Not deployed: the flow has ${countOf(result.diagnostics.filter((d) => d.severity === 'error').length, 'error')}.`, revision, 'error');
      else outcome.show(`Deploy failed: ${result.error}`, revision, 'error');
    } catch (error) {
      outcome.show(`Deploy failed: ${messageOf(error)}`, revision, 'error');
    }
  };

  /** Files requests for exactly these blocked grants (one row's, or every one not asked for yet). */
  const requestAccess = async (grants: Grant[]) => {
    if (!plan.data || grants.length === 0) return;
    const revision = plan.data.revision;
    const said = await access.request(grants);
    outcome.show(said.text, revision, said.tone);
  };

  const planState: PlanState = plan.data
    ? { state: 'ready', revision: plan.data.revision, plan: plan.data.plan, replanning: plan.isPlaceholderData }
    : plan.error
      ? { state: 'error', message: messageOf(plan.error) }
      : { state: 'loading' };
  return (
    <DeployView
      plan={planState}
      progress={events}
      deploying={deploy.isPending}
      outcome={outcome.text && outcome.tone ? { text: outcome.text, tone: outcome.tone } : null}
      theme={theme}
      connectionNames={connectionNames}
      accessRequests={access.accessRequests}
      onDeploy={() => void run()}
      onPlanAgain={() => void plan.refetch()}
      onRequestAccess={(grants) => void requestAccess(grants)}
      {...(onTakeLiveValue ? { onTakeLiveValue, putBack, onPutBack: choosePutBack } : {})}
    />
  );
}
