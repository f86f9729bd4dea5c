import { useMemo, useState } from 'react';
import { useEditorStore } from '../store/index.ts';
import { groupedElements } from '../groups/groupElements.ts';
import { FlowElementCache, type FlowEdgeView, type FlowNodeView } from './flowElements.ts';

/** The document's nodes and edges as React Flow elements, with the store's selection and its groups applied. */
export function useFlowElements(): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const [cache] = useState(() => new FlowElementCache());
  const graph = useEditorStore((s) => s.graph);
  const selection = useEditorStore((s) => s.selection);
  // A flow without groups (most of them, and the large ones in the benchmarks) keeps the plain path.
  const grouped = useMemo(() => (graph.groups ? groupedElements(graph, selection, cache) : null), [cache, graph, selection]);
  const nodes = useMemo(
    () => grouped?.nodes ?? graph.nodes.map((n) => cache.node(n, selection.nodeIds.has(n.id))),
    [grouped, cache, graph.nodes, selection.nodeIds],
  );
  const edges = useMemo(
    () => grouped?.edges ?? graph.edges.map((e) => cache.edge(e, selection.edgeIds.has(e.id))),
    [grouped, cache, graph.edges, selection.edgeIds],
  );
  return { nodes, edges };
}
