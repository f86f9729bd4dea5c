import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback, useRef, type MouseEvent as ReactMouseEvent } from 'react';
import { collapsedMembers, shownGraph, useEditorActions, useEditorStoreApi } from '../store/index.ts';
import type { FlowEdgeView, FlowNodeView } from './flowElements.ts';
import { nodeSize } from './nodeGeometry.ts';

/*
 * Box selection (Shift and a drag) in low detail. React Flow selects the nodes it holds inside the
 * box, but far out it holds only a few (see useFlowElements): the box is measured against the document.
 */

/**
 * Handlers for React Flow's `onSelectionStart` and `onSelectionEnd` that, when the box is let go,
 * select every node on the canvas wholly inside it (as React Flow's default `SelectionMode.Full`
 * does) and the edges of those nodes (as React Flow does), leaving out nodes hidden in collapsed groups.
 */
export function useFarBoxSelection(): { onSelectionStart: (event: ReactMouseEvent) => void; onSelectionEnd: (event: ReactMouseEvent) => void } {
  const flow = useStoreApi<FlowNodeView, FlowEdgeView>();
  const editor = useEditorStoreApi();
  const actions = useEditorActions();
  const { screenToFlowPosition } = useReactFlow();
  // Where the box started, in flow units; React Flow keeps it there while it pans during the drag.
  const start = useRef<{ x: number; y: number } | null>(null);

  const onSelectionStart = useCallback(() => {
    const rect = flow.getState().userSelectionRect;
    start.current = rect ? { x: rect.startX, y: rect.startY } : null;
  }, [flow]);

  const onSelectionEnd = useCallback(
    (event: ReactMouseEvent) => {
      const from = start.current;
      start.current = null;
      if (!from) return;
      const to = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const left = Math.min(from.x, to.x);
      const right = Math.max(from.x, to.x);
      const top = Math.min(from.y, to.y);
      const bottom = Math.max(from.y, to.y);
      const graph = shownGraph(editor.getState());
      const hidden = collapsedMembers(graph);
      const nodeIds = new Set<string>();
      for (const node of graph.nodes) {
        const { width, height } = nodeSize[node.kind];
        const { x, y } = node.position;
        if (!hidden.has(node.id) && x >= left && y >= top && x + width <= right && y + height <= bottom) nodeIds.add(node.id);
      }
      const edgeIds = graph.edges.filter((e) => (nodeIds.has(e.source) || nodeIds.has(e.target)) && !hidden.has(e.source) && !hidden.has(e.target)).map((e) => e.id);
      actions.select({ nodeIds, edgeIds });
    },
    [actions, editor, screenToFlowPosition],
  );
  return { onSelectionStart, onSelectionEnd };
}
