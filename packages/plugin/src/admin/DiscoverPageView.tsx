import './admin.css';
import { Button, EmptyState, Tabs } from '@event-flows/editor';
import { countOf, discoverLimits, DiscoverStatus, type LeftAloneKind } from '@event-flows/model';
import { useId, useState, type ReactNode } from 'react';
import { messageOf } from '../app/StudioContext.ts';
import type { DiscoverView } from '../app/studioAddress.ts';
import { useNotice } from '../flows/useNotice.ts';
import type { AdoptChoice } from './AdoptDialogView.tsx';
import { DiscoverTable, statusLabels, type DiscoverRows, type DiscoverSelection } from './DiscoverTable.tsx';
import { LoadState } from './LoadState.tsx';
import { ScanAge } from './ScanAge.tsx';
import type { Loaded } from './loaded.ts';

/** The kinds of item Discover lists, with the words for each. */
export const discoverKinds = [
  { kind: 'topics', label: 'Topics', noun: 'topic', none: 'topics', markKind: 'topic' },
  { kind: 'acls', label: 'ACLs', noun: 'principal', none: 'ACLs', markKind: 'principal' },
  { kind: 'groups', label: 'Consumer groups', noun: 'consumer group', none: 'consumer groups', markKind: 'group' },
] as const satisfies readonly { kind: string; label: string; noun: string; none: string; markKind: LeftAloneKind }[];

/** One kind of item Discover lists. */
export type DiscoverKind = (typeof discoverKinds)[number]['kind'];

/** An item chosen on one of Discover's lists, with the status it had when chosen. */
export interface ChosenItem {
  kind: DiscoverKind;
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

const chosenKey = (kind: DiscoverKind, name: string) => `${kind}\u0000${name}`;

/** "2 topics and 1 principal": how many of each kind, without a kind that counts nothing. */
export function chosenWords(items: readonly ChosenItem[]): string {
  return discoverKinds
    .map((k) => items.filter((item) => item.kind === k.kind).length)
    .flatMap((n, i) => (n > 0 ? [countOf(n, discoverKinds[i]?.noun ?? 'item')] : []))
    .join(' and ');
}

/** What choosing rows lets this person do, said before anything is chosen. */
function chooseHint(kind: DiscoverKind, noun: string, role: 'admin' | 'member' | 'viewer'): string {
  if (role === 'viewer') return `Viewers see what runs; a member of your org can adopt unmanaged ${noun}s into a flow.`;
  if (kind === 'groups') return role === 'admin' ? 'Choose unmanaged consumer groups to leave them alone.' : 'A cluster admin can mark unmanaged consumer groups to be left alone.';
  return role === 'admin' ? `Choose unmanaged ${noun}s to adopt them into a flow, or to leave them alone.` : `Choose unmanaged ${noun}s to adopt them into a flow of your org.`;
}

/** One page of one kind of item, as the server read it from the cluster. */
export interface DiscoveredPage {
  rows: DiscoverRows;
  counts: Record<DiscoverStatus, number>;
  /** Whether the cluster has an authorizer (without one it has no ACLs). */
  authorizer: boolean;
  nextCursor: string | null;
  /** When the server read the cluster for this page (ISO 8601); it keeps that scan a short while. */
  scannedAt: string;
}

/** Props of {@link DiscoverPageView}. */
export interface DiscoverPageViewProps {
  /** Every signed-in person's list of connections (names only). */
  connections: Loaded<readonly { id: string; name: string }[]>;
  /** What is shown, as kept in the address; `undefined` is the default view. */
  view: DiscoverView | undefined;
  onView: (view: DiscoverView | undefined) => void;
  /** The connection shown (the view's, else the first). */
  connection: string;
  /** The page shown, or why it is not here. */
  shown: Loaded<DiscoveredPage>;
  role: 'admin' | 'member' | 'viewer';
  /** Marks items as left alone (or takes the mark back); a rejection's message is shown. */
  onMark: (items: readonly ChosenItem[], leave: boolean) => Promise<unknown>;
  /** Reads the cluster again (and every list then reads that scan); a rejection's message is shown. */
  onRescan: () => Promise<unknown>;
  /** Opens a flow an item is adopted into. */
  onOpenFlow: (flowId: string) => void;
  /** The time to measure the scan's age at (a story's fixed clock); without it, the age is kept up to date. */
  now?: number;
  /** The adopt dialog for a choice (the container's, fed by the server; a story's, fed by data). */
  adoptDialog: (choice: AdoptChoice, onClose: (adopted: boolean) => void) => ReactNode;
}

/** The view without its empty fields (so the default view has the plain address). */
function tidy(view: DiscoverView): DiscoverView | undefined {
  const kept = Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)));
  return Object.keys(kept).length > 0 ? (kept as DiscoverView) : undefined;
}

