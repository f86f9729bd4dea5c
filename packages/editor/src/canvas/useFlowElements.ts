import { useMemo, useState } from 'react';
import { collapsedMembers, shownGraph, useEditorStore } from '../store/index.ts';
import { groupedElements } from '../groups/groupElements.ts';
import { FlowElementCache, type FlowEdgeView, type FlowNodeView } from './flowElements.ts';

const noEdges: FlowEdgeView[] = [];

/**
 * The document's nodes and edges as React Flow elements, with the store's selection and its groups applied. In low
 * detail (`lowDetail` given) React Flow gets only the nodes a person can act on, the selected ones,
 * the one under the pointer (`hoveredId`) and the one with keyboard focus (`focusedId`), and no
 * edges: FarDrawing draws the rest, and a few thousand node elements are what made a zoomed-out
 * large flow slow. A read-only viewer's own collapsed groups are drawn so (`shownGraph`).
 */
export function useFlowElements(lowDetail?: { hoveredId: string | null; focusedId?: string | null }): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const [cache] = useState(() => new FlowElementCache());
  const documentGraph = useEditorStore((s) => s.graph);
  const viewCollapsed = useEditorStore((s) => s.viewCollapsed);
  const graph = useMemo(() => shownGraph({ graph: documentGraph, viewCollapsed }), [documentGraph, viewCollapsed]);
  const nodesById = useEditorStore((s) => s.nodesById);
  const selection = useEditorStore((s) => s.selection);
  const low = lowDetail !== undefined;
  const hoveredId = lowDetail?.hoveredId ?? null;
  const focusedId = lowDetail?.focusedId ?? null;
  const groups = graph.groups;
  const hidden = useMemo(() => collapsedMembers(groups ? { groups } : {}), [groups]);
  // A flow without groups (most of them, and the large ones in the benchmarks) keeps the plain path.
  const grouped = useMemo(() => (graph.groups && !low ? groupedElements(graph, selection, cache) : null), [cache, graph, selection, low]);
  const nodes = useMemo(() => {
    if (grouped) return grouped.nodes;
    if (!low) return graph.nodes.map((n) => cache.node(n, selection.nodeIds.has(n.id)));
    const shown = new Set(selection.nodeIds);
    if (hoveredId !== null) shown.add(hoveredId);
    if (focusedId !== null) shown.add(focusedId);
    // A node hidden in a collapsed group is not drawn far out either: its group's box is.
    return [...shown].flatMap((id) => {
      const node = nodesById.get(id);
      return node && !hidden.has(id) ? [cache.node(node, selection.nodeIds.has(id))] : [];
    });
  }, [grouped, cache, graph.nodes, nodesById, selection.nodeIds, low, hoveredId, focusedId, hidden]);
  const edges = useMemo(
    () => grouped?.edges ?? (low ? noEdges : graph.edges.map((e) => cache.edge(e, selection.edgeIds.has(e.id)))),
    [grouped, cache, graph.edges, selection.edgeIds, low],
  );
  return { nodes, edges };
}
