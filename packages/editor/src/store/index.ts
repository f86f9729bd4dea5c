/** The editor's state: one zustand store per mounted editor, its provider and selector hooks. */
export { createEditorStore } from './createEditorStore.ts';
export type {
  EditorActions,
  EditorInit,
  EditorSelection,
  EditorState,
  EditorStore,
  NewNode,
  ConnectionRefusal,
  TopicRequest,
  GroupActions,
  GroupResult,
} from './editorState.ts';
export type { AlertMarks, FiringAlertView } from './alertMarks.ts';
export { collapsedMembers, groupFrame, shownGraph } from './groupEdits.ts';
export { EditorProvider, type EditorProviderProps } from './EditorProvider.tsx';
export { useEditorStore, useEditorStoreApi, useEditorActions } from './useEditorStore.ts';
export type { AlgorithmPatch, TopicPatch, NodeMove, GraphFragment } from './graphEdits.ts';
export type { DerivedDocument } from './derive.ts';
export { boundsOf, firstFreeSpot, placeNewNode, clearShift, type FlowPoint, type FlowRect } from './placement.ts';
