import { useEffect, useRef, useState } from 'react';
import { addressOf, leavesFlow, pageAt, samePage, type DiscoverView, type FlowPanel, type FollowTarget, type StudioPage } from './studioAddress.ts';
import type { StudioRouting } from './studioOptions.ts';

/** What {@link useStudioPage} needs from the studio around it. */
export interface StudioPageOptions {
  routing: StudioRouting;
  /** Whether the signed-in person may see the page (admin pages are for cluster admins). */
  allowed: (page: StudioPage) => boolean;
  /** Whether the open flow holds unsaved edits, which leaving it would drop. */
  unsavedEdits: () => boolean;
  /** Asks the person before unsaved edits are dropped; runs `leave` if they agree. */
  confirmLeave: (leave: () => void) => void;
  /** Told when another page is shown (not when a panel opens or closes). */
  onNavigated: (page: StudioPage) => void;
  /** Told when the address named a page the person may not see (the flow list is shown instead). */
  onRefused: (page: StudioPage) => void;
}

/** The page shown, and the ways to change it. */
export interface StudioPageState {
  page: StudioPage;
  /** Shows another page, asking first when that drops unsaved edits; a new history entry when routing by hash. */
  go: (page: StudioPage) => void;
  /**
   * Opens or closes a panel of flow `flowId` (with the record the follow panel follows), if it is still
   * the page shown; the history entry is replaced, not added.
   */
  setPanel: (flowId: string, panel: FlowPanel | null, follow?: FollowTarget) => void;
  /** Changes what Discover shows (its filter and page), if it is the page shown; the history entry is replaced, not added. */
  setDiscoverView: (view: DiscoverView | undefined) => void;
}

const home: StudioPage = { name: 'flows' };

/** The page named by the address's hash (`#/flows/…`), or `null`. */
const pageInHash = (): StudioPage | null => pageAt(location.hash.slice(1));

/**
 * The studio's page, kept by `routing`: in memory, or in the address's hash, where a reload finds it
 * again and Back and Forward move between pages. Back and Forward cannot be cancelled, so when they
 * would drop unsaved edits the flow's address is put back first and the person asked: on their
 * agreement the history steps back again to the page they asked for.
 */
export function useStudioPage(options: StudioPageOptions): StudioPageState {
  const latest = useRef(options);
  latest.current = options;
  const { routing } = options;
  const readable = (page: StudioPage | null) => (page && latest.current.allowed(page) ? page : home);
  /** Tells the studio when `page`, read from the address, is one the person may not see. */
  const refuseUnreadable = (page: StudioPage | null) => {
    if (page && !latest.current.allowed(page)) latest.current.onRefused(page);
  };
  const [page, setPage] = useState<StudioPage>(() => (routing === 'hash' ? readable(pageInHash()) : home));
  // Read by the address listener and by callbacks that finish later (a panel opened after a save).
  const shown = useRef(page);

  const show = (next: StudioPage, entry: 'push' | 'replace' | 'none') => {
    const previous = shown.current;
    shown.current = next;
    setPage(next);
    if (latest.current.routing === 'hash' && entry !== 'none') {
      // A URL of only a fragment keeps the page's path and query.
      history[entry === 'push' ? 'pushState' : 'replaceState'](history.state, '', `#${addressOf(next)}`);
    }
    if (!samePage(previous, next)) latest.current.onNavigated(next);
  };

  useEffect(() => {
    if (routing !== 'hash') return undefined;
    // The address shows the page from the start: the flow list's own, or what was read (a page the
    // person may not see, or no page at all, becomes the flow list).
    refuseUnreadable(pageInHash());
    if (location.hash !== `#${addressOf(shown.current)}`) history.replaceState(history.state, '', `#${addressOf(shown.current)}`);
    const follow = () => {
      const current = shown.current;
      const asked = pageInHash();
      const next = readable(asked);
      const { unsavedEdits, confirmLeave } = latest.current;
      if (addressOf(next) === addressOf(current)) {
        // Already shown; the address may name a page the person may not see, and is put back then.
        if (location.hash !== `#${addressOf(current)}`) history.replaceState(history.state, '', `#${addressOf(current)}`);
      } else if (!(leavesFlow(current, next) && unsavedEdits())) {
        // The address names `next` already, unless it named a page the person may not see: replaced then.
        show(next, 'replace');
      } else {
        // Back (or Forward) has already happened: the flow's address goes back on top, and only if the
        // person agrees does the history step back to `next` (the entry just before the one pushed).
        history.pushState(history.state, '', `#${addressOf(current)}`);
        confirmLeave(() => {
          show(next, 'none');
          history.back();
          refuseUnreadable(asked);
        });
        return;
      }
      // Told after the page is shown, as showing another page clears what was said.
      refuseUnreadable(asked);
    };
    // Back and Forward fire popstate; an address typed by hand fires both (the second finds nothing to do).
    window.addEventListener('popstate', follow);
    window.addEventListener('hashchange', follow);
    return () => {
      window.removeEventListener('popstate', follow);
      window.removeEventListener('hashchange', follow);
    };
  }, [routing]);

  return {
    page,
    go: (next) => {
      if (addressOf(next) === addressOf(shown.current)) return;
      const leave = () => show(next, 'push');
      if (leavesFlow(shown.current, next) && latest.current.unsavedEdits()) latest.current.confirmLeave(leave);
      else leave();
    },
    setPanel: (flowId, panel, follow) => {
      const current = shown.current;
      if (current.name !== 'flow' || current.id !== flowId) return;
      const next: StudioPage = panel === 'follow' && follow ? { name: 'flow', id: flowId, panel, follow } : { name: 'flow', id: flowId, panel };
      if (addressOf(next) !== addressOf(current)) show(next, 'replace');
    },
    setDiscoverView: (view) => {
      const next: StudioPage = view ? { name: 'discover', view } : { name: 'discover' };
      if (shown.current.name === 'discover' && addressOf(next) !== addressOf(shown.current)) show(next, 'replace');
    },
  };
}