/** The chosen items of the connection shown, and how a choice on this kind's list changes them. */
function useChosen(connection: string, kind: DiscoverKind) {
  // Chosen items stay chosen from page to page and from list to list, on one connection.
  const [chosen, setChosen] = useState<Chosen>({ connection: '', items: new Map() });
  const items = chosen.connection === connection ? [...chosen.items.values()] : [];
  const selection: DiscoverSelection = {
    selected: new Set(items.filter((item) => item.kind === kind).map((item) => item.name)),
    onChange: (changed, selected) => {
      const next = new Map(chosen.connection === connection ? chosen.items : []);
      for (const item of changed) {
        if (selected) next.set(chosenKey(kind, item.name), { kind, name: item.name, status: item.status, ...(item.algorithm ? { algorithm: item.algorithm } : {}) });
        else next.delete(chosenKey(kind, item.name));
      }
      setChosen({ connection, items: next });
    },
  };
  return { items, selection, clear: () => setChosen({ connection, items: new Map() }) };
}

/**
 * Discover as a person sees it: what already runs on a connection (topics, ACLs by principal, consumer
 * groups, each list under its tab), each item marked managed by a flow, unmanaged, drifted, adopted into a flow not deployed yet or
 * left alone, narrowed by name and status, a page at a time. Unmanaged topics and principals can be
 * chosen and adopted into a flow; unmanaged items can be left alone (no longer proposed), and the
 * mark taken back. The page says when the cluster was scanned, and Rescan reads it again.
 */
