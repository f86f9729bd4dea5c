import { demoCatalog, demoMember, emptyGraph, handles, pipelineGraph, validateGraph, type FlowGraph, type FlowNode } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { nodeSize } from '../canvas/nodeGeometry.ts';
import { createEditorStore } from './createEditorStore.ts';

/** The ids of the nodes of `nodes` other than `node` whose boxes overlap its box. */
function coveredBy(nodes: readonly FlowNode[], node: FlowNode): string[] {
  const size = nodeSize[node.kind];
  return nodes
    .filter((other) => {
      const o = nodeSize[other.kind];
      return (
        other.id !== node.id &&
        node.position.x < other.position.x + o.width &&
        other.position.x < node.position.x + size.width &&
        node.position.y < other.position.y + o.height &&
        other.position.y < node.position.y + size.height
      );
    })
    .map((other) => other.id);
}

function storeWith(graph: FlowGraph = pipelineGraph(), options: { readOnly?: boolean; historyLimit?: number } = {}) {
  return createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: options.readOnly ?? false, ...options });
}

const classify = { kind: 'algorithm', algorithm: 'acme/classify', version: '1.2.0' } as const;
const orders = { kind: 'topic', connection: 'local', topic: 'orders' } as const;
const alerts = { kind: 'topic', connection: 'local', topic: 'alerts' } as const;

