import './audit.css';
import { useTRPC } from '@event-flows/client';
import { formatTime } from '@event-flows/model';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { PersonName } from '../app/PersonName.tsx';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import { detailText, type AuditQuery } from './auditFilter.ts';
import { AuditFilterForm } from './AuditFilterForm.tsx';

/** How many entries one page of the audit log shows. */
export const auditPageSize = 50;

/**
 * Cluster admins only (the shell offers it to them alone; the server refuses anyone else): the audit
 * log, newest first, a page at a time, narrowed by actor, action, flow and time range.
 */
export function AuditPage() {
  const { orgId } = useStudio();
  const trpc = useTRPC();
  const id = useId();
  const [query, setQuery] = useState<AuditQuery>({});
  // The `before` cursor of each page shown so far; the first page has none.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const entries = useQuery({ ...trpc.admin.audit.queryOptions({ ...query, limit: auditPageSize, ...(before ? { before } : {}) }), placeholderData: keepPreviousData });
  const flowNames = new Map((flows.data ?? []).map((f) => [f.id, f.name]));
  const rows = entries.data ?? [];
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Audit log</h1>
      <AuditFilterForm
        flows={flows.data ?? []}
        onApply={(next) => {
          setQuery(next);
          setCursors([undefined]);
        }}
      />
      {entries.error ? <p className="efs-app__problem" role="alert">{messageOf(entries.error)}</p> : null}
      {entries.isPending ? <p className="efs-app__note">Loading the audit log…</p> : null}
      {entries.data && rows.length === 0 ? <p className="efs-app__note">No entries match this filter.</p> : null}
      {rows.length > 0 ? (
        <table className="efs-app__table efs-app__audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Result</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <tr key={entry.id} data-result={entry.result}>
                <td>
                  <time dateTime={entry.at}>{formatTime(entry.at)}</time>
                </td>
                <td>
                  <PersonName id={entry.actor} name={entry.names[entry.actor] ?? null} />
                </td>
                <td>{entry.action}</td>
                <td className="efs-app__audit-target" title={entry.target}>
                  {flowNames.get(entry.target) ?? entry.target}
                </td>
                <td>{entry.result}</td>
                {/* The title keeps the user ids that the text writes as names. */}
                <td className="efs-app__audit-detail" title={detailText(entry.detail)}>
                  {detailText(entry.detail, entry.names)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="efs-app__actions">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer entries
        </button>
        <span className="efs-app__muted">Page {cursors.length}</span>
        <button type="button" disabled={rows.length < auditPageSize} onClick={() => setCursors((c) => [...c, rows.at(-1)?.id])}>
          Older entries
        </button>
      </div>
    </section>
  );
}
