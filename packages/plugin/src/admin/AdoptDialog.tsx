import { useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStudio } from '../app/StudioContext.ts';
import { AdoptDialogView, type AdoptChoice, type AdoptRequest } from './AdoptDialogView.tsx';

export { choiceWords, type AdoptChoice } from './AdoptDialogView.tsx';

/**
 * Adopts the chosen topics and principals into a flow of the org through `discover.adopt`, each
 * algorithm at the version chosen from the org's catalog, and refreshes the flows it changed. Feeds {@link AdoptDialogView}.
 */
export function AdoptDialog({ choice, onClose, onOpenFlow }: { choice: AdoptChoice; onClose: (adopted: boolean) => void; onOpenFlow: (flowId: string) => void }) {
  const trpc = useTRPC();
  const { orgId, me } = useStudio();
  const queryClient = useQueryClient();
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const catalog = useQuery(trpc.catalog.algorithms.queryOptions({ orgId }));
  const adopt = useMutation(trpc.discover.adopt.mutationOptions());
  const onAdopt = async ({ into: target, versions }: AdoptRequest) => {
    const into = target.kind === 'new' ? ({ kind: 'new', orgId, name: target.name } as const) : target;
    const adopted = await adopt.mutateAsync({ connection: choice.connection.id, topics: [...choice.topics], principals: [...choice.principals], versions, into });
    await queryClient.invalidateQueries({ queryKey: trpc.flows.pathKey() });
    const listed = queryClient.getQueryData(trpc.flows.list.queryKey({ orgId }))?.find((f) => f.id === adopted.flowId);
    const chosenName = target.kind === 'new' ? target.name : flows.data?.find((f) => f.id === target.flowId)?.name;
    return { adopted, flowName: listed?.name ?? chosenName ?? adopted.flowId };
  };
  return (
    <AdoptDialogView choice={choice} orgName={me.orgs.find((o) => o.id === orgId)?.name ?? orgId} flows={flows.data} catalog={catalog.data} onAdopt={onAdopt} onClose={onClose} onOpenFlow={onOpenFlow} />
  );
}