describe('createEditorStore', () => {
  it('derives the diagnostics of its graph with the model', () => {
    const graph = pipelineGraph();
    const store = storeWith(graph);
    expect(store.getState().diagnostics).toEqual(validateGraph(graph, demoCatalog(), demoMember));
    expect(store.getState().diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('takes a new catalog: the diagnostics follow it, and the document and its history stay as they are', () => {
    const withoutGrants = { ...demoCatalog(), grants: [] };
    const store = createEditorStore({ graph: pipelineGraph(), catalog: withoutGrants, actor: demoMember, readOnly: false });
    store.getState().actions.moveNodes([{ id: 'a-classify', position: { x: 1, y: 2 } }]);
    const before = store.getState();
    expect(before.diagnostics.some((d) => d.code === 'access-not-granted')).toBe(true);
    expect(before.marks.nodes.get('a-classify')).toBe('error');

    before.actions.setCatalog(demoCatalog());
    const after = store.getState();
    expect(after.catalog).toEqual(demoCatalog());
    expect(after.diagnostics).toEqual(validateGraph(after.graph, demoCatalog(), demoMember));
    expect(after.diagnostics.some((d) => d.code === 'access-not-granted')).toBe(false);
    expect(after.marks.nodes.get('a-classify')).toBeUndefined();
    expect(after.graph).toBe(before.graph);
    expect(after.past).toBe(before.past);
    // A catalog change is not an edit of the document: undo goes back over the move, not the catalog.
    after.actions.undo();
    expect(store.getState().catalog).toEqual(demoCatalog());
  });

  it('adds a node, selects it, and undoes and redoes the addition', () => {
    const store = storeWith(emptyGraph());
    const id = store.getState().actions.addNode(classify, { x: 10, y: 20 });
    const state = store.getState();
    expect(state.graph.nodes).toEqual([{ id, kind: 'algorithm', position: { x: 10, y: 20 }, algorithm: 'acme/classify', version: '1.2.0' }]);
    expect([...state.selection.nodeIds]).toEqual([id]);
    // An algorithm that neither subscribes nor publishes is valid but not useful; its diagnostics name it.
    expect(state.diagnostics).toEqual(validateGraph(state.graph, demoCatalog(), demoMember));

    state.actions.undo();
    expect(store.getState().graph.nodes).toEqual([]);
    expect(store.getState().selection.nodeIds.size).toBe(0);
    store.getState().actions.redo();
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual([id]);
  });

  it('connects as the edge kind the model decides, including the DLQ handle', () => {
    const store = storeWith(emptyGraph());
    const { actions } = store.getState();
    const topic = actions.addNode(orders, { x: 0, y: 0 }) as string;
    const algorithm = actions.addNode(classify, { x: 300, y: 0 }) as string;
    const dlq = actions.addNode({ kind: 'topic', connection: 'local', topic: 'orders.dlq' }, { x: 300, y: 200 }) as string;

    expect(actions.connect({ source: topic, target: algorithm })).toEqual({ ok: true, kind: 'subscribe' });
    expect(actions.connect({ source: algorithm, target: dlq, sourceHandle: handles.dlq })).toEqual({ ok: true, kind: 'dlq' });
    const edges = store.getState().graph.edges;
    expect(edges.map((e) => [e.kind, e.source, e.target])).toEqual([
      ['subscribe', topic, algorithm],
      ['dlq', algorithm, dlq],
    ]);
    expect(store.getState().dlqTopicIds.has(dlq)).toBe(true);
    expect(store.getState().dlqTopicIds.has(topic)).toBe(false);
  });

  it('refuses a connection the model refuses, records why, and changes nothing', () => {
    const store = storeWith();
    const before = store.getState();
    const check = before.actions.connect({ source: 't-orders', target: 't-alerts' });
    expect(check).toMatchObject({ ok: false, code: 'edge-between-topics' });
    const after = store.getState();
    expect(after.graph).toBe(before.graph);
    expect(after.past).toHaveLength(0);
    expect(after.refusal).toEqual({ code: 'edge-between-topics', reason: 'A topic connects only to an algorithm.' });

    // A duplicate subscription is refused as well, with the model's own reason.
    const duplicate = after.actions.connect({ source: 't-orders', target: 'a-classify' });
    expect(duplicate.ok).toBe(false);
    expect(store.getState().refusal?.code).toBe(duplicate.ok ? undefined : duplicate.code);
  });

  it('records a drag gesture as one undo step and keeps the diagnostics', () => {
    const store = storeWith();
    const { actions, diagnostics } = store.getState();
    actions.moveNodes([{ id: 'a-classify', position: { x: 260, y: 110 } }], { dragging: true });
    actions.moveNodes([{ id: 'a-classify', position: { x: 280, y: 130 } }], { dragging: true });
    actions.moveNodes([{ id: 'a-classify', position: { x: 300, y: 150 } }]);
    const state = store.getState();
    expect(state.nodesById.get('a-classify')?.position).toEqual({ x: 300, y: 150 });
    expect(state.past).toHaveLength(1);
    expect(state.diagnostics).toBe(diagnostics);

    state.actions.undo();
    expect(store.getState().nodesById.get('a-classify')?.position).toEqual({ x: 340, y: 100 });
    expect(store.getState().past).toHaveLength(0);
  });

  it('deletes the selection with the edges of deleted nodes, as one undoable step', () => {
    const store = storeWith();
    const { actions } = store.getState();
    actions.select({ nodeIds: ['a-classify'] });
    actions.deleteSelection();
    const state = store.getState();
    expect(state.nodesById.has('a-classify')).toBe(false);
    expect(state.graph.edges.map((e) => e.id)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8']);
    expect(state.selection.nodeIds.size).toBe(0);

    state.actions.undo();
    expect(store.getState().graph).toEqual(pipelineGraph());
  });

  it('keeps a bounded history and forgets the redo branch on a new change', () => {
    const store = storeWith(emptyGraph(), { historyLimit: 3 });
    const { actions } = store.getState();
    for (let i = 0; i < 5; i++) actions.addNode(alerts, { x: i * 10, y: 0 });
    expect(store.getState().past).toHaveLength(3);
    actions.undo();
    actions.undo();
    actions.undo();
    actions.undo(); // nothing left to undo: the two oldest steps were dropped
    expect(store.getState().graph.nodes).toHaveLength(2);
    expect(store.getState().future).toHaveLength(3);

    actions.addNode(orders, { x: 0, y: 100 });
    expect(store.getState().future).toHaveLength(0);
    actions.redo();
    expect(store.getState().graph.nodes).toHaveLength(3);
  });

  it('keeps the part of the selection a select leaves as it was, so the canvas does not hand React Flow every edge (or node) again', () => {
    const store = storeWith();
    const { actions } = store.getState();
    actions.select({ nodeIds: ['t-orders'], edgeIds: ['e2'] });
    const edgeIds = store.getState().selection.edgeIds;
    actions.select({ nodeIds: ['a-classify'], edgeIds: ['e2'] });
    expect([...store.getState().selection.nodeIds]).toEqual(['a-classify']);
    expect(store.getState().selection.edgeIds).toBe(edgeIds);
    const nodeIds = store.getState().selection.nodeIds;
    actions.select({ nodeIds: ['a-classify'], edgeIds: [] });
    expect(store.getState().selection.edgeIds.size).toBe(0);
    expect(store.getState().selection.nodeIds).toBe(nodeIds);
  });

  it('copies selected nodes with the edges between them and pastes them with fresh ids', () => {
    const store = storeWith();
    const { actions } = store.getState();
    actions.select({ nodeIds: ['t-orders', 'a-classify'], edgeIds: ['e2'] });
    actions.copySelection();
    actions.paste();
    const state = store.getState();
    expect(state.graph.nodes).toHaveLength(10);
    const pasted = state.graph.nodes.slice(8);
    expect(pasted.map((n) => n.kind)).toEqual(['topic', 'algorithm']);
    // Copies sit near their originals and never cover a node.
    for (const copy of pasted) expect(coveredBy(state.graph.nodes.slice(0, 8), copy)).toEqual([]);
    expect(pasted[1]?.position.x).toBe((pasted[0]?.position.x ?? 0) + 340);
    const pastedIds = pasted.map((n) => n.id);
    expect(pastedIds.some((id) => id === 't-orders' || id === 'a-classify')).toBe(false);
    const newEdges = state.graph.edges.slice(8);
    expect(newEdges).toEqual([{ id: expect.any(String), kind: 'subscribe', source: pastedIds[0], target: pastedIds[1] }]);
    expect([...state.selection.nodeIds]).toEqual(pastedIds);

    // Pasting again lands further on, clear of the first copy too, and is undone alone.
    state.actions.paste();
    for (const copy of store.getState().graph.nodes.slice(10)) expect(coveredBy(store.getState().graph.nodes.slice(0, 10), copy)).toEqual([]);
    store.getState().actions.undo();
    expect(store.getState().graph.nodes).toHaveLength(10);
  });

  it('adds palette nodes beside the selection, else at free places in view, never on top of a node', () => {
    const store = storeWith();
    const view = { x: 0, y: 0, width: 1600, height: 700 };
    const { actions } = store.getState();
    const first = actions.addNodeInView(alerts, view);
    const second = store.getState().actions.addNodeInView(alerts, view);
    const added = [first, second].map((id) => store.getState().nodesById.get(id ?? '') as FlowNode);
    for (const node of added) expect(coveredBy(store.getState().graph.nodes, node)).toEqual([]);
    expect(added[0]?.position).not.toEqual(added[1]?.position);

    store.getState().actions.select({ nodeIds: ['a-classify'] });
    const besideId = store.getState().actions.addNodeInView(orders, view);
    const beside = store.getState().nodesById.get(besideId ?? '') as FlowNode;
    expect(coveredBy(store.getState().graph.nodes, beside)).toEqual([]);
    const classify = store.getState().nodesById.get('a-classify') as FlowNode;
    expect(beside.position.x).toBeGreaterThan(classify.position.x + nodeSize.algorithm.width);
    expect(beside.position.y).toBeGreaterThanOrEqual(classify.position.y);
  });

  it('updates node fields and re-validates: a floating version is flagged', () => {
    const store = storeWith();
    store.getState().actions.updateAlgorithm('a-classify', { version: 'latest', concurrency: 4 });
    const state = store.getState();
    expect(state.nodesById.get('a-classify')).toMatchObject({ version: 'latest', concurrency: 4 });
    expect(state.diagnostics.some((d) => d.code === 'floating-version' && d.nodeIds.includes('a-classify'))).toBe(true);
    expect(state.marks.nodes.get('a-classify')).toBeDefined();

    state.actions.updateAlgorithm('a-classify', { concurrency: undefined });
    expect(store.getState().nodesById.get('a-classify')).not.toHaveProperty('concurrency');
    // A topic patch does not apply to an algorithm node.
    store.getState().actions.updateTopic('a-classify', { topic: 'x' });
    expect(store.getState().nodesById.get('a-classify')).not.toHaveProperty('topic');
  });

  it('refuses every document change when read-only, but lets a person select', () => {
    const store = storeWith(pipelineGraph(), { readOnly: true });
    const { actions, graph } = store.getState();
    expect(actions.addNode(orders, { x: 0, y: 0 })).toBeUndefined();
    expect(actions.connect({ source: 't-alerts', target: 'a-classify' }).ok).toBe(false);
    actions.select({ nodeIds: ['a-alert'] });
    actions.deleteSelection();
    actions.moveNodes([{ id: 'a-alert', position: { x: 0, y: 0 } }]);
    actions.updateAlgorithm('a-alert', { version: '1.0.0' });
    expect(store.getState().graph).toBe(graph);
    expect([...store.getState().selection.nodeIds]).toEqual(['a-alert']);
  });
});

describe('DLQ choices', () => {
  it('sets, replaces and removes an algorithm DLQ as one DLQ edge', () => {
    const store = storeWith();
    const { actions } = store.getState();
    actions.addNode({ kind: 'topic', connection: 'local', topic: 'alerts.dlq' }, { x: 0, y: 400 });
    const extra = store.getState().graph.nodes.at(-1)?.id as string;
    expect(actions.setAlgorithmDlq('a-classify', extra)).toEqual({ ok: true, kind: 'dlq' });
    const dlqEdges = () => store.getState().graph.edges.filter((e) => e.kind === 'dlq' && e.source === 'a-classify');
    expect(dlqEdges().map((e) => e.target)).toEqual([extra]);
    actions.setAlgorithmDlq('a-classify', null);
    expect(dlqEdges()).toEqual([]);
    actions.undo();
    expect(dlqEdges().map((e) => e.target)).toEqual([extra]);
  });

  it('refuses a DLQ that is one of the algorithm’s own inputs', () => {
    const store = storeWith();
    const before = store.getState().graph;
    const check = store.getState().actions.setAlgorithmDlq('a-classify', 't-orders');
    expect(check).toMatchObject({ ok: false, code: 'dlq-is-input' });
    expect(store.getState().graph).toBe(before);
    expect(store.getState().refusal?.code).toBe('dlq-is-input');
  });

  it('gives one subscription its own DLQ and takes it back', () => {
    const store = storeWith();
    const { actions } = store.getState();
    actions.setSubscriptionDlq('e7', 't-dlq');
    expect(store.getState().graph.edges.find((e) => e.id === 'e7')).toMatchObject({ dlq: 't-dlq' });
    actions.setSubscriptionDlq('e7', null);
    expect(store.getState().graph.edges.find((e) => e.id === 'e7')).not.toHaveProperty('dlq');
    // Only subscriptions have their own DLQ.
    actions.setSubscriptionDlq('e8', 't-dlq');
    expect(store.getState().graph.edges.find((e) => e.id === 'e8')).not.toHaveProperty('dlq');
  });
});
