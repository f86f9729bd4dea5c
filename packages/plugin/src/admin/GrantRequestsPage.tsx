import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { GrantRequestsTable } from './GrantRequestsTable.tsx';

/** Cluster admins: members' requests for grants their flows need; approve or reject. */
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
  const id = useId();
  const error = requests.error ?? approve.error ?? reject.error;
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Grant requests</h1>
      {error ? (
        <p role="alert" className="efs-app__problem">
          {messageOf(error)}
        </p>
      ) : null}
      <GrantRequestsTable
        requests={requests.data ?? []}
        connectionNames={new Map(connections.data?.map((c) => [c.id, c.name]))}
        onApprove={(request) => approve.mutate({ id: request })}
        onReject={(request) => reject.mutate({ id: request })}
      />
    </section>
  );
}
