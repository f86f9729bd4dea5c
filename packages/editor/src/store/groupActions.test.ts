import { demoCatalog, demoMember, FlowGraph, pipelineGraph, type FlowGroup } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { createEditorStore } from './createEditorStore.ts';
import { groupFrame, shownGraph } from './groupEdits.ts';

function storeWith(graph: FlowGraph = pipelineGraph(), readOnly = false) {
  return createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly });
}

/** A store whose nodes `t-orders` and `a-classify` are grouped as "Ingest". */
function groupedStore() {
  const store = storeWith();
  store.getState().actions.select({ nodeIds: ['t-orders', 'a-classify'] });
  const result = store.getState().actions.groupSelection('Ingest');
  if (!result.ok) throw new Error(result.reason);
  return { store, id: result.id };
}

describe('grouping nodes in the editor store', () => {
  it('groups the selected nodes under a name, expanded, as one undo step that redo repeats', () => {
    const { store, id } = groupedStore();
    expect(store.getState().graph.groups).toEqual([{ id, name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }]);
    expect(FlowGraph.safeParse(store.getState().graph).success).toBe(true);
    store.getState().actions.undo();
    expect(store.getState().graph.groups ?? []).toEqual([]);
    store.getState().actions.redo();
    expect(store.getState().graph.groups).toHaveLength(1);
  });

  it('refuses a name the schema refuses, and an empty selection, saying why', () => {
    const store = storeWith();
    store.getState().actions.select({ nodeIds: ['t-orders'] });
    expect(store.getState().actions.groupSelection('  ')).toEqual({ ok: false, reason: 'A group needs a name.' });
    expect(store.getState().actions.groupSelection('a\u0000b')).toMatchObject({ ok: false, reason: expect.stringMatching(/control characters/) });
    expect(store.getState().actions.groupSelection('x'.repeat(201))).toEqual({ ok: false, reason: 'A group name may have at most 200 characters.' });
    store.getState().actions.select({});
    expect(store.getState().actions.groupSelection('Empty')).toEqual({ ok: false, reason: 'Select the nodes to group first.' });
    expect(store.getState().graph.groups ?? []).toEqual([]);
    expect(store.getState().past).toEqual([]);
  });

  it('takes nodes out of their old group when grouped again; an emptied group disappears', () => {
    const { store, id } = groupedStore();
    store.getState().actions.select({ nodeIds: ['t-orders', 'a-classify', 't-classified'] });
    const again = store.getState().actions.groupSelection('Ingest and classify');
    expect(again.ok).toBe(true);
    expect(store.getState().graph.groups?.map((g) => g.name)).toEqual(['Ingest and classify']);
    expect(store.getState().graph.groups?.some((g) => g.id === id)).toBe(false);
  });

  it('collapses and expands a group, renames it and ungroups it, each an undo step; diagnostics stay', () => {
    const { store, id } = groupedStore();
    const diagnostics = store.getState().diagnostics;
    const { actions } = store.getState();
    actions.setGroupCollapsed(id, true);
    expect(store.getState().graph.groups?.[0]?.collapsed).toBe(true);
    expect(actions.renameGroup(id, ' Intake ')).toEqual({ ok: true, id });
    expect(store.getState().graph.groups?.[0]?.name).toBe('Intake');
    expect(actions.renameGroup(id, '')).toEqual({ ok: false, reason: 'A group needs a name.' });
    actions.setGroupCollapsed(id, false);
    actions.ungroup(id);
    expect(store.getState().graph.groups).toBeUndefined();
    expect(store.getState().diagnostics).toBe(diagnostics);
    actions.undo();
    actions.undo();
    expect(store.getState().graph.groups?.[0]).toMatchObject({ name: 'Intake', collapsed: true });
    actions.undo();
    actions.undo();
    expect(store.getState().graph.groups?.[0]).toMatchObject({ name: 'Ingest', collapsed: false });
  });

  it('hides a collapsed group’s nodes from the selection', () => {
    const { store, id } = groupedStore();
    store.getState().actions.select({ nodeIds: ['t-orders', 't-alerts'] });
    store.getState().actions.setGroupCollapsed(id, true);
    expect([...store.getState().selection.nodeIds]).toEqual(['t-alerts']);
  });

  it('moves the nodes of a collapsed group when the group is moved, keeping their layout', () => {
    const { store, id } = groupedStore();
    store.getState().actions.setGroupCollapsed(id, true);
    // The group sits at its nodes' top-left corner: orders (0, 100) and classify (340, 100).
    store.getState().actions.moveNodes([{ id, position: { x: 50, y: 400 } }], { dragging: true });
    store.getState().actions.moveNodes([{ id, position: { x: 100, y: 500 } }]);
    const at = (nodeId: string) => store.getState().nodesById.get(nodeId)?.position;
    expect([at('t-orders'), at('a-classify')]).toEqual([{ x: 100, y: 500 }, { x: 440, y: 500 }]);
    store.getState().actions.undo();
    expect([at('t-orders'), at('a-classify')]).toEqual([{ x: 0, y: 100 }, { x: 340, y: 100 }]);
  });

  it('takes a deleted node out of its group; a group left empty disappears', () => {
    const { store } = groupedStore();
    store.getState().actions.deleteElements(['t-orders'], []);
    expect(store.getState().graph.groups?.[0]?.nodeIds).toEqual(['a-classify']);
    store.getState().actions.deleteElements(['a-classify'], []);
    expect(store.getState().graph.groups).toBeUndefined();
    expect(FlowGraph.safeParse(store.getState().graph).success).toBe(true);
  });

  it('changes nothing when read-only', () => {
    const graph = { ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders'], collapsed: false }] };
    const store = storeWith(graph, true);
    const { actions } = store.getState();
    actions.select({ nodeIds: ['a-classify'] });
    expect(actions.groupSelection('New').ok).toBe(false);
    actions.setGroupCollapsed('g1', true);
    actions.renameGroup('g1', 'Other');
    actions.ungroup('g1');
    expect(store.getState().graph).toBe(graph);
  });

  it('keeps a viewer’s collapse and expand, and the groups a problem reveals, as view state', () => {
    const graph = { ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }] };
    const store = storeWith(graph, true);
    const { actions } = store.getState();
    actions.select({ nodeIds: ['a-classify'] });
    actions.setGroupCollapsed('g1', true);
    expect(shownGraph(store.getState()).groups?.[0]?.collapsed).toBe(true);
    expect(store.getState().selection.nodeIds.size).toBe(0);
    actions.revealNodes(['a-classify']);
    expect(shownGraph(store.getState()).groups?.[0]?.collapsed).toBe(false);
    // Shown as saved again: nothing of the viewer's own is left.
    expect(store.getState().viewCollapsed.size).toBe(0);
    expect(store.getState().graph).toBe(graph);
    expect(store.getState().past).toEqual([]);
  });

  it('moves the nodes of an expanded group when its frame is moved, as one step', () => {
    const { store, id } = groupedStore();
    const frame = groupFrame(store.getState().graph.groups?.[0] as FlowGroup, store.getState().nodesById);
    if (!frame) throw new Error('no frame');
    store.getState().actions.moveNodes([{ id, position: { x: frame.x + 30, y: frame.y + 50 } }]);
    expect(store.getState().nodesById.get('t-orders')?.position).toEqual({ x: 30, y: 150 });
    expect(store.getState().nodesById.get('a-classify')?.position).toEqual({ x: 370, y: 150 });
    expect(store.getState().nodesById.get('t-classified')?.position).toEqual({ x: 680, y: 100 });
  });
});
