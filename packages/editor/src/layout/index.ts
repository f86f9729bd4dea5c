/** Automatic layout of a flow (dagre, left to right). */
export { layoutGraph, type LayoutSpacing } from './layoutGraph.ts';
export { ArrangeButton } from './ArrangeButton.tsx';
