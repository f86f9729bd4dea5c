import type { FlowGraph } from '@event-flows/model';
import { ReactFlow, useStoreApi, type Edge, type Node } from '@xyflow/react';
import { useEffect } from 'react';

/** React Flow's internal store (node lookup with measured sizes and handle bounds). */
export type FlowStore = ReturnType<typeof useStoreApi>;

/** Plain React Flow's view of the graph: default nodes with a label, default edges, nothing declared. */
export function baselineElements(graph: FlowGraph): { nodes: Node[]; edges: Edge[] } {
  return {
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      position: { ...n.position },
      data: { label: n.kind === 'algorithm' ? n.algorithm : n.topic },
    })),
    edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/** Hands React Flow's internal store to the probe, which checks that visible nodes are measured. */
function StoreProbe({ onStore }: { onStore: (store: FlowStore) => void }) {
  const store = useStoreApi();
  useEffect(() => onStore(store), [onStore, store]);
  return null;
}

/** The baseline: plain React Flow with its default nodes and no extra props. */
export function BaselineFlow({
  nodes,
  edges,
  onStore,
}: {
  nodes: Node[];
  edges: Edge[];
  onStore: (store: FlowStore) => void;
}) {
  return (
    <div style={{ width: '100%', height: '100%' }}>
      <ReactFlow defaultNodes={nodes} defaultEdges={edges}>
        <StoreProbe onStore={onStore} />
      </ReactFlow>
    </div>
  );
}
