import { useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useStudio } from '../app/StudioContext.ts';
import { loadedOf } from './loaded.ts';
import { PlatformListenersView } from './PlatformListenersView.tsx';

/**
 * The Kafka event listeners the org's members run on the platform (Algorithmia's API) and adopting
 * chosen ones into a flow, so that the flows people already run appear on the canvas. Feeds {@link PlatformListenersView}.
 */
export function PlatformListeners({ onOpenFlow }: { onOpenFlow: (flowId: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { orgId, me } = useStudio();
  const listed = useQuery({ ...trpc.platform.listeners.queryOptions({ orgId }), retry: false });
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const adopt = useMutation(
    trpc.platform.adoptListeners.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.platform.listeners.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.flows.list.pathKey() });
      },
    }),
  );
  return (
    <PlatformListenersView
      listed={loadedOf(listed)}
      flows={flows.data ?? []}
      canAdopt={me.user.role !== 'viewer'}
      onAdopt={(listeners, into) => adopt.mutateAsync({ orgId, listeners, into })}
      onOpenFlow={onOpenFlow}
    />
  );
}
