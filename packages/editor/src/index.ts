/**
 * @event-flows/editor — the React Flow canvas of Event Flows Studio: the editor store, the canvas
 * with algorithm and topic nodes, the palette, the inspector and the problems panel.
 */
export { EventFlowsEditor, type EventFlowsEditorProps, type EditorTheme } from './EventFlowsEditor.tsx';
export * from './store/index.ts';
export * from './canvas/index.ts';
export * from './palette/index.ts';
export * from './inspector/index.ts';
export * from './problems/index.ts';
export * from './layout/index.ts';
export * from './find/index.ts';
export * from './status/index.ts';
export * from './plan-review/index.ts';
export * from './events-tab/index.ts';
export * from './dlq-viewer/index.ts';
export * from './ui/index.ts';
