import { useTRPC } from '@event-flows/client';
import { countOf, discoverLimits, DiscoverStatus, type LeftAloneKind } from '@event-flows/model';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { messageOf, useStudio } from '../app/StudioContext.ts';
import type { DiscoverView } from '../app/studioAddress.ts';
import { useNotice } from '../flows/useNotice.ts';
import { AdoptDialog, type AdoptChoice } from './AdoptDialog.tsx';
import { ScanAge } from './ScanAge.tsx';
import { DiscoverTable, statusLabels, type DiscoverRows, type DiscoverSelection } from './DiscoverTable.tsx';

/** How many items one page of discovery shows. */
export const discoverPageSize = 50;

const kinds = [
  { kind: 'topics', label: 'Topics', noun: 'topic', none: 'topics', markKind: 'topic' },
  { kind: 'acls', label: 'ACLs', noun: 'principal', none: 'ACLs', markKind: 'principal' },
  { kind: 'groups', label: 'Consumer groups', noun: 'consumer group', none: 'consumer groups', markKind: 'group' },
] as const satisfies readonly { kind: string; label: string; noun: string; none: string; markKind: LeftAloneKind }[];

type Kind = (typeof kinds)[number]['kind'];

/** An item chosen on one of Discover's lists, with the status it had when chosen. */
interface ChosenItem {
  kind: Kind;
  name: string;
  status: DiscoverStatus;
  /** A principal's algorithm under the naming template. */
  algorithm?: string;
}

/** The chosen items of one connection (of every kind), by kind and name. */
interface Chosen {
  connection: string;
  items: ReadonlyMap<string, ChosenItem>;
}

const chosenKey = (kind: Kind, name: string) => `${kind}\u0000${name}`;

/** "2 topics and 1 principal": how many of each kind, without a kind that counts nothing. */
function chosenWords(items: readonly ChosenItem[]): string {
  return kinds
    .map((k) => items.filter((item) => item.kind === k.kind).length)
    .flatMap((n, i) => (n > 0 ? [countOf(n, kinds[i]?.noun ?? 'item')] : []))
    .join(' and ');
}

/** What Discover's page needs from the studio around it. */
export interface DiscoverPageProps {
  /** What is shown (kept in the address); `undefined` is the default view. */
  view: DiscoverView | undefined;
  onView: (view: DiscoverView | undefined) => void;
  onOpenFlow: (flowId: string) => void;
}

/** The view without its empty fields (so the default view has the plain address). */
function tidy(view: DiscoverView): DiscoverView | undefined {
  const kept = Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)));
  return Object.keys(kept).length > 0 ? (kept as DiscoverView) : undefined;
}

/**
 * Cluster admins: what already runs on a connection (topics, ACLs by principal, consumer groups), each
 * marked managed by a flow, unmanaged, drifted or left alone, narrowed by name and status, a page at a
 * time; the view is kept in the address. Unmanaged topics and principals can be chosen and adopted
 * into a flow; unmanaged items can be left alone (no longer proposed), and the mark taken back. The
 * server keeps its scan of the cluster (one batched pass) for a short while: pages, searches and
 * kinds read it, the page says when it was scanned, and Rescan reads the cluster again.
 */
/** What choosing rows lets this person do, said before anything is chosen. */
function chooseHint(kind: Kind, noun: string, role: 'admin' | 'member' | 'viewer'): string {
  if (role === 'viewer') return `Viewers see what runs; a member of your org can adopt unmanaged ${noun}s into a flow.`;
  if (kind === 'groups') return role === 'admin' ? 'Choose unmanaged consumer groups to leave them alone.' : 'A cluster admin can mark unmanaged consumer groups to be left alone.';
  return role === 'admin' ? `Choose unmanaged ${noun}s to adopt them into a flow, or to leave them alone.` : `Choose unmanaged ${noun}s to adopt them into a flow of your org.`;
}

