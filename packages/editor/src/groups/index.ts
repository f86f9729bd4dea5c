/** Groups of nodes on the canvas: grouping the selection, a collapsed group's node and an expanded group's frame. */
export { GroupPanel } from './GroupPanel.tsx';
export { CollapsedGroupView, GroupFrameView } from './GroupViews.tsx';
export { groupedElements, groupNodeSize, groupHandles, type GroupNodeView, type GroupViewData } from './groupElements.ts';
export { groupOutlines, drawGroupFrames, drawCollapsedGroups, type GroupOutlines, type GroupColours } from './groupOutlines.ts';
