import './admin.css';
import type { ApiOutputs } from '@event-flows/client';
import { Badge, Button, EmptyState, Table, type BadgeTone, type TableColumn } from '@event-flows/editor';
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

const statusTones: Record<GrantRequestRow['status'], BadgeTone> = { pending: 'warning', approved: 'running', rejected: 'error' };

/** What a request asks for, as its buttons name it. */
const askedFor = (r: GrantRequestRow) => `${r.algorithm} ${r.access} ${r.topic}`;

function columns({ connectionNames, onApprove, onReject }: Omit<GrantRequestsTableProps, 'requests'>): TableColumn<GrantRequestRow>[] {
  return [
    {
      key: 'request', rowHeader: true,
      header: 'Request',
      cell: (r) => (
        <>
          {askedFor(r)} <span className="efs-app__muted">on {connectionNames?.get(r.connection) ?? r.connection}</span>
        </>
      ),
    },
    {
      key: 'flow',
      header: 'Flow',
      cell: (r) => (
        <>
          {askedBy(r)} <span className="efs-app__muted">({r.orgId})</span>
        </>
      ),
    },
    { key: 'by', header: 'Requested by', cell: (r) => <PersonName id={r.requestedBy} name={r.requestedByName} /> },
    { key: 'when', header: 'When', cell: (r) => <time className="efs-app__nowrap" dateTime={r.requestedAt}>{formatTime(r.requestedAt)}</time> },
    {
      key: 'status',
      header: 'Status',
      cell: (r) => (
        <>
          <Badge tone={statusTones[r.status]}>{r.status}</Badge>
          {r.decidedBy ? (
            <span className="efs-app__muted">
              {' '}
              by <PersonName id={r.decidedBy} name={r.decidedByName} />
            </span>
          ) : null}
          {r.reason ? <span className="efs-app__muted">: {r.reason}</span> : null}
        </>
      ),
    },
    {
      key: 'decide',
      header: 'Decide',
      cell: (r) =>
        r.status === 'pending' ? (
          <div className="efs-app__row-actions">
            <Button size="small" variant="primary" aria-label={`Approve ${askedFor(r)}`} onClick={() => onApprove(r.id)}>
              Approve
            </Button>
            <Button size="small" variant="danger" aria-label={`Reject ${askedFor(r)}`} onClick={() => onReject(r.id)}>
              Reject
            </Button>
          </div>
        ) : null,
    },
  ];
}

/**
 * Members' requests for grants their flows need: what is asked, which flow asked, who and when, and
 * approve or reject for the pending ones; the design system's empty state when there is none.
 */
export function GrantRequestsTable({ requests, connectionNames, onApprove, onReject }: GrantRequestsTableProps) {
  if (requests.length === 0) {
    return <EmptyState title="No grant requests">When a member&apos;s flow needs access that no grant covers, the request to grant it waits here.</EmptyState>;
  }
  return (
    <Table
      className="efs-app__admin-table"
      caption={<span className="efs-visually-hidden">Grant requests</span>}
      columns={columns({ connectionNames, onApprove, onReject })}
      rows={requests}
      rowKey={(r) => String(r.id)}
      rowData={(r) => ({ 'data-status': r.status })}
    />
  );
}
