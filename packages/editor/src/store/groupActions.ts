import { limits, type FlowGraph } from '@event-flows/model';
import type { EditorSelection, EditorState, GroupActions } from './editorState.ts';
import { checkGroupName, collapsedMembers, groupNodes, shownGraph, ungroup, updateGroup } from './groupEdits.ts';

/** What the group actions need of their store: its state, and a way to record a change that leaves diagnostics as they are. */
export interface GroupActionsDeps {
  get: () => EditorState;
  /** Changes view state (a viewer's collapsed groups, the selection), which is not recorded. */
  set: (partial: Partial<EditorState>) => void;
  /** Records `next` as one undo step without validating it again: groups never change what a flow does. */
  recordLayout: (next: FlowGraph, extra?: Partial<EditorState>) => void;
}

/** The store actions that group nodes, collapse, expand, rename and ungroup groups. */
export function createGroupActions({ get, set, recordLayout }: GroupActionsDeps): GroupActions {
  /** A read-only viewer's view with the groups `collapsed` (by id) shown so; the document stays as it is. */
  function setViewCollapsed(collapsed: ReadonlyMap<string, boolean>): void {
    const state = get();
    const viewCollapsed = new Map(state.viewCollapsed);
    for (const [id, value] of collapsed) {
      const group = state.graph.groups?.find((g) => g.id === id);
      // Shown as the document has it: nothing of the viewer's own to remember.
      if (!group || group.collapsed === value) viewCollapsed.delete(id);
      else viewCollapsed.set(id, value);
    }
    if (sameEntries(viewCollapsed, state.viewCollapsed)) return;
    set({ viewCollapsed, selection: withoutHidden(shownGraph({ graph: state.graph, viewCollapsed }), state.selection) });
  }

  return {
    groupSelection(name) {
      const state = get();
      if (state.readOnly) return { ok: false, reason: 'This flow is read-only.' };
      const nodeIds = [...state.selection.nodeIds];
      if (nodeIds.length === 0) return { ok: false, reason: 'Select the nodes to group first.' };
      const checked = checkGroupName(name);
      if (!checked.ok) return checked;
      const grouped = groupNodes(state.graph, nodeIds, checked.name);
      if ((grouped.graph.groups?.length ?? 0) > limits.groups) return { ok: false, reason: `A flow may have at most ${limits.groups} groups.` };
      recordLayout(grouped.graph);
      return { ok: true, id: grouped.id };
    },

    renameGroup(id, name) {
      const state = get();
      if (state.readOnly) return { ok: false, reason: 'This flow is read-only.' };
      const checked = checkGroupName(name);
      if (!checked.ok) return checked;
      recordLayout(updateGroup(state.graph, id, { name: checked.name }));
      return { ok: true, id };
    },

    setGroupCollapsed(id, collapsed) {
      const state = get();
      // A viewer may not change the flow, but may still fold it up to read it: view state.
      if (state.readOnly) return setViewCollapsed(new Map([[id, collapsed]]));
      const next = updateGroup(state.graph, id, { collapsed });
      recordLayout(next, { selection: withoutHidden(next, state.selection) });
    },

    ungroup(id) {
      const state = get();
      if (state.readOnly) return;
      recordLayout(ungroup(state.graph, id));
    },

    revealNodes(nodeIds) {
      const state = get();
      const hidden = collapsedMembers(shownGraph(state));
      const groupIds = new Set([...nodeIds].flatMap((id) => hidden.get(id)?.id ?? []));
      if (state.readOnly) return setViewCollapsed(new Map([...groupIds].map((id) => [id, false])));
      let next = state.graph;
      for (const id of groupIds) next = updateGroup(next, id, { collapsed: false });
      recordLayout(next);
    },
  };
}

/** The selection without the nodes `graph` hides in collapsed groups: they are not on the canvas. */
function withoutHidden(graph: FlowGraph, selection: EditorSelection): EditorSelection {
  const hidden = collapsedMembers(graph);
  const nodeIds = [...selection.nodeIds].filter((n) => !hidden.has(n));
  return nodeIds.length === selection.nodeIds.size ? selection : { nodeIds: new Set(nodeIds), edgeIds: selection.edgeIds };
}

function sameEntries(a: ReadonlyMap<string, boolean>, b: ReadonlyMap<string, boolean>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
