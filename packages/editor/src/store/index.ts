/** The editor's state: one zustand store per mounted editor, its provider and selector hooks. */
export {
  createEditorStore,
  type EditorActions,
  type EditorInit,
  type EditorSelection,
  type EditorState,
  type EditorStore,
  type NewNode,
  type ConnectionRefusal,
  type TopicRequest,
} from './createEditorStore.ts';
export { EditorProvider, type EditorProviderProps } from './EditorProvider.tsx';
export { useEditorStore, useEditorStoreApi, useEditorActions } from './useEditorStore.ts';
export type { AlgorithmPatch, TopicPatch, NodeMove, GraphFragment } from './graphEdits.ts';
export type { DerivedDocument } from './derive.ts';
export { firstFreeSpot, placeNewNode, clearShift, type FlowPoint, type FlowRect } from './placement.ts';
