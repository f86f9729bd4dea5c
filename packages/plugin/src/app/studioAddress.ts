import { DiscoverStatus, discoverLimits } from '@event-flows/model';

/** A panel beside a flow's canvas. */
export type FlowPanel = 'plan' | 'test-message' | 'dlq' | 'alerts' | 'history' | 'follow';

/** The record a flow's "Follow a message" panel follows: by partition and offset, or by key. */
export interface FollowTarget {
  connection?: string;
  topic: string;
  partition?: number;
  offset?: string;
  key?: string;
}

/** A page of the studio: the flow list, one flow (with its open panel, if any), or an admin page. */
export type StudioPage =
  | { name: 'flows' }
  | { name: 'flow'; id: string; panel: FlowPanel | null; follow?: FollowTarget }
  | { name: 'connections' }
  | { name: 'grants' }
  | { name: 'grant-requests' }
  | { name: 'redrive-grants' }
  | { name: 'audit' }
  | { name: 'discover'; view?: DiscoverView }
  | { name: 'platform-listeners' };

/**
 * What Discover shows, kept in its address so a reload finds it again: each field left out is the
 * default (the first connection, topics, no search, any status, the first page).
 */
export interface DiscoverView {
  connection?: string;
  kind?: 'acls' | 'groups';
  search?: string;
  status?: DiscoverStatus;
  /** The cursor of each page after the first, in order: the last is the page shown. */
  after?: string[];
}

/** Discover's view as an address's query (`?show=acls&…`), empty for the default view. */
function discoverQuery(view: DiscoverView | undefined): string {
  const query = new URLSearchParams();
  if (view?.connection) query.set('connection', view.connection);
  if (view?.kind) query.set('show', view.kind);
  if (view?.search) query.set('search', view.search);
  if (view?.status) query.set('status', view.status);
  for (const cursor of view?.after ?? []) query.append('after', cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Discover's view read from an address's query; a field that does not read is the default. */
function discoverViewAt(query: URLSearchParams): DiscoverView | undefined {
  const view: DiscoverView = {};
  const connection = query.get('connection');
  if (connection) view.connection = connection;
  const kind = query.get('show');
  if (kind === 'acls' || kind === 'groups') view.kind = kind;
  const search = query.get('search');
  if (search && search.length <= discoverLimits.search) view.search = search;
  const status = DiscoverStatus.safeParse(query.get('status'));
  if (status.success) view.status = status.data;
  const after = query.getAll('after').filter((cursor) => cursor !== '' && cursor.length <= discoverLimits.cursor);
  if (after.length > 0) view.after = after;
  return Object.keys(view).length > 0 ? view : undefined;
}

/** A flow's panels as they are written in an address. */
const panelSegments: Record<FlowPanel, string> = { plan: 'plan', 'test-message': 'test-message', dlq: 'dead-letters', alerts: 'alerts', history: 'history', follow: 'follow' };

/** A followed record as an address's query (`?topic=orders&partition=0&offset=4`). */
function followQuery(target: FollowTarget | undefined): string {
  if (!target) return '';
  const query = new URLSearchParams();
  if (target.connection) query.set('connection', target.connection);
  query.set('topic', target.topic);
  if (target.partition !== undefined) query.set('partition', String(target.partition));
  if (target.offset !== undefined) query.set('offset', target.offset);
  if (target.key !== undefined) query.set('key', target.key);
  return `?${query.toString()}`;
}

/** The followed record of an address's query; `undefined` when it names none (the server checks the rest). */
function followTargetAt(query: URLSearchParams): FollowTarget | undefined {
  const topic = query.get('topic');
  if (!topic) return undefined;
  const target: FollowTarget = { topic };
  const connection = query.get('connection');
  if (connection) target.connection = connection;
  const partition = query.get('partition');
  if (partition && /^\d{1,7}$/.test(partition)) target.partition = Number(partition);
  const offset = query.get('offset');
  if (offset && /^\d{1,19}$/.test(offset)) target.offset = offset;
  const key = query.get('key');
  if (key !== null) target.key = key;
  return target;
}

const adminPages = ['connections', 'grants', 'grant-requests', 'redrive-grants', 'audit', 'discover', 'platform-listeners'] as const;

/**
 * The address of a page, e.g. `/flows/flow_1/history` or `/admin/grants`: the part of the URL the
 * studio owns (after `#` when it routes by hash). A flow id is escaped, so it takes one segment.
 */
export function addressOf(page: StudioPage): string {
  switch (page.name) {
    case 'flows':
      return '/flows';
    case 'flow': {
      const flow = `/flows/${encodeURIComponent(page.id)}`;
      if (!page.panel) return flow;
      return `${flow}/${panelSegments[page.panel]}${page.panel === 'follow' ? followQuery(page.follow) : ''}`;
    }
    case 'connections':
    case 'grants':
    case 'grant-requests':
    case 'redrive-grants':
    case 'audit':
    case 'platform-listeners':
      return `/admin/${page.name}`;
    case 'discover':
      return `/admin/discover${discoverQuery(page.view)}`;
  }
}

/**
 * The page at an address written by {@link addressOf}; the empty address (and `/`) is the flow list,
 * and a trailing slash is ignored. `null` when the address names no page of the studio.
 */
export function pageAt(address: string): StudioPage | null {
  if (address !== '' && !address.startsWith('/')) return null;
  const queryAt = address.indexOf('?');
  const path = queryAt < 0 ? address : address.slice(0, queryAt);
  const query = queryAt < 0 ? null : new URLSearchParams(address.slice(queryAt + 1));
  let segments: string[];
  try {
    segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null; // a malformed %-escape
  }
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0) return null;
  // Only Discover and a flow's follow panel keep a view in their address.
  if (query && first === 'flows' && second !== undefined && third === panelSegments.follow) {
    const follow = followTargetAt(query);
    return follow ? { name: 'flow', id: second, panel: 'follow', follow } : { name: 'flow', id: second, panel: 'follow' };
  }
  if (query && !(first === 'admin' && second === 'discover' && third === undefined)) return null;
  if (query) {
    const view = discoverViewAt(query);
    return view ? { name: 'discover', view } : { name: 'discover' };
  }
  if (first === undefined) return { name: 'flows' };
  if (first === 'flows') {
    if (second === undefined) return { name: 'flows' };
    if (third === undefined) return { name: 'flow', id: second, panel: null };
    const panel = (Object.keys(panelSegments) as FlowPanel[]).find((p) => panelSegments[p] === third);
    return panel ? { name: 'flow', id: second, panel } : null;
  }
  if (first === 'admin' && third === undefined) {
    const page = adminPages.find((p) => p === second);
    return page ? { name: page } : null;
  }
  return null;
}

/** Whether two pages are the same page, whatever panel is open on it. */
export function samePage(a: StudioPage, b: StudioPage): boolean {
  return a.name === b.name && (a.name !== 'flow' || (b.name === 'flow' && a.id === b.id));
}

/** Whether going from `from` to `to` leaves a flow (and so would drop its unsaved edits). */
export function leavesFlow(from: StudioPage, to: StudioPage): boolean {
  return from.name === 'flow' && !samePage(from, to);
}
