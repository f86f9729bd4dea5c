import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { GrantRequestsView } from './GrantRequestsView.tsx';
import { loadedOf } from './loaded.ts';

/** Cluster admins: members' requests for grants their flows need; approve or reject. Feeds {@link GrantRequestsView}. */
export function GrantRequestsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(useStudio().orgId);
  const requests = useQuery({ ...trpc.admin.grantRequests.list.queryOptions(), staleTime: 0 });
  const connections = useQuery(trpc.admin.connections.list.queryOptions());
  // An approval adds a grant: the request lists, the grants, every catalog and plan change with it.
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'grants' }) };
  const approve = useMutation(trpc.admin.grantRequests.approve.mutationOptions(refresh));
  const reject = useMutation(trpc.admin.grantRequests.reject.mutationOptions(refresh));
  const decisionError = approve.error ?? reject.error;
  return (
    <GrantRequestsView
      requests={loadedOf(requests)}
      connectionNames={new Map(connections.data?.map((c) => [c.id, c.name]))}
      decisionProblem={decisionError ? messageOf(decisionError) : null}
      onApprove={(request) => approve.mutate({ id: request })}
      onReject={(request) => reject.mutate({ id: request })}
    />
  );
}
