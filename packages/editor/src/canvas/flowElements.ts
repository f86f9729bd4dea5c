import { handles, type EdgeKind, type FlowEdge, type FlowNode, type NodeKind } from '@event-flows/model';
import { MarkerType, type Edge, type EdgeMarker, type Node } from '@xyflow/react';
import type { GroupNodeView } from '../groups/groupElements.ts';
import { nodeHandles, nodeSize } from './nodeGeometry.ts';

/**
 * React Flow's view of a node of the document. It carries no data of its own: node views select
 * what they show from the editor store by id, so the store stays the one source of truth. A
 * `removed` node is a node of an earlier revision, drawn while that revision's changes are shown.
 */
export type DocumentNodeView = Node<Record<string, never>, NodeKind | 'removed'>;

/** A node on the canvas: a node of the document, or a group of them (see `groupedElements`). */
export type FlowNodeView = DocumentNodeView | GroupNodeView;

/** React Flow's view of an edge; its `type` is the model's edge kind, which picks its look. */
export type FlowEdgeView = Edge<Record<string, never>, EdgeKind>;

const noData: Record<string, never> = {};

/** The arrow at the target end of every edge. */
export const edgeArrow: EdgeMarker = { type: MarkerType.ArrowClosed, width: 16, height: 16 };

/** Which handles an edge of each kind joins: where it leaves its source and enters its target. */
export const edgeHandles: Record<EdgeKind, { source: string; target: string }> = {
  subscribe: { source: handles.topicOut, target: handles.subscribe },
  publish: { source: handles.publish, target: handles.topicIn },
  dlq: { source: handles.dlq, target: handles.topicIn },
};

/** How an edge of each kind is named on the canvas ("Publish edge"). */
export const edgeKindWord: Record<EdgeKind, string> = { subscribe: 'Subscribe', publish: 'Publish', dlq: 'Dead-letter' };

const nodeLabel: Record<NodeKind, string> = { algorithm: 'Algorithm', topic: 'Topic' };

/**
 * Converts model elements to React Flow's, keeping one view object per model object and selection
 * state. A node that did not change keeps its view object, so React Flow skips it: that is what
 * keeps dragging one node in a 2,000-node flow cheap.
 */
export class FlowElementCache {
  private readonly nodes = [new WeakMap<FlowNode, DocumentNodeView>(), new WeakMap<FlowNode, DocumentNodeView>()] as const;
  private readonly edges = [new WeakMap<FlowEdge, FlowEdgeView>(), new WeakMap<FlowEdge, FlowEdgeView>()] as const;

  /** The view of a model node. */
  node(node: FlowNode, selected: boolean): DocumentNodeView {
    const cache = this.nodes[selected ? 1 : 0];
    let view = cache.get(node);
    if (!view) {
      const size = nodeSize[node.kind];
      view = {
        id: node.id,
        type: node.kind,
        position: node.position,
        data: noData,
        width: size.width,
        height: size.height,
        measured: size,
        handles: nodeHandles[node.kind],
        selected,
        ariaLabel: node.kind === 'algorithm' ? `${nodeLabel.algorithm} ${node.algorithm}` : `${nodeLabel.topic} ${node.topic}`,
      };
      cache.set(node, view);
    }
    return view;
  }

  /** The view of a model edge. */
  edge(edge: FlowEdge, selected: boolean): FlowEdgeView {
    const cache = this.edges[selected ? 1 : 0];
    let view = cache.get(edge);
    if (!view) {
      const ends = edgeHandles[edge.kind];
      view = {
        id: edge.id,
        type: edge.kind,
        source: edge.source,
        target: edge.target,
        sourceHandle: ends.source,
        targetHandle: ends.target,
        data: noData,
        selected,
        markerEnd: edgeArrow,
        ariaLabel: `${edgeKindWord[edge.kind]} edge`,
      };
      cache.set(edge, view);
    }
    return view;
  }
}