export function DiscoverPage({ view, onView, onOpenFlow }: DiscoverPageProps) {
  const trpc = useTRPC();
  const id = useId();
  const queryClient = useQueryClient();
  // Every signed-in person's list of connections (names only): members use Discover too.
  const connections = useQuery(trpc.catalog.connections.queryOptions());
  const { me } = useStudio();
  const role = me.user.role;
  const connection = view?.connection ?? connections.data?.[0]?.id ?? '';
  const kind: Kind = view?.kind ?? 'topics';
  const search = view?.search ?? '';
  const status = view?.status ?? '';
  const after = view?.after ?? [];
  const cursor = after.at(-1);
  // A change of filter starts again at the first page.
  const change = (fields: Partial<DiscoverView>) => onView(tidy({ ...view, after: [], ...fields }));
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
  const about = kinds.find((k) => k.kind === kind) ?? kinds[0];

  // Chosen items stay chosen from page to page and from list to list, on one connection.
  const [chosen, setChosen] = useState<Chosen>({ connection: '', items: new Map() });
  const chosenItems = chosen.connection === connection ? [...chosen.items.values()] : [];
  const selection: DiscoverSelection = {
    selected: new Set(chosenItems.filter((item) => item.kind === kind).map((item) => item.name)),
    onChange: (items, selected) => {
      const next = new Map(chosen.connection === connection ? chosen.items : []);
      for (const item of items) {
        if (selected) next.set(chosenKey(kind, item.name), { kind, name: item.name, status: item.status, ...(item.algorithm ? { algorithm: item.algorithm } : {}) });
        else next.delete(chosenKey(kind, item.name));
      }
      setChosen({ connection, items: next });
    },
  };
  const clear = () => setChosen({ connection, items: new Map() });
  const unmanaged = chosenItems.filter((item) => item.status === 'unmanaged');
  const adoptable = unmanaged.filter((item) => item.kind !== 'groups');
  const leftAlone = chosenItems.filter((item) => item.status === 'left-alone');

  const notice = useNotice(connection);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.discover.pathKey() });
  const [rescanning, setRescanning] = useState(false);
  const rescan = async () => {
    setRescanning(true);
    try {
      // One scan serves every kind: one small page asks for it, the server keeps it, every list then reads it.
      await queryClient.fetchQuery({ ...trpc.discover.topics.queryOptions({ connection, limit: 1, rescan: true }), staleTime: 0 });
      await refresh();
    } catch (error) {
      notice.show(messageOf(error), connection, 'error');
    } finally {
      setRescanning(false);
    }
  };
  const mark = useMutation(trpc.discover.leaveAlone.mutationOptions());
  const setMark = async (items: readonly ChosenItem[], leave: boolean) => {
    try {
      for (const k of kinds) {
        const names = items.filter((item) => item.kind === k.kind).map((item) => item.name);
        if (names.length > 0) await mark.mutateAsync({ connection, kind: k.markKind, names, leftAlone: leave });
      }
      clear();
      notice.show(
        leave
          ? `Left ${chosenWords(items)} alone: no longer proposed for adoption. The status “left alone” lists them.`
          : `Proposed ${chosenWords(items)} again: ${items.length === 1 ? 'it is' : 'they are'} unmanaged.`,
        connection,
      );
      await refresh();
    } catch (error) {
      notice.show(messageOf(error), connection, 'error');
    }
  };
  const [adopting, setAdopting] = useState<AdoptChoice | null>(null);
  const connectionName = connections.data?.find((c) => c.id === connection)?.name ?? connection;

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Discover</h1>
      <form className="efs-app__toolbar" aria-label="Filter what runs" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select id={`${id}-connection`} value={connection} onChange={(e) => change({ connection: e.target.value })}>
          {connections.data?.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-kind`}>Show</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => change({ kind: e.target.value === 'topics' ? undefined : (e.target.value as 'acls' | 'groups') })}>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-search`}>Name contains</label>
        <input id={`${id}-search`} type="search" value={search} maxLength={discoverLimits.search} onChange={(e) => change({ search: e.target.value })} />
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={status} onChange={(e) => change({ status: e.target.value === '' ? undefined : DiscoverStatus.parse(e.target.value) })}>
          <option value="">any</option>
          {DiscoverStatus.options.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </select>
      </form>
      {connections.data && connections.data.length === 0 ? <p className="efs-app__note">{role === 'admin' ? 'There are no connections yet; add one under Connections.' : 'There are no Kafka connections yet; a cluster admin adds them.'}</p> : null}
      {shown.error ? (
        <p className="efs-app__problem" role="alert">
          {messageOf(shown.error)}
        </p>
      ) : null}
      {shown.isFetching && !shown.data ? <p className="efs-app__note">Reading the cluster…</p> : null}
      {counts ? (
        <p className="efs-app__note" aria-live="polite">
          {counts.managed} managed · {counts.unmanaged} unmanaged · {counts.drifted} drifted · {counts.adopted} adopted, not deployed · {counts['left-alone']} left alone
          {shown.data && !shown.data.authorizer && kind === 'acls' ? ' · this cluster has no authorizer, so no ACLs' : ''}
          {shown.data ? (
            <>
              {' · '}
              <ScanAge scannedAt={shown.data.scannedAt} rescanning={rescanning} onRescan={() => void rescan()} />
            </>
          ) : null}
        </p>
      ) : null}
      <div className="efs-app__selection" role="group" aria-label="Chosen items">
        {chosenItems.length === 0 ? (
          <span className="efs-app__muted">
            {chooseHint(kind, about.noun, role)}
          </span>
        ) : (
          <>
            <span>{chosenWords(chosenItems)} chosen</span>
            {adoptable.length > 0 && role !== 'viewer' ? (
              <button
                type="button"
                className="efs-app__primary"
                onClick={() =>
                  setAdopting({
                    connection: { id: connection, name: connectionName },
                    topics: adoptable.filter((item) => item.kind === 'topics').map((item) => item.name),
                    principals: adoptable.filter((item) => item.kind === 'acls').map((item) => item.name),
                    algorithms: [...new Set(adoptable.flatMap((item) => (item.kind === 'acls' && item.algorithm ? [item.algorithm] : [])))].sort(),
                  })
                }
              >
                Adopt into flow… ({adoptable.length})
              </button>
            ) : null}
            {unmanaged.length > 0 && role === 'admin' ? (
              <button type="button" disabled={mark.isPending} onClick={() => void setMark(unmanaged, true)}>
                Leave alone ({unmanaged.length})
              </button>
            ) : null}
            {leftAlone.length > 0 && role === 'admin' ? (
              <button type="button" disabled={mark.isPending} onClick={() => void setMark(leftAlone, false)}>
                Propose again ({leftAlone.length})
              </button>
            ) : null}
            <button type="button" onClick={clear}>
              Clear choice
            </button>
          </>
        )}
      </div>
      {notice.text ? (
        <p className={notice.tone === 'error' ? 'efs-app__problem' : 'efs-app__notice'} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {rows && rows.items.length === 0 ? (
        <p className="efs-app__note">{search.trim() || status || cursor ? 'Nothing matches.' : `This connection has no ${about.none} yet.`}</p>
      ) : null}
      {rows && rows.items.length > 0 ? <DiscoverTable rows={rows} selection={selection} onOpenFlow={onOpenFlow} /> : null}
      <div className="efs-app__actions efs-app__pager">
        <button type="button" disabled={after.length === 0} onClick={() => onView(tidy({ ...view, after: after.slice(0, -1) }))}>
          Previous page
        </button>
        <span className="efs-app__muted">Page {after.length + 1}</span>
        <button
          type="button"
          disabled={!shown.data?.nextCursor}
          onClick={() => {
            const next = shown.data?.nextCursor;
            if (next) onView(tidy({ ...view, after: [...after, next] }));
          }}
        >
          Next page
        </button>
      </div>
      {adopting ? (
        <AdoptDialog
          choice={adopting}
          onOpenFlow={onOpenFlow}
          onClose={(adopted) => {
            setAdopting(null);
            // What was adopted now shows as "adopted · not deployed": the server scans again.
            if (adopted) {
              clear();
              void refresh();
            }
          }}
        />
      ) : null}
    </section>
  );
}
