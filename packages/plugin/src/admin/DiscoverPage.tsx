import { useTRPC } from '@event-flows/client';
import { discoverLimits, type DiscoverStatus } from '@event-flows/model';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import { DiscoverTable, type DiscoverRows } from './DiscoverTable.tsx';

/** How many items one page of discovery shows. */
export const discoverPageSize = 50;

const kinds = [
  { kind: 'topics', label: 'Topics', noun: 'topics' },
  { kind: 'acls', label: 'ACLs', noun: 'ACLs' },
  { kind: 'groups', label: 'Consumer groups', noun: 'consumer groups' },
] as const;

type Kind = (typeof kinds)[number]['kind'];

/**
 * Cluster admins: what already runs on a connection (topics, ACLs by principal, consumer groups), each
 * marked managed by a flow, unmanaged or drifted, narrowed by name and status, a page at a time. Each
 * page reads the cluster afresh (one batched pass).
 */
export function DiscoverPage() {
  const trpc = useTRPC();
  const id = useId();
  const connections = useQuery(trpc.admin.connections.list.queryOptions());
  const [chosen, setChosen] = useState<string | null>(null);
  const connection = chosen ?? connections.data?.[0]?.id ?? '';
  const [kind, setKind] = useState<Kind>('topics');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<DiscoverStatus | ''>('');
  // The cursor of each page shown so far; the first page has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const restart = () => setCursors([undefined]);
  const cursor = cursors.at(-1);
  const input = { connection, limit: discoverPageSize, ...(search.trim() ? { search: search.trim() } : {}), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) };
  const options = { enabled: connection !== '', retry: false, placeholderData: keepPreviousData } as const;
  const topics = useQuery({ ...trpc.discover.topics.queryOptions(input), ...options, enabled: options.enabled && kind === 'topics' });
  const acls = useQuery({ ...trpc.discover.acls.queryOptions(input), ...options, enabled: options.enabled && kind === 'acls' });
  const groups = useQuery({ ...trpc.discover.groups.queryOptions(input), ...options, enabled: options.enabled && kind === 'groups' });
  const shown = kind === 'topics' ? topics : kind === 'acls' ? acls : groups;
  const rows: DiscoverRows | undefined =
    kind === 'topics' && topics.data
      ? { kind, items: topics.data.items }
      : kind === 'acls' && acls.data
        ? { kind, items: acls.data.items }
        : kind === 'groups' && groups.data
          ? { kind, items: groups.data.items }
          : undefined;
  const counts = shown.data?.counts;
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Discover</h1>
      <form className="efs-app__toolbar" aria-label="Filter what runs" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select
          id={`${id}-connection`}
          value={connection}
          onChange={(e) => {
            setChosen(e.target.value);
            restart();
          }}
        >
          {connections.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-kind`}>Show</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as Kind);
            restart();
          }}
        >
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-search`}>Name contains</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          maxLength={discoverLimits.search}
          onChange={(e) => {
            setSearch(e.target.value);
            restart();
          }}
        />
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as DiscoverStatus | '');
            restart();
          }}
        >
          <option value="">any</option>
          <option value="managed">managed</option>
          <option value="unmanaged">unmanaged</option>
          <option value="drifted">drifted</option>
        </select>
      </form>
      {connections.data && connections.data.length === 0 ? <p className="efs-app__note">There are no connections yet; add one under Connections.</p> : null}
      {shown.error ? (
        <p className="efs-app__problem" role="alert">
          {messageOf(shown.error)}
        </p>
      ) : null}
      {shown.isFetching && !shown.data ? <p className="efs-app__note">Reading the cluster…</p> : null}
      {counts ? (
        <p className="efs-app__note" aria-live="polite">
          {counts.managed} managed · {counts.unmanaged} unmanaged · {counts.drifted} drifted
          {shown.data && !shown.data.authorizer && kind === 'acls' ? ' · this cluster has no authorizer, so no ACLs' : ''}
        </p>
      ) : null}
      {rows && rows.items.length === 0 ? (
        <p className="efs-app__note">{search.trim() || status || cursor ? 'Nothing matches.' : `This connection has no ${kinds.find((k) => k.kind === kind)?.noun} yet.`}</p>
      ) : null}
      {rows && rows.items.length > 0 ? <DiscoverTable rows={rows} /> : null}
      <div className="efs-app__actions">
        <button type="button" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Previous page
        </button>
        <span className="efs-app__muted">Page {cursors.length}</span>
        <button type="button" disabled={!shown.data?.nextCursor} onClick={() => setCursors((c) => [...c, shown.data?.nextCursor ?? undefined])}>
          Next page
        </button>
      </div>
    </section>
  );
}
