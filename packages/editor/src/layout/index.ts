/** Automatic layout of a flow ("Arrange"): a layered layout of our own, left to right, in a Web Worker. */
export { ArrangeButton } from './ArrangeButton.tsx';
export { layoutRequestOf, type LayoutBox, type LayoutLink, type LayoutPlace, type LayoutRequest } from './layoutRequest.ts';
export { type LayoutSpacing } from './layoutSpacing.ts';
export { useArrange, type ArrangeRun, type ArrangeScope } from './useArrange.ts';
