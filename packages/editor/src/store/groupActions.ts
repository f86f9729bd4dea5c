import { limits, type FlowGraph } from '@event-flows/model';
import type { EditorState, GroupActions } from './editorState.ts';
import { checkGroupName, collapsedMembers, groupNodes, ungroup, updateGroup } from './groupEdits.ts';

/** What the group actions need of their store: its state, and a way to record a change that leaves diagnostics as they are. */
export interface GroupActionsDeps {
  get: () => EditorState;
  /** Records `next` as one undo step without validating it again: groups never change what a flow does. */
  recordLayout: (next: FlowGraph, extra?: Partial<EditorState>) => void;
}

/** The store actions that group nodes, collapse, expand, rename and ungroup groups. */
export function createGroupActions({ get, recordLayout }: GroupActionsDeps): GroupActions {
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
      if (state.readOnly) return;
      const next = updateGroup(state.graph, id, { collapsed });
      // A collapsed group's nodes are not on the canvas: they leave the selection.
      const hidden = collapsedMembers(next);
      const nodeIds = [...state.selection.nodeIds].filter((n) => !hidden.has(n));
      const selection = nodeIds.length === state.selection.nodeIds.size ? state.selection : { nodeIds: new Set(nodeIds), edgeIds: state.selection.edgeIds };
      recordLayout(next, { selection });
    },

    ungroup(id) {
      const state = get();
      if (state.readOnly) return;
      recordLayout(ungroup(state.graph, id));
    },

    revealNodes(nodeIds) {
      const state = get();
      if (state.readOnly) return;
      const hidden = collapsedMembers(state.graph);
      let next = state.graph;
      for (const id of nodeIds) {
        const group = hidden.get(id);
        if (group) next = updateGroup(next, group.id, { collapsed: false });
      }
      recordLayout(next);
    },
  };
}