export function DiscoverPageView({ connections, view, onView, connection, shown, role, onMark, onRescan, onOpenFlow, now, adoptDialog }: DiscoverPageViewProps) {
  const id = useId();
  const kind: DiscoverKind = view?.kind ?? 'topics';
  const search = view?.search ?? '';
  const status = view?.status ?? '';
  const after = view?.after ?? [];
  const about = discoverKinds.find((k) => k.kind === kind) ?? discoverKinds[0];
  const listed = connections.state === 'ready' ? connections.data : [];
  // A change of filter starts again at the first page.
  const change = (fields: Partial<DiscoverView>) => onView(tidy({ ...view, after: [], ...fields }));
  const chosen = useChosen(connection, kind);
  const unmanaged = chosen.items.filter((item) => item.status === 'unmanaged');
  const adoptable = unmanaged.filter((item) => item.kind !== 'groups');
  const leftAlone = chosen.items.filter((item) => item.status === 'left-alone');
  const notice = useNotice(connection);
  const [marking, setMarking] = useState(false);
  const [rescanning, setRescanning] = useState(false);
  const [adopting, setAdopting] = useState<AdoptChoice | null>(null);
  const connectionName = listed.find((c) => c.id === connection)?.name ?? connection;
  const page = shown.state === 'ready' ? shown.data : undefined;

  const setMark = async (items: readonly ChosenItem[], leave: boolean) => {
    setMarking(true);
    try {
      await onMark(items, leave);
      chosen.clear();
      notice.show(
        leave
          ? `Left ${chosenWords(items)} alone: no longer proposed for adoption. The status “left alone” lists them.`
          : `Proposed ${chosenWords(items)} again: ${items.length === 1 ? 'it is' : 'they are'} unmanaged.`,
        connection,
      );
    } catch (error) {
      notice.show(messageOf(error), connection, 'error');
    } finally {
      setMarking(false);
    }
  };

  const rescan = async () => {
    setRescanning(true);
    try {
      await onRescan();
    } catch (error) {
      notice.show(messageOf(error), connection, 'error');
    } finally {
      setRescanning(false);
    }
  };

  // The list of the kind shown: one panel under every kind's tab.
  const list = (
    <>
      <LoadState loaded={shown} waiting="Reading the cluster…" />
      {page ? (
        <p className="efs-app__note" aria-live="polite">
          {page.counts.managed} managed · {page.counts.unmanaged} unmanaged · {page.counts.drifted} drifted · {page.counts.adopted} adopted, not deployed · {page.counts['left-alone']} left alone
          {!page.authorizer && kind === 'acls' ? ' · this cluster has no authorizer, so no ACLs' : ''}
          {' · '}
          <ScanAge scannedAt={page.scannedAt} rescanning={rescanning} onRescan={() => void rescan()} {...(now === undefined ? {} : { now })} />
        </p>
      ) : null}
      <div className="efs-app__selection" role="group" aria-label="Chosen items">
        {chosen.items.length === 0 ? (
          <span className="efs-app__muted">{chooseHint(kind, about.noun, role)}</span>
        ) : (
          <>
            <span>{chosenWords(chosen.items)} chosen</span>
            {adoptable.length > 0 && role !== 'viewer' ? (
              <Button
                size="small"
                variant="primary"
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
              </Button>
            ) : null}
            {unmanaged.length > 0 && role === 'admin' ? (
              <Button size="small" disabled={marking} onClick={() => void setMark(unmanaged, true)}>
                Leave alone ({unmanaged.length})
              </Button>
            ) : null}
            {leftAlone.length > 0 && role === 'admin' ? (
              <Button size="small" disabled={marking} onClick={() => void setMark(leftAlone, false)}>
                Propose again ({leftAlone.length})
              </Button>
            ) : null}
            <Button size="small" onClick={chosen.clear}>
              Clear choice
            </Button>
          </>
        )}
      </div>
      {notice.text ? (
        <p className={notice.tone === 'error' ? 'efs-app__alert' : 'efs-app__notice'} role={notice.tone === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      ) : null}
      {page && page.rows.items.length === 0 ? (
        <EmptyState title={search.trim() || status || after.length > 0 ? 'Nothing matches.' : `No ${about.none} yet`}>
          {search.trim() || status ? 'Clear the name or the status to see more.' : `This connection has no ${about.none} yet.`}
        </EmptyState>
      ) : null}
      {page && page.rows.items.length > 0 ? <DiscoverTable rows={page.rows} selection={role === 'viewer' ? undefined : chosen.selection} onOpenFlow={onOpenFlow} /> : null}
      {after.length > 0 || page?.nextCursor ? (
        <div className="efs-app__actions efs-app__pager">
        <Button disabled={after.length === 0} onClick={() => onView(tidy({ ...view, after: after.slice(0, -1) }))}>
          Previous page
        </Button>
        <span className="efs-app__muted">Page {after.length + 1}</span>
        <Button
          disabled={!page?.nextCursor}
          onClick={() => {
            const next = page?.nextCursor;
            if (next) onView(tidy({ ...view, after: [...after, next] }));
          }}
        >
          Next page
        </Button>
        </div>
      ) : null}
    </>
  );

  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Discover</h1>
      <form className="efs-app__toolbar efs-app__discover-filter" aria-label="Filter what runs" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-connection`}>Connection</label>
        <select id={`${id}-connection`} value={connection} onChange={(e) => change({ connection: e.target.value })}>
          {listed.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
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
      {connections.state === 'ready' && listed.length === 0 ? (
        <EmptyState title="No connections yet">{role === 'admin' ? 'There are no connections yet; add one under Connections.' : 'There are no Kafka connections yet; a cluster admin adds them.'}</EmptyState>
      ) : null}
      {connections.state === 'error' ? <LoadState loaded={connections} waiting="" /> : null}
      {connection !== '' ? (
        <Tabs
          label="What to list"
          tabs={discoverKinds.map((k) => ({ id: k.kind, label: k.label }))}
          selected={kind}
          onSelect={(next) => change({ kind: next === 'acls' || next === 'groups' ? next : undefined })}
          panel={list}
        />
      ) : null}
      {adopting
        ? adoptDialog(adopting, (adopted) => {
            setAdopting(null);
            if (adopted) chosen.clear();
          })
        : null}
    </section>
  );
}
