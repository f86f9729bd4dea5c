import './audit.css';
import '../admin/admin.css';
import type { ApiOutputs } from '@event-flows/client';
import { Badge, Button, EmptyState, Table, type BadgeTone, type TableColumn } from '@event-flows/editor';
import { formatTime } from '@event-flows/model';
import { useId } from 'react';
import { LoadState } from '../admin/LoadState.tsx';
import type { Loaded } from '../admin/loaded.ts';
import { PersonName } from '../app/PersonName.tsx';
import { detailText, type AuditQuery } from './auditFilter.ts';
import { AuditFilterForm } from './AuditFilterForm.tsx';

/** One entry of the audit log as `admin.audit` lists it. */
export type AuditEntry = ApiOutputs['admin']['audit'][number];

/** Props of {@link AuditView}. */
export interface AuditViewProps {
  /** One page of entries, newest first. */
  entries: Loaded<readonly AuditEntry[]>;
  /** The org's flows, to offer in the filter and to name an entry's target. */
  flows: readonly { id: string; name: string }[];
  /** Which page is shown, from 1. */
  page: number;
  /** Whether older entries may follow (the page is full). */
  hasOlder: boolean;
  onFilter: (query: AuditQuery) => void;
  onNewer: () => void;
  onOlder: () => void;
}

const resultTones: Record<string, BadgeTone> = { ok: 'running', refused: 'warning', failed: 'error' };

function columns(flowNames: ReadonlyMap<string, string>): TableColumn<AuditEntry>[] {
  return [
    { key: 'when', header: 'When', cell: (e) => <time className="efs-app__nowrap" dateTime={e.at}>{formatTime(e.at)}</time> },
    { key: 'actor', header: 'Actor', cell: (e) => <PersonName id={e.actor} name={e.names[e.actor] ?? null} /> },
    { key: 'action', header: 'Action', cell: (e) => <span className="efs-app__code efs-app__nowrap">{e.action}</span> },
    {
      key: 'target',
      header: 'Target',
      cell: (e) => (
        <span className="efs-app__audit-target" title={e.target}>
          {flowNames.get(e.target) ?? e.target}
        </span>
      ),
    },
    { key: 'result', header: 'Result', cell: (e) => <Badge tone={resultTones[e.result] ?? 'neutral'}>{e.result}</Badge> },
    {
      key: 'detail',
      header: 'Detail',
      // The title keeps the user ids that the text writes as names.
      cell: (e) => (
        <span className="efs-app__audit-detail" title={detailText(e.detail)}>
          {detailText(e.detail, e.names)}
        </span>
      ),
    },
  ];
}

/** The audit log page as a person sees it: the filter, a page of entries (or why there is none) and paging. */
export function AuditView({ entries, flows, page, hasOlder, onFilter, onNewer, onOlder }: AuditViewProps) {
  const id = useId();
  const flowNames = new Map(flows.map((f) => [f.id, f.name]));
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Audit log</h1>
      <AuditFilterForm flows={flows} onApply={onFilter} />
      <LoadState loaded={entries} waiting="Loading the audit log…" />
      {entries.state === 'ready' && entries.data.length === 0 ? <EmptyState title="No entries match this filter">Widen the time range, or clear the actor, action or flow.</EmptyState> : null}
      {entries.state === 'ready' && entries.data.length > 0 ? (
        <Table className="efs-app__admin-table efs-app__audit" caption={<span className="efs-visually-hidden">Audit log entries, newest first</span>} columns={columns(flowNames)} rows={entries.data} rowKey={(e) => String(e.id)} />
      ) : null}
      {page > 1 || hasOlder ? (
        <div className="efs-app__actions efs-app__pager">
          <Button disabled={page === 1} onClick={onNewer}>
            Newer entries
          </Button>
          <span className="efs-app__muted">Page {page}</span>
          <Button disabled={!hasOlder} onClick={onOlder}>
            Older entries
          </Button>
        </div>
      ) : null}
    </section>
  );
}
