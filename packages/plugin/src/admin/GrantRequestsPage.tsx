import { refreshAfterChange, useStudioChanges, useTRPC } from '@event-flows/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';

/** Cluster admins: members' requests for grants their flows need; approve or reject. */
export function GrantRequestsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useStudioChanges(useStudio().orgId);
  const requests = useQuery({ ...trpc.admin.grantRequests.list.queryOptions(), staleTime: 0 });
  // An approval adds a grant: the request lists, the grants, every catalog and plan change with it.
  const refresh = { onSuccess: () => void refreshAfterChange({ trpc, queryClient }, { kind: 'catalog-changed', what: 'grants' }) };
  const approve = useMutation(trpc.admin.grantRequests.approve.mutationOptions(refresh));
  const reject = useMutation(trpc.admin.grantRequests.reject.mutationOptions(refresh));
  const id = useId();
  const error = requests.error ?? approve.error ?? reject.error;
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Grant requests</h1>
      {error ? <p role="alert">{messageOf(error)}</p> : null}
      <table className="efs-app__table" aria-label="Grant requests">
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">Requested by</th>
            <th scope="col">Status</th>
            <th scope="col">Decide</th>
          </tr>
        </thead>
        <tbody>
          {requests.data?.map((r) => {
            const what = `${r.algorithm} ${r.access} ${r.topic}`;
            return (
              <tr key={r.id} data-status={r.status}>
                <th scope="row">
                  {what} <span className="efs-app__muted">({r.connection})</span>
                </th>
                <td>{r.requestedBy}</td>
                <td>{r.status}</td>
                <td>
                  {r.status === 'pending' ? (
                    <>
                      <button type="button" aria-label={`Approve ${what}`} onClick={() => approve.mutate({ id: r.id })}>
                        Approve
                      </button>{' '}
                      <button type="button" aria-label={`Reject ${what}`} onClick={() => reject.mutate({ id: r.id })}>
                        Reject
                      </button>
                    </>
                  ) : (
                    (r.decidedBy ?? '')
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
