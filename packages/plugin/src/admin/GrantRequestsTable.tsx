import type { ApiOutputs } from '@event-flows/client';
import { formatTime } from '@event-flows/model';
import { PersonName } from '../app/PersonName.tsx';

/** A grant request as the admin API lists it. */
export type GrantRequestRow = ApiOutputs['admin']['grantRequests']['list'][number];

/** Props of {@link GrantRequestsTable}. */
export interface GrantRequestsTableProps {
  requests: readonly GrantRequestRow[];
  /** Connection display names by id. */
  connectionNames?: ReadonlyMap<string, string>;
  onApprove: (id: number) => void;
  onReject: (id: number) => void;
}

/** Which flow asked, in words: its name, or what is known when it has none. */
function askedBy(request: GrantRequestRow): string {
  if (request.flowName) return request.flowName;
  return request.flowId ? `a deleted flow (${request.flowId})` : "an algorithm's Events tab";
}

/**
 * Members' requests for grants their flows need: what is asked, which flow asked, who and when, and
 * approve or reject for the pending ones.
 */
export function GrantRequestsTable({ requests, connectionNames, onApprove, onReject }: GrantRequestsTableProps) {
  if (requests.length === 0) return <p className="efs-app__muted">No grant requests.</p>;
  return (
    <table className="efs-app__table" aria-label="Grant requests">
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Flow</th>
          <th scope="col">Requested by</th>
          <th scope="col">When</th>
          <th scope="col">Status</th>
          <th scope="col">Decide</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((r) => {
          const what = `${r.algorithm} ${r.access} ${r.topic}`;
          return (
            <tr key={r.id} data-status={r.status}>
              <th scope="row">
                {what} <span className="efs-app__muted">on {connectionNames?.get(r.connection) ?? r.connection}</span>
              </th>
              <td>
                {askedBy(r)} <span className="efs-app__muted">({r.orgId})</span>
              </td>
              <td>
                <PersonName id={r.requestedBy} name={r.requestedByName} />
              </td>
              <td>
                <time dateTime={r.requestedAt}>{formatTime(r.requestedAt)}</time>
              </td>
              <td>
                {r.status}
                {r.decidedBy ? (
                  <span className="efs-app__muted">
                    {' '}
                    by <PersonName id={r.decidedBy} name={r.decidedByName} />
                  </span>
                ) : null}
                {r.reason ? <span className="efs-app__muted">: {r.reason}</span> : null}
              </td>
              <td>
                {r.status === 'pending' ? (
                  <div className="efs-app__actions">
                    <button type="button" aria-label={`Approve ${what}`} onClick={() => onApprove(r.id)}>
                      Approve
                    </button>
                    <button type="button" aria-label={`Reject ${what}`} onClick={() => onReject(r.id)}>
                      Reject
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
