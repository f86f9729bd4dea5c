import { useCallback, type KeyboardEvent } from 'react';
import { useFindActions, useFindStoreApi } from '../find/index.ts';
import { useEditorActions } from '../store/index.ts';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The editor's keyboard shortcuts, as a `keydown` handler for the editor's root element: Delete or
 * Backspace deletes the selection; Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z or Ctrl/⌘+Y redoes; Ctrl/⌘+C
 * copies, Ctrl/⌘+V pastes, Ctrl/⌘+A selects all; Ctrl/⌘+F opens the search on the canvas (instead of
 * the browser's find, even from a text field of the editor) and Escape leaves focus mode. Other keys
 * typed into text fields are left alone. The
 * element the handler is attached to must be focusable (`tabIndex={-1}`): it takes focus after a deletion.
 */
export function useEditorShortcuts(): (event: KeyboardEvent) => void {
  const actions = useEditorActions();
  const find = useFindActions();
  const findStore = useFindStoreApi();
  return useCallback(
    (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'f' && !event.shiftKey && !event.altKey) {
        find.openSearch();
        event.preventDefault();
        return;
      }
      if (isTextField(event.target)) return;
      let handled = true;
      if (key === 'escape' && findStore.getState().focus) find.exitFocus();
      else if (!mod && (key === 'delete' || key === 'backspace')) {
        actions.deleteSelection();
        // The focused node may be gone with the deletion: keep focus in the editor for the next shortcut.
        if (event.currentTarget instanceof HTMLElement) event.currentTarget.focus({ preventScroll: true });
      }
      else if (mod && key === 'z' && !event.shiftKey) actions.undo();
      else if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) actions.redo();
      else if (mod && key === 'c') actions.copySelection();
      else if (mod && key === 'v') actions.paste();
      else if (mod && key === 'a') actions.selectAll();
      else handled = false;
      if (handled) event.preventDefault();
    },
    [actions, find, findStore],
  );
}
