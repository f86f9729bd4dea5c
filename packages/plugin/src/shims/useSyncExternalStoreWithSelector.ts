/**
 * An ES-module stand-in for `use-sync-external-store/shim/with-selector`, which zustand (ours and
 * React Flow's) imports. The package is CommonJS and calls `require('react')`; with React left to the
 * host, Rolldown can only leave a `require` that throws in a browser. This one imports React as an
 * ES module and builds on React 19's own `useSyncExternalStore` (vite.config.ts points the imports
 * here).
 */
import { useDebugValue, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';

/** What the last committed render returned, so a new selector can keep an equal selection. */
interface Committed<Selection> {
  hasValue: boolean;
  value: Selection | undefined;
}

/**
 * Subscribes to an external store and returns `selector(snapshot)`. The selection is recomputed only
 * when the snapshot changes (by `Object.is`), and when `isEqual` says a new selection equals the
 * previous one the previous object is returned, so the component does not render again.
 */
export function useSyncExternalStoreWithSelector<Snapshot, Selection>(
  subscribe: (onStoreChange: () => void) => () => void,
  getSnapshot: () => Snapshot,
  getServerSnapshot: undefined | null | (() => Snapshot),
  selector: (snapshot: Snapshot) => Selection,
  isEqual?: (a: Selection, b: Selection) => boolean,
): Selection {
  const committed = useRef<Committed<Selection>>({ hasValue: false, value: undefined }).current;

  const [getSelection, getServerSelection] = useMemo(() => {
    // Memoised per (getSnapshot, selector, isEqual): a new selector starts a fresh memo.
    let memo: { snapshot: Snapshot; selection: Selection } | undefined;
    const select = (snapshot: Snapshot): Selection => {
      if (!memo) {
        const selection = selector(snapshot);
        // First call with this selector: keep what is on screen if it is equal, so swapping an
        // inline selector on every render does not re-render for nothing.
        const kept = isEqual !== undefined && committed.hasValue && isEqual(committed.value as Selection, selection);
        memo = { snapshot, selection: kept ? (committed.value as Selection) : selection };
        return memo.selection;
      }
      if (Object.is(memo.snapshot, snapshot)) return memo.selection;
      const selection = selector(snapshot);
      if (isEqual !== undefined && isEqual(memo.selection, selection)) {
        // Remember the new snapshot, but hand back the previous (equal) selection.
        memo = { snapshot, selection: memo.selection };
        return memo.selection;
      }
      memo = { snapshot, selection };
      return selection;
    };
    const serverSnapshot = getServerSnapshot ?? undefined;
    return [() => select(getSnapshot()), serverSnapshot === undefined ? undefined : () => select(serverSnapshot())] as const;
  }, [getSnapshot, getServerSnapshot, selector, isEqual, committed]);

  const value = useSyncExternalStore(subscribe, getSelection, getServerSelection);
  useEffect(() => {
    committed.hasValue = true;
    committed.value = value;
  }, [committed, value]);
  useDebugValue(value);
  return value;
}

/**
 * zustand reads the CommonJS module's exports object as the default import
 * (`import exports from '…/with-selector.js'`), so that object is the default export here too.
 */
const commonJsExports = { useSyncExternalStoreWithSelector };
export { commonJsExports as default };
