import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createFindStore, type FindActions, type FindState, type FindStore } from './findStore.ts';

const FindStoreContext = createContext<FindStore | null>(null);

/** Keeps one find state (search box, focus mode) for the editor mounted inside it. */
export function FindProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createFindStore);
  return <FindStoreContext.Provider value={store}>{children}</FindStoreContext.Provider>;
}

/** The find state of the surrounding editor. Throws when used outside a `FindProvider` (a bug). */
export function useFindStoreApi(): FindStore {
  const store = useContext(FindStoreContext);
  if (!store) throw new Error('useFind must be used inside a <FindProvider>.');
  return store;
}

/** Selects a slice of the find state; re-renders only when it changes (compared with `Object.is`). */
export function useFind<T>(selector: (state: FindState) => T): T {
  return useStore(useFindStoreApi(), selector);
}

const selectActions = (state: FindState) => state.actions;

/** The find state's actions; a stable object. */
export function useFindActions(): FindActions {
  return useFind(selectActions);
}
