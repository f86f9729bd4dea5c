/** A panel beside a flow's canvas. */
export type FlowPanel = 'plan' | 'test-message' | 'dlq' | 'history';

/** A page of the studio: the flow list, one flow (with its open panel, if any), or an admin page. */
export type StudioPage =
  | { name: 'flows' }
  | { name: 'flow'; id: string; panel: FlowPanel | null }
  | { name: 'connections' }
  | { name: 'grants' }
  | { name: 'grant-requests' }
  | { name: 'audit' }
  | { name: 'discover' }
  | { name: 'platform-listeners' };

/** A flow's panels as they are written in an address. */
const panelSegments: Record<FlowPanel, string> = { plan: 'plan', 'test-message': 'test-message', dlq: 'dead-letters', history: 'history' };

const adminPages = ['connections', 'grants', 'grant-requests', 'audit', 'discover', 'platform-listeners'] as const;

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
      return page.panel ? `${flow}/${panelSegments[page.panel]}` : flow;
    }
    case 'connections':
    case 'grants':
    case 'grant-requests':
    case 'audit':
    case 'discover':
    case 'platform-listeners':
      return `/admin/${page.name}`;
  }
}

/**
 * The page at an address written by {@link addressOf}; the empty address (and `/`) is the flow list,
 * and a trailing slash is ignored. `null` when the address names no page of the studio.
 */
export function pageAt(address: string): StudioPage | null {
  if (address !== '' && !address.startsWith('/')) return null;
  let segments: string[];
  try {
    segments = address.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null; // a malformed %-escape
  }
  const [first, second, third, ...rest] = segments;
  if (rest.length > 0) return null;
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
