import { groupCorner, limits, Name, type FlowGraph, type FlowGroup, type FlowNode } from '@event-flows/model';
import { freshId, type NodeMove } from './graphEdits.ts';
import { boundsOf } from './placement.ts';

/**
 * Pure edits of a graph's groups of nodes (UI data the model's compile ignores). Like the other graph
 * edits, each returns a new graph, or the same one when nothing changes, and never mutates its input.
 */

/** A group name as the schema takes it (trimmed), or the sentence saying why it is refused. */
export function checkGroupName(name: string): { ok: true; name: string } | { ok: false; reason: string } {
  const trimmed = name.trim();
  if (trimmed === '') return { ok: false, reason: 'A group needs a name.' };
  if (trimmed.length > limits.name) return { ok: false, reason: `A group name may have at most ${limits.name} characters.` };
  const parsed = Name.safeParse(trimmed);
  if (!parsed.success) return { ok: false, reason: sentence(parsed.error.issues[0]?.message ?? 'this name is not allowed') };
  return { ok: true, name: parsed.data };
}

function sentence(message: string): string {
  return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

/** The graph with its groups replaced; a graph left without groups has no `groups` field at all. */
function withGroups(graph: FlowGraph, groups: FlowGroup[]): FlowGraph {
  if (groups.length > 0) return { ...graph, groups };
  const { groups: _none, ...rest } = graph;
  return rest;
}

/**
 * The graph with `nodeIds` grouped under `name` as a new, expanded group (returned with its id). The
 * nodes leave any group they were in; a group left empty disappears.
 */
export function groupNodes(graph: FlowGraph, nodeIds: readonly string[], name: string): { graph: FlowGraph; id: string } {
  const members = new Set(nodeIds);
  const taken = new Set([...graph.nodes.map((n) => n.id), ...(graph.groups ?? []).map((g) => g.id)]);
  const id = freshId('g', taken);
  const others = withoutNodes(graph.groups ?? [], members);
  return { graph: withGroups(graph, [...others, { id, name, nodeIds: [...members], collapsed: false }]), id };
}

/** The groups without the nodes `removed`; groups left empty are dropped. */
function withoutNodes(groups: readonly FlowGroup[], removed: ReadonlySet<string>): FlowGroup[] {
  const kept: FlowGroup[] = [];
  for (const group of groups) {
    if (!group.nodeIds.some((id) => removed.has(id))) {
      kept.push(group);
      continue;
    }
    const nodeIds = group.nodeIds.filter((id) => !removed.has(id));
    if (nodeIds.length > 0) kept.push({ ...group, nodeIds });
  }
  return kept;
}

/** The graph with its groups rid of the nodes `removed` (deleted nodes); a group left empty disappears. */
export function withoutGroupMembers(graph: FlowGraph, removed: ReadonlySet<string>): FlowGraph {
  if (!graph.groups || removed.size === 0) return graph;
  const groups = withoutNodes(graph.groups, removed);
  const same = groups.length === graph.groups.length && groups.every((g, i) => g === graph.groups?.[i]);
  return same ? graph : withGroups(graph, groups);
}

/** The graph with the group `id` changed by `change`; the same graph when there is no such group or no change. */
export function updateGroup(graph: FlowGraph, id: string, change: Partial<Pick<FlowGroup, 'name' | 'collapsed'>>): FlowGraph {
  const at = graph.groups?.findIndex((g) => g.id === id) ?? -1;
  const group = graph.groups?.[at];
  if (!graph.groups || !group) return graph;
  const next = { ...group, ...change };
  if (next.name === group.name && next.collapsed === group.collapsed) return graph;
  const groups = graph.groups.slice();
  groups[at] = next;
  return { ...graph, groups };
}

/** The graph without the group `id`; its nodes stay where they are. */
export function ungroup(graph: FlowGraph, id: string): FlowGraph {
  if (!graph.groups?.some((g) => g.id === id)) return graph;
  return withGroups(graph, graph.groups.filter((g) => g.id !== id));
}

/**
 * The graph as the canvas shows it: `graph`, with the groups a read-only viewer collapsed or expanded
 * (`viewCollapsed`, by group id) shown that way. That is view state, never part of the document; an
 * editor's collapse changes the document itself, and its `viewCollapsed` stays empty.
 */
export function shownGraph({ graph, viewCollapsed }: { graph: FlowGraph; viewCollapsed: ReadonlyMap<string, boolean> }): FlowGraph {
  if (viewCollapsed.size === 0 || !graph.groups) return graph;
  const groups = graph.groups.map((g) => {
    const collapsed = viewCollapsed.get(g.id);
    return collapsed === undefined || collapsed === g.collapsed ? g : { ...g, collapsed };
  });
  return { ...graph, groups };
}

/** Room around an expanded group's nodes inside its frame, and above them for its header, in flow units. */
export const groupFrameMargin = { padding: 24, header: 40 } as const;

/** Where an expanded group's frame is drawn: around its nodes, with room above them for its header. */
export function groupFrame(group: FlowGroup, nodesById: ReadonlyMap<string, FlowNode>): { x: number; y: number; width: number; height: number } | undefined {
  const box = boundsOf(group.nodeIds.flatMap((id) => nodesById.get(id) ?? []));
  if (!box) return undefined;
  const { padding, header } = groupFrameMargin;
  return { x: box.x - padding, y: box.y - padding - header, width: box.width + 2 * padding, height: box.height + 2 * padding + header };
}

/** The nodes of the collapsed groups, each with its group: what the canvas hides behind a group node. */
export function collapsedMembers(graph: Pick<FlowGraph, 'groups'>): ReadonlyMap<string, FlowGroup> {
  const members = new Map<string, FlowGroup>();
  for (const group of graph.groups ?? []) {
    if (group.collapsed) for (const id of group.nodeIds) members.set(id, group);
  }
  return members;
}

/**
 * Node moves with each move of a group (by its id) turned into moves of its nodes by the same
 * distance: a collapsed group's node is at its nodes' top-left corner, an expanded group's frame
 * around them (dragged by its title). Its nodes keep their layout, and are there again when expanded.
 */
export function withGroupMoves(graph: FlowGraph, nodesById: ReadonlyMap<string, FlowNode>, moves: readonly NodeMove[]): readonly NodeMove[] {
  if (!graph.groups || graph.groups.length === 0) return moves;
  const groups = new Map(graph.groups.map((g) => [g.id, g]));
  const result: NodeMove[] = [];
  for (const move of moves) {
    const group = groups.get(move.id);
    const corner = group && (group.collapsed ? groupCorner(group, nodesById) : groupFrame(group, nodesById));
    if (!group || !corner) {
      result.push(move);
      continue;
    }
    const dx = move.position.x - corner.x;
    const dy = move.position.y - corner.y;
    for (const id of group.nodeIds) {
      const position = nodesById.get(id)?.position;
      if (position) result.push({ id, position: { x: position.x + dx, y: position.y + dy } });
    }
  }
  return result;
}
