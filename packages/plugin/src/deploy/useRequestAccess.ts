import { refreshAfterChange, useTRPC } from '@event-flows/client';
import { countOf, type Grant } from '@event-flows/model';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../app/StudioContext.ts';

/** What filing access requests came to, in a sentence, and how it is shown. */
export interface AccessRequestOutcome {
  text: string;
  tone: 'success' | 'error';
}

/**
 * Access requests for a flow's saved plan, for the plan review and the problems panel alike: where
 * each grant the flow needs stands (`accessRequests`, from the server, refreshed when a request is
 * filed or decided), and `request`, which files requests for exactly the grants given (one row's, or
 * every one not asked for yet) and says how that went.
 */
export function useRequestAccess(flowId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const accessRequests = useQuery(trpc.flows.accessRequests.queryOptions({ id: flowId }));
  const fileRequests = useMutation(trpc.flows.requestAccess.mutationOptions());

  const request = async (grants: Grant[]): Promise<AccessRequestOutcome> => {
    try {
      const { filed } = await fileRequests.mutateAsync({ id: flowId, grants });
      await refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'grant-requests' });
      const text = filed > 0 ? `Access requested: ${countOf(filed, 'grant request')} filed for a cluster admin.` : 'Access was requested already; a cluster admin has not decided yet.';
      return { text, tone: 'success' };
    } catch (error) {
      return { text: `Request failed: ${messageOf(error)}`, tone: 'error' };
    }
  };

  return { accessRequests: accessRequests.data, request };
}
