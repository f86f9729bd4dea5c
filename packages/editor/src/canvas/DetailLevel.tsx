import { useStoreApi } from '@xyflow/react';
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useEditorStore } from '../store/index.ts';
import { lowDetailMinNodes, nextDetailLevel, type DetailLevel } from './detailLevel.ts';

/** The canvas's detail level, for the node views (full unless a canvas says otherwise). */
export const DetailLevelContext = createContext<DetailLevel>('full');

/** The detail level the canvas draws at, for a node view. */
export function useDetailLevel(): DetailLevel {
  return useContext(DetailLevelContext);
}

/**
 * The detail level at React Flow's current zoom, with hysteresis (see detailZooms), for a flow of
 * more than lowDetailMinNodes nodes; `full` for a smaller one. Re-renders only when the level
 * changes, not on every pan or zoom step. Must be inside a `ReactFlowProvider` and an editor.
 */
export function useCanvasDetailLevel(): DetailLevel {
  const large = useEditorStore((s) => s.graph.nodes.length > lowDetailMinNodes);
  const flow = useStoreApi();
  const [level, setLevel] = useState<DetailLevel>(() => nextDetailLevel('full', flow.getState().transform[2]));
  const levelRef = useRef(level);
  const largeRef = useRef(large);
  useEffect(() => {
    largeRef.current = large;
  }, [large]);
  useEffect(() => {
    const follow = () => {
      const next = nextDetailLevel(levelRef.current, flow.getState().transform[2]);
      if (next === levelRef.current) return;
      levelRef.current = next;
      // A jump far out ("fit view" on thousands of nodes) would have React Flow mount every node now
      // in view, in full, before the canvas re-renders in low detail and hands it only a few. Its
      // nodes are dropped in the same store update instead; the canvas hands the few back next.
      // The node with keyboard focus stays, so that its element keeps the focus (see useFocusedNodeId).
      if (next === 'low' && largeRef.current) flow.getState().setNodes(flow.getState().nodes.filter((n) => n.id === focusedNodeId()));
      setLevel(next);
    };
    follow();
    return flow.subscribe((next, previous) => {
      if (next.transform[2] !== previous.transform[2]) follow();
    });
  }, [flow]);
  return large ? level : 'full';
}

/** The id of the canvas node whose element has keyboard focus, if any. */
function focusedNodeId(): string | undefined {
  return document.activeElement instanceof HTMLElement && document.activeElement.classList.contains('react-flow__node') ? document.activeElement.dataset.id : undefined;
}
