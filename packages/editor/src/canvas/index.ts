/** The canvas: React Flow with the algorithm and topic nodes, the three edge looks and the editor's shortcuts. */
export { FlowCanvas, type FlowCanvasProps } from './FlowCanvas.tsx';
export { AlgorithmNodeView } from './AlgorithmNodeView.tsx';
export { TopicNodeView } from './TopicNodeView.tsx';
export { SubscribeEdgeLook, PublishEdgeLook, DlqEdgeLook } from './FlowEdgeLook.tsx';
export { ConnectionStatus } from './ConnectionStatus.tsx';
export { nodeSize, nodeHandles, handleSize } from './nodeGeometry.ts';
export { edgeHandles, FlowElementCache, type FlowNodeView, type FlowEdgeView } from './flowElements.ts';
export { checkDrawnConnection, type DrawnConnection } from './connectionCheck.ts';
export { nodeDropMimeType, writeDroppedNode, readDroppedNode } from './nodeDrop.ts';
export { useEditorShortcuts } from './useEditorShortcuts.ts';
export { useFlowElements } from './useFlowElements.ts';
export { RevisionDiffProvider, useRevisionDiff, useRevisionDiffElements, type RevisionDiffSource, type ShownRevisionDiff } from './RevisionDiff.tsx';
export { RevisionDiffLegend } from './RevisionDiffLegend.tsx';
export { MessagePathLegend, MessagePathProvider, useMessagePath, useMessagePathElements, type MessagePathSource, type ShownMessagePath } from './MessagePathOverlay.tsx';
export { RemovedNodeView } from './RemovedNodeView.tsx';
