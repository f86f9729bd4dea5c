import { createContext, useState, type ReactNode } from 'react';
import { createEditorStore } from './createEditorStore.ts';
import type { EditorInit, EditorStore } from './editorState.ts';

/** The store of the editor being rendered; `null` outside an {@link EditorProvider}. */
export const EditorStoreContext = createContext<EditorStore | null>(null);

/** Props of {@link EditorProvider}. */
export interface EditorProviderProps extends EditorInit {
  /** Use this store instead of creating one (tests and stories that drive the store directly). */
  store?: EditorStore;
  children: ReactNode;
}

/**
 * Creates one store for the editor mounted inside it and keeps it for the editor's lifetime. The
 * initial props are read once; to show another flow, mount a new provider (for example with a `key`).
 */
export function EditorProvider({ store, children, ...init }: EditorProviderProps) {
  const [own] = useState(() => store ?? createEditorStore(init));
  return <EditorStoreContext.Provider value={own}>{children}</EditorStoreContext.Provider>;
}
