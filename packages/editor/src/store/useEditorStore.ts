import { useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorActions, EditorState, EditorStore } from './editorState.ts';
import { EditorStoreContext } from './EditorProvider.tsx';

/** The store of the surrounding editor. Throws when used outside an `EditorProvider` (a bug). */
export function useEditorStoreApi(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore must be used inside an <EditorProvider>.');
  return store;
}

/**
 * Selects a slice of the editor state; the component re-renders only when the slice changes
 * (compared with `Object.is`, so return stored values or primitives, or wrap with `useShallow`).
 */
export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStoreApi(), selector);
}

const selectActions = (state: EditorState) => state.actions;

/** The editor's actions; a stable object that never causes a re-render. */
export function useEditorActions(): EditorActions {
  return useEditorStore(selectActions);
}
