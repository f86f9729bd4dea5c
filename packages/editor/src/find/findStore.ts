import { createStore, type StoreApi } from 'zustand/vanilla';
import { focusHops } from './neighbourhood.ts';

/** Focus mode: one node and its neighbours within `hops` edges are shown, the rest dimmed. */
export interface CanvasFocus {
  nodeId: string;
  hops: number;
}

/**
 * How a person finds their way in one editor's flow: the search box on the canvas and focus mode.
 * View state only, kept apart from the document's store: nothing here is saved or undone.
 */
export interface FindState {
  searchOpen: boolean;
  /** What was last typed into the search box; kept while it is closed, as a browser's find does. */
  query: string;
  /** Which of the search's hits is shown (from 0); the canvas marks it more strongly than the others. */
  currentHit: number;
  /** Counts the requests to open the search box, so that asking again while open focuses it again. */
  searchRequests: number;
  focus: CanvasFocus | null;
  actions: FindActions;
}

/** Every change to a {@link FindState}. */
export interface FindActions {
  /** Opens the search box, or focuses it again when already open. */
  openSearch(): void;
  closeSearch(): void;
  /** Changes what is searched for; the first hit becomes the current one. */
  setQuery(query: string): void;
  setCurrentHit(index: number): void;
  /** Enters focus mode on a node, at the first hop count. */
  focusOn(nodeId: string): void;
  /** Changes how many hops focus mode shows, within {@link focusHops}. */
  setFocusHops(hops: number): void;
  exitFocus(): void;
}

/** One editor's find state. */
export type FindStore = StoreApi<FindState>;

/** Creates the find state of one mounted editor: search closed, no focus. */
export function createFindStore(): FindStore {
  return createStore<FindState>()((set) => ({
    searchOpen: false,
    query: '',
    currentHit: 0,
    searchRequests: 0,
    focus: null,
    actions: {
      openSearch: () => set((s) => ({ searchOpen: true, searchRequests: s.searchRequests + 1 })),
      closeSearch: () => set({ searchOpen: false }),
      setQuery: (query) => set({ query, currentHit: 0 }),
      setCurrentHit: (currentHit) => set({ currentHit }),
      focusOn: (nodeId) => set({ focus: { nodeId, hops: focusHops.initial } }),
      setFocusHops: (hops) =>
        set((s) => (s.focus ? { focus: { ...s.focus, hops: Math.min(focusHops.max, Math.max(focusHops.min, Math.round(hops))) } } : {})),
      exitFocus: () => set({ focus: null }),
    },
  }));
}
