import { useTRPC } from '@event-flows/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { loadedOf } from '../admin/loaded.ts';
import { useStudio } from '../app/StudioContext.ts';
import type { AuditQuery } from './auditFilter.ts';
import { AuditView } from './AuditView.tsx';

/** How many entries one page of the audit log shows. */
export const auditPageSize = 50;

/**
 * Cluster admins only (the shell offers it to them alone; the server refuses anyone else): the audit
 * log, newest first, a page at a time, narrowed by actor, action, flow and time range. Feeds {@link AuditView}.
 */
export function AuditPage() {
  const { orgId } = useStudio();
  const trpc = useTRPC();
  const [query, setQuery] = useState<AuditQuery>({});
  // The `before` cursor of each page shown so far; the first page has none.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const flows = useQuery(trpc.flows.list.queryOptions({ orgId }));
  const entries = useQuery({ ...trpc.admin.audit.queryOptions({ ...query, limit: auditPageSize, ...(before ? { before } : {}) }), placeholderData: keepPreviousData });
  const rows = entries.data ?? [];
  return (
    <AuditView
      entries={loadedOf(entries)}
      flows={flows.data ?? []}
      page={cursors.length}
      hasOlder={rows.length >= auditPageSize}
      onFilter={(next) => {
        setQuery(next);
        setCursors([undefined]);
      }}
      onNewer={() => setCursors((c) => c.slice(0, -1))}
      onOlder={() => setCursors((c) => [...c, rows.at(-1)?.id])}
    />
  );
}
