import { useMemo } from 'react';
import type { FlowEdgeView, FlowNodeView } from '../canvas/flowElements.ts';
import { useEditorStore } from '../store/index.ts';
import { useFind } from './FindProvider.tsx';
import { neighbourhood } from './neighbourhood.ts';

/** The class of the canvas in focus mode: it dims every node and edge not marked {@link inFocusClass}. */
const focusModeClass = 'efs-focus-mode';
/** The class of the nodes and edges focus mode shows. */
const inFocusClass = 'efs-in-focus';

/**
 * The canvas's nodes and edges as focus mode shows them, and a class for the canvas. Outside focus
 * mode they are returned as they are. In it, only the focused neighbourhood's views are copied (with
 * a class): the thousands of dimmed ones keep their objects, so React Flow does not redraw them.
 */
export function useFocusView(elements: { nodes: FlowNodeView[]; edges: FlowEdgeView[] }): {
  nodes: FlowNodeView[];
  edges: FlowEdgeView[];
  className: string | undefined;
} {
  const focus = useFind((s) => s.focus);
  const graph = useEditorStore((s) => s.graph);
  const near = useMemo(() => (focus ? neighbourhood(graph, focus.nodeId, focus.hops) : null), [focus, graph]);
  return useMemo(() => {
    if (!near || near.nodeIds.size === 0) return { nodes: elements.nodes, edges: elements.edges, className: undefined };
    return {
      nodes: elements.nodes.map((n) => (near.nodeIds.has(n.id) ? { ...n, className: inFocusClass } : n)),
      edges: elements.edges.map((e) => (near.edgeIds.has(e.id) ? { ...e, className: inFocusClass } : e)),
      className: focusModeClass,
    };
  }, [elements.nodes, elements.edges, near]);
}
