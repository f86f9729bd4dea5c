import type { DiffMarks, FlowNode } from '@event-flows/model';
import type { FlowEdgeView, FlowElementCache, FlowNodeView } from './flowElements.ts';

/** The CSS class of an element marked by a revision diff (`efs-diff--added`, `--removed`, `--changed`). */
export const diffClass = (change: 'added' | 'removed' | 'changed') => `efs-diff efs-diff--${change}`;

/** What the ghost of a removed node reads as: "Topic orders.audit". */
export const removedNodeLabel = (node: FlowNode) => (node.kind === 'algorithm' ? `Algorithm ${node.algorithm}` : `Topic ${node.topic}`);

// A ghost can be looked at, not changed: it is not in the document.
const ghost = { draggable: false, selectable: false, connectable: false, deletable: false } as const;

/**
 * The canvas's elements with a revision's changes laid over them: added and changed ones marked (by
 * class and in their accessible name, not by colour alone), and the removed ones of the revision
 * added as ghosts at their old places. Elements without a change keep their view objects, so React
 * Flow skips them; `cache` gives the removed ones the look of their kind.
 */
export function withRevisionDiff(
  elements: { nodes: FlowNodeView[]; edges: FlowEdgeView[] },
  marks: DiffMarks,
  since: string,
  cache: FlowElementCache,
): { nodes: FlowNodeView[]; edges: FlowEdgeView[] } {
  const words = (change: string) => `, ${change} since ${since}`;
  const nodes = elements.nodes.map((view) => {
    const change = marks.nodes.get(view.id);
    return change ? { ...view, className: diffClass(change), ariaLabel: `${view.ariaLabel ?? view.id}${words(change)}` } : view;
  });
  const edges = elements.edges.map((view) => {
    const change = marks.edges.get(view.id);
    return change ? { ...view, className: diffClass(change), ariaLabel: `${view.ariaLabel ?? view.id}${words(change)}` } : view;
  });
  for (const node of marks.removedNodes) {
    nodes.push({ ...cache.node(node, false), ...ghost, type: 'removed', className: diffClass('removed'), ariaLabel: `${removedNodeLabel(node)}${words('removed')}` });
  }
  for (const edge of marks.removedEdges) {
    const view = cache.edge(edge, false);
    edges.push({ ...view, ...ghost, focusable: false, className: diffClass('removed'), ariaLabel: `${view.ariaLabel ?? edge.id}${words('removed')}` });
  }
  return { nodes, edges };
}
