import { countOf, groupCorner, type EdgeKind, type FlowGraph, type FlowGroup } from '@event-flows/model';
import { Position, type Node, type NodeHandle } from '@xyflow/react';
import type { EditorSelection } from '../store/index.ts';
import { edgeArrow, edgeHandles, edgeKindWord, type FlowEdgeView, type FlowElementCache, type FlowNodeView } from '../canvas/flowElements.ts';
import { handleSize } from '../canvas/nodeGeometry.ts';
import { groupFrame } from '../store/index.ts';

/** What a group's view shows: the group, how many nodes it holds, how many edges enter and leave it. */
export interface GroupViewData extends Record<string, unknown> {
  group: FlowGroup;
  /** Edges from a node outside the group to one of its nodes. */
  incoming: number;
  /** Edges from one of its nodes to a node outside the group. */
  outgoing: number;
}

/** A group on the canvas: a collapsed group as one node, an expanded one as a frame behind its nodes. */
export type GroupNodeView = Node<GroupViewData, 'collapsedGroup' | 'groupFrame'>;

/** The size of a collapsed group's node, in flow units. */
export const groupNodeSize = { width: 280, height: 96 };

/** The handles of a collapsed group: edges to its nodes end on its left, edges from them leave on its right. */
export const groupHandles = { in: 'group-in', out: 'group-out' } as const;

const half = handleSize / 2;
const collapsedHandles: NodeHandle[] = [
  { id: groupHandles.in, type: 'target', position: Position.Left, x: -half, y: groupNodeSize.height / 2 - half, width: handleSize, height: handleSize },
  { id: groupHandles.out, type: 'source', position: Position.Right, x: groupNodeSize.width - half, y: groupNodeSize.height / 2 - half, width: handleSize, height: handleSize },
];

/**
 * The canvas elements of a graph that has groups. A collapsed group's nodes are hidden behind one
 * group node at their top-left corner; edges to or from them are drawn to that node, several edges
 * of one kind between the same two ends as one edge labelled with their count, and edges among them
 * not at all. An expanded group is a frame behind its nodes, dragged by its header. Pass the graph
 * as shown (`shownGraph`), so that a viewer's own collapsed groups are drawn so.
 */
export function groupedElements(graph: FlowGraph, selection: EditorSelection, cache: FlowElementCache): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const hiddenIn = new Map<string, FlowGroup>();
  const memberOf = new Map<string, FlowGroup>();
  for (const group of graph.groups ?? []) {
    for (const id of group.nodeIds) {
      memberOf.set(id, group);
      if (group.collapsed) hiddenIn.set(id, group);
    }
  }
  const counts = new Map<string, { incoming: number; outgoing: number }>((graph.groups ?? []).map((g) => [g.id, { incoming: 0, outgoing: 0 }]));
  for (const edge of graph.edges) {
    const from = memberOf.get(edge.source);
    const to = memberOf.get(edge.target);
    if (from === to) continue;
    if (from) (counts.get(from.id) as { outgoing: number }).outgoing += 1;
    if (to) (counts.get(to.id) as { incoming: number }).incoming += 1;
  }

  const frames: FlowNodeView[] = [];
  const collapsed: FlowNodeView[] = [];
  for (const group of graph.groups ?? []) {
    const data: GroupViewData = { group, ...(counts.get(group.id) ?? { incoming: 0, outgoing: 0 }) };
    const name = `Group ${group.name}, ${countOf(group.nodeIds.length, 'node')}`;
    if (group.collapsed) {
      const corner = groupCorner(group, nodesById);
      if (!corner) continue;
      collapsed.push({
        id: group.id,
        type: 'collapsedGroup',
        position: corner,
        data,
        width: groupNodeSize.width,
        height: groupNodeSize.height,
        measured: groupNodeSize,
        handles: collapsedHandles,
        selectable: false,
        connectable: false,
        ariaLabel: `${name}, collapsed`,
      });
      continue;
    }
    const frame = groupFrame(group, nodesById);
    if (!frame) continue;
    const size = { width: frame.width, height: frame.height };
    frames.push({
      id: group.id,
      type: 'groupFrame',
      position: { x: frame.x, y: frame.y },
      data,
      ...size,
      measured: size,
      selectable: false,
      // Dragged by its header (its commands excepted: they are `nodrag`), which moves its nodes with it
      // (withGroupMoves); draggable where nodes are, so not in a read-only editor.
      dragHandle: '.efs-group__header',
      connectable: false,
      focusable: false,
      zIndex: -1,
      // The frame must not catch clicks and drags meant for the canvas behind it; its header takes them.
      style: { pointerEvents: 'none' },
      ariaLabel: name,
    });
  }

  const nodes: FlowNodeView[] = [...frames];
  for (const node of graph.nodes) if (!hiddenIn.has(node.id)) nodes.push(cache.node(node, selection.nodeIds.has(node.id)));
  nodes.push(...collapsed);

  const edges: FlowEdgeView[] = [];
  const merged = new Map<string, FlowEdgeView & { count: number; kind: EdgeKind }>();
  for (const edge of graph.edges) {
    const from = hiddenIn.get(edge.source);
    const to = hiddenIn.get(edge.target);
    if (!from && !to) {
      edges.push(cache.edge(edge, selection.edgeIds.has(edge.id)));
      continue;
    }
    if (from && from === to) continue;
    const source = from?.id ?? edge.source;
    const target = to?.id ?? edge.target;
    const key = JSON.stringify([edge.kind, source, target]);
    const seen = merged.get(key);
    if (seen) {
      seen.count += 1;
      continue;
    }
    const ends = edgeHandles[edge.kind];
    const view = {
      id: `${edge.id} via group`,
      kind: edge.kind,
      type: edge.kind,
      source,
      target,
      sourceHandle: from ? groupHandles.out : ends.source,
      targetHandle: to ? groupHandles.in : ends.target,
      data: {},
      selectable: false,
      count: 1,
    };
    merged.set(key, view);
  }
  for (const { count, kind, ...view } of merged.values()) {
    const label = count > 1 ? { label: countOf(count, 'edge') } : {};
    edges.push({ ...view, ...label, markerEnd: edgeArrow, ariaLabel: `${edgeKindWord[kind]} ${countOf(count, 'edge')} to a collapsed group` });
  }
  return { nodes, edges };
}
