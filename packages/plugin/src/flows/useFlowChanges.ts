import { useStudioChanges, type FlowView } from '@event-flows/client';
import type { EditorStore } from '@event-flows/editor';
import type { Catalog } from '@event-flows/model';
import { useCallback, useEffect, useState } from 'react';

/** What {@link useFlowChanges} needs to know about the open flow. */
export interface OpenFlow {
  orgId: string;
  /** The flow as the server last said (`flows.get`, kept fresh by the change stream). */
  flow: FlowView | undefined;
  /** The catalog as the server last said (`catalog.get`). */
  catalog: Catalog | undefined;
  /** The editor's store and the revision its graph was loaded from or last saved as. */
  editor: { store: EditorStore; baseRevision: number } | null;
  /** The canvas holds edits that are not saved. */
  dirty: boolean;
  /** A save, "keep mine" or rollback of this page is under way: a newer revision may be its own. */
  writing: boolean;
  /** Called with someone else's newer revision when the canvas has no unsaved edits to lose. */
  onTheirs: (theirs: FlowView) => void;
}

/**
 * Keeps an open flow fresh while the studio shows it. The org's change stream refreshes the cached
 * server data; a newer catalog goes into the editor (so "not granted" goes once a grant is approved);
 * a revision someone else saved (another tab or person) replaces the canvas at once when it has no
 * unsaved edits. With unsaved edits the edits stay, and the newer revision is returned, for the page
 * to say so (its save then meets the conflict dialog).
 */
export function useFlowChanges({ orgId, flow, catalog, editor, dirty, writing, onTheirs }: OpenFlow): { newer: FlowView | null } {
  useStudioChanges(orgId);
  const store = editor?.store;
  useEffect(() => {
    if (store && catalog) store.getState().actions.setCatalog(catalog);
  }, [store, catalog]);

  const newer = flow && editor && !writing && flow.revision > editor.baseRevision ? flow : null;
  useEffect(() => {
    if (newer && !dirty) onTheirs(newer);
    // Only a new revision (or the edits going away) calls for it; `onTheirs` may change every render.
  }, [newer?.revision, dirty]);
  return { newer: newer && dirty ? newer : null };
}

/**
 * Counts this page's own writes of the flow (saves, rollbacks) while they are under way, so that the
 * revision they produce is not taken for someone else's before the page has recorded it.
 */
export function useOwnWrites(): { writing: boolean; track: <T>(work: () => Promise<T>) => Promise<T> } {
  const [count, setCount] = useState(0);
  const track = useCallback(async <T>(work: () => Promise<T>): Promise<T> => {
    setCount((n) => n + 1);
    try {
      return await work();
    } finally {
      setCount((n) => n - 1);
    }
  }, []);
  return { writing: count > 0, track };
}
