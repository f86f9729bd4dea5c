import { useTRPC } from '@event-flows/client';
import type { Drift } from '@event-flows/model';
import { useQuery } from '@tanstack/react-query';

/**
 * How often an open flow page asks whether Kafka still matches the deployed flow. Each ask reads the
 * flow's clusters (one snapshot and one scan each), so it is asked for twice a minute, not every second.
 */
export const driftPollMs = 30_000;

/**
 * The drift of the flow's deployed revision (`flows.drift`), asked for while the page is open and the
 * flow is deployed; `undefined` while not known, or when the flow is not deployed or the ask failed
 * (a cluster that does not answer: the canvas then shows no marks rather than an error).
 */
export function useDeployedDrift(flowId: string, deployedRevision: number | null | undefined): readonly Drift[] | undefined {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.flows.drift.queryOptions({ id: flowId }),
    enabled: deployedRevision !== null && deployedRevision !== undefined,
    refetchInterval: driftPollMs,
    retry: false,
  });
  return deployedRevision === null ? undefined : query.data?.drift;
}
