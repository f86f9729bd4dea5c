import { useMemo, useState } from 'react';
import { useEditorStore } from '../store/index.ts';
import { FlowElementCache, type FlowEdgeView, type FlowNodeView } from './flowElements.ts';

/** The document's nodes and edges as React Flow elements, with the store's selection applied. */
export function useFlowElements(): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const [cache] = useState(() => new FlowElementCache());
  const graph = useEditorStore((s) => s.graph);
  const selection = useEditorStore((s) => s.selection);
  const nodes = useMemo(
    () => graph.nodes.map((n) => cache.node(n, selection.nodeIds.has(n.id))),
    [cache, graph.nodes, selection.nodeIds],
  );
  const edges = useMemo(
    () => graph.edges.map((e) => cache.edge(e, selection.edgeIds.has(e.id))),
    [cache, graph.edges, selection.edgeIds],
  );
  return { nodes, edges };
}
