import { z } from 'zod';
import { limits } from './limits.ts';
import { Id, Name } from './names.ts';

/**
 * A named group of nodes on the canvas, shown as a frame around its nodes or collapsed into one node.
 * UI data only, like positions: compile, validate and plan never read it. A collapsed group sits at
 * the top-left corner of its nodes, so its place is kept by theirs.
 */
export const FlowGroup = z.strictObject({
  /** Unique among the graph's groups and nodes, so the canvas can show a collapsed group as a node. */
  id: Id,
  name: Name,
  /** The grouped nodes; a node belongs to at most one group. */
  nodeIds: z.array(Id).min(1).max(limits.nodes),
  /** Shown as one node (with the counts of edges going in and out) rather than as its nodes. */
  collapsed: z.boolean(),
});
export type FlowGroup = z.infer<typeof FlowGroup>;

/** The groups of a graph: at most `limits.groups`. */
export const FlowGroups = z.array(FlowGroup).max(limits.groups);

/**
 * Reports, as schema issues, groups that do not fit their graph: a group id used twice or by a node,
 * a member that is not a node of the graph, a node in two groups.
 */
export function checkGroups(graph: { nodes: ReadonlyArray<{ id: string }>; groups?: readonly FlowGroup[] | undefined }, context: z.RefinementCtx): void {
  if (!graph.groups || graph.groups.length === 0) return;
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const groupIds = new Set<string>();
  const groupOf = new Map<string, FlowGroup>();
  for (const [at, group] of graph.groups.entries()) {
    if (groupIds.has(group.id)) context.addIssue({ code: 'custom', path: ['groups', at, 'id'], message: `the group id "${group.id}" is used twice` });
    else if (nodeIds.has(group.id)) context.addIssue({ code: 'custom', path: ['groups', at, 'id'], message: `the group id "${group.id}" is a node's id` });
    groupIds.add(group.id);
    for (const [index, nodeId] of group.nodeIds.entries()) {
      const path = ['groups', at, 'nodeIds', index];
      const other = groupOf.get(nodeId);
      if (!nodeIds.has(nodeId)) context.addIssue({ code: 'custom', path, message: `"${nodeId}" is not a node of this flow` });
      else if (other) context.addIssue({ code: 'custom', path, message: `"${nodeId}" is already in the group "${other.name}"` });
      else groupOf.set(nodeId, group);
    }
  }
}

/**
 * Where a collapsed group sits on the canvas: the top-left corner of its nodes' positions, so moving
 * the group is moving its nodes. `undefined` when none of its nodes is in `nodesById`.
 */
export function groupCorner(group: FlowGroup, nodesById: ReadonlyMap<string, { position: { x: number; y: number } }>): { x: number; y: number } | undefined {
  let corner: { x: number; y: number } | undefined;
  for (const id of group.nodeIds) {
    const position = nodesById.get(id)?.position;
    if (!position) continue;
    corner = corner ? { x: Math.min(corner.x, position.x), y: Math.min(corner.y, position.y) } : { x: position.x, y: position.y };
  }
  return corner;
}
