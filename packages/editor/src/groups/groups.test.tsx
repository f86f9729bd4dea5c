import { demoCatalog, demoMember, FlowGraph, pipelineGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { boundsOf, createEditorStore } from '../store/index.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';
import { miniMapScale, visibleFlowRect } from '../canvas/miniMapLayout.ts';
import { nodeSize } from '../canvas/nodeGeometry.ts';

afterEach(() => cleanup());

async function mount(graph: FlowGraph, readOnly = false) {
  const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly });
  const screen = await render(
    <div style={{ width: 1200, height: 760 }}>
      <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly={readOnly} />
    </div>,
  );
  // The canvas mounts once it has measured itself.
  await expect.poll(() => document.querySelector('.react-flow__controls-fitview')).not.toBeNull();
  await showWholeFlow(document, graph.nodes.length - (graph.groups ?? []).filter((g) => g.collapsed).reduce((n, g) => n + g.nodeIds.length - 1, 0));
  return Object.assign(store, { unmount: () => screen.unmount() });
}

const onCanvas = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`) !== null;
const node = (id: string) => page.elementLocator(document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement);
const edgeLabels = () => [...document.querySelectorAll('.react-flow__edge')].map((e) => e.getAttribute('aria-label'));

/** What the server stores and gives back on the next load: the graph as JSON, read by the model's schema. */
const savedAndLoaded = (graph: FlowGraph): FlowGraph => FlowGraph.parse(JSON.parse(JSON.stringify(graph)));

describe('groups on the canvas', () => {
  it('groups the selected nodes under a name, collapses the group into one node with its edge counts and expands it again', async () => {
    const store = await mount(pipelineGraph());
    await userEvent.click(node('a-classify'));
    await userEvent.click(node('a-enrich'), { modifiers: ['Control'] });
    await userEvent.click(page.getByRole('button', { name: 'Group…' }));
    await userEvent.fill(page.getByLabelText('Group name'), 'Classify and enrich');
    await userEvent.click(page.getByRole('button', { name: 'Group', exact: true }));
    const [group] = store.getState().graph.groups ?? [];
    expect(group).toMatchObject({ name: 'Classify and enrich', nodeIds: ['a-classify', 'a-enrich'], collapsed: false });
    const id = group?.id as string;
    await expect.element(node(id)).toHaveTextContent('Classify and enrich');

    await userEvent.click(page.getByRole('button', { name: 'Collapse group Classify and enrich' }));
    await expect.poll(() => onCanvas('a-classify') || onCanvas('a-enrich')).toBe(false);
    await expect.element(node(id)).toHaveTextContent('Group · 2 nodes');
    // In: orders and classified feed it; out: classified, enriched, and two DLQ edges drawn as one.
    await expect.element(node(id)).toHaveTextContent('2 edges in · 4 out');
    expect(edgeLabels()).toContain('Dead-letter 2 edges to a collapsed group');
    await expect.poll(() => [...document.querySelectorAll('.react-flow__edge-text')].map((t) => t.textContent)).toContain('2 edges');

    await userEvent.click(page.getByRole('button', { name: 'Expand group Classify and enrich' }));
    await expect.poll(() => onCanvas('a-classify') && onCanvas('a-enrich')).toBe(true);
    expect(edgeLabels().filter((label) => label?.includes('collapsed group'))).toEqual([]);
    // Grouping, collapsing and expanding are three undo steps.
    store.getState().actions.undo();
    store.getState().actions.undo();
    store.getState().actions.undo();
    expect(store.getState().graph).toEqual(pipelineGraph());
  });

  it('keeps a collapsed group through save and reload', async () => {
    const first = await mount(pipelineGraph());
    first.getState().actions.select({ nodeIds: ['t-orders', 'a-classify'] });
    const grouped = first.getState().actions.groupSelection('Ingest');
    if (!grouped.ok) throw new Error(grouped.reason);
    first.getState().actions.setGroupCollapsed(grouped.id, true);
    await expect.poll(() => onCanvas('t-orders')).toBe(false);
    const saved = savedAndLoaded(first.getState().graph);
    await first.unmount();

    const reloaded = await mount(saved);
    await expect.element(node(grouped.id)).toHaveTextContent('Ingest');
    expect(onCanvas('t-orders') || onCanvas('a-classify')).toBe(false);
    await userEvent.click(page.getByRole('button', { name: 'Expand group Ingest' }));
    await expect.poll(() => onCanvas('t-orders') && onCanvas('a-classify')).toBe(true);
    expect(reloaded.getState().graph.groups).toEqual([{ id: grouped.id, name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }]);
  });

  it('renames and ungroups a group from its header, and refuses a name with control characters', async () => {
    const store = await mount({ ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }] });
    await userEvent.click(page.getByRole('button', { name: 'Rename group Ingest' }));
    await userEvent.fill(page.getByLabelText('Group name'), 'In\u0007take');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('alert')).toHaveTextContent(/control characters/);
    await userEvent.fill(page.getByLabelText('Group name'), 'Intake');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().graph.groups?.[0]?.name).toBe('Intake');
    await userEvent.click(page.getByRole('button', { name: 'Ungroup Intake' }));
    expect(store.getState().graph.groups).toBeUndefined();
    await expect.poll(() => onCanvas('g1')).toBe(false);
  });

  it('expands a collapsed group to show a problem of one of its nodes', async () => {
    const graph = pipelineGraph();
    const nodes = graph.nodes.map((n) => (n.id === 'a-classify' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n));
    const store = await mount({ ...graph, nodes, groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: true }] });
    expect(onCanvas('a-classify')).toBe(false);
    await userEvent.click(page.getByRole('button', { name: /9\.9\.9/ }).first());
    await expect.poll(() => onCanvas('a-classify')).toBe(true);
    expect(store.getState().graph.groups?.[0]?.collapsed).toBe(false);
    expect([...store.getState().selection.nodeIds]).toEqual(['a-classify']);
  });
});

/** React Flow's viewport transform: pan in pixels and zoom. */
function viewport(): [number, number, number] {
  const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  const match = /translate\(([-\d.e+]+)px, ([-\d.e+]+)px\) scale\(([\d.e+-]+)\)/.exec(transform);
  return [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])];
}

/** The mini map's colour at the flow point `at`, as [red, green, blue, alpha]; `nodes` frame it, as they frame the mini map. */
function miniMapColourAt(nodes: FlowGraph['nodes'], at: { x: number; y: number }): number[] {
  const canvas = document.querySelector<HTMLCanvasElement>('.efs-minimap canvas');
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!canvas || !pane) throw new Error('there is no mini map');
  const box = canvas.getBoundingClientRect();
  const scale = miniMapScale(boundsOf(nodes), visibleFlowRect(viewport(), pane.width, pane.height), box.width, box.height);
  const ratio = canvas.width / box.width;
  const x = Math.round(((at.x - scale.originX) / scale.unitsPerPixel) * ratio);
  const y = Math.round(((at.y - scale.originY) / scale.unitsPerPixel) * ratio);
  return [...(canvas.getContext('2d')?.getImageData(x, y, 1, 1).data ?? [])];
}

/** Whether `colour` ([r, g, b, a] from a canvas) is the CSS hex colour `hex`, drawn nearly opaque. */
function isColour(colour: number[], hex: string): boolean {
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return expected.every((channel, i) => Math.abs((colour[i] ?? -1) - channel) <= 12) && (colour[3] ?? 0) >= 200;
}

/** A pointer drag of `element` by `dy` pixels downwards, in small steps, as React Flow's node drag reads it. */
function dragDown(element: HTMLElement, dy: number) {
  const box = element.getBoundingClientRect();
  const x = box.x + 20;
  const y = box.y + box.height / 2;
  const mouse = (type: string, by: number, target: EventTarget) =>
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: x, clientY: y + by }));
  mouse('mousedown', 0, element);
  for (let step = 1; step <= 5; step++) mouse('mousemove', (step * dy) / 5, window);
  mouse('mouseup', dy, window);
}

describe('groups in a big flow', () => {
  it('lets a viewer collapse and expand a group as view state: the document and its history stay as they were', async () => {
    const graph: FlowGraph = { ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: true }] };
    const store = await mount(graph, true);
    const saved = store.getState().graph;
    await userEvent.click(page.getByRole('button', { name: 'Expand group Ingest' }));
    await expect.poll(() => onCanvas('t-orders') && onCanvas('a-classify')).toBe(true);
    await userEvent.click(page.getByRole('button', { name: 'Collapse group Ingest' }));
    await expect.poll(() => onCanvas('t-orders') || onCanvas('a-classify')).toBe(false);
    // Not an edit: the graph is the very object that was loaded (what "unsaved changes" compares), with no undo step.
    expect(store.getState().graph).toBe(saved);
    expect(store.getState().past).toHaveLength(0);
    // A viewer has no rename or ungroup.
    expect(document.querySelector('[aria-label="Rename group Ingest"], [aria-label="Ungroup Ingest"]')).toBeNull();
  });

  it('selects what is on the canvas with Ctrl+A, not the nodes hidden in a collapsed group', async () => {
    const graph: FlowGraph = { ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: true }] };
    const store = await mount(graph);
    await userEvent.click(node('a-enrich'));
    await userEvent.keyboard('{Control>}a{/Control}');
    const { nodeIds, edgeIds } = store.getState().selection;
    expect([...nodeIds].sort()).toEqual(['a-alert', 'a-enrich', 't-alerts', 't-classified', 't-dlq', 't-enriched']);
    // The edges drawn as themselves; those of the hidden nodes are drawn as the group's and are not selected.
    expect([...edgeIds].sort()).toEqual(['e4', 'e5', 'e6', 'e7', 'e8']);
  });

  it('draws a collapsed group on the mini map as one box, not its hidden nodes', async () => {
    const graph: FlowGraph = { ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ends', nodeIds: ['t-orders', 'a-alert'], collapsed: true }] };
    await mount(graph);
    const alert = graph.nodes.find((n) => n.id === 'a-alert');
    if (!alert) throw new Error('no a-alert');
    const size = nodeSize.algorithm;
    const alertCentre = { x: alert.position.x + size.width / 2, y: alert.position.y + size.height / 2 };
    // The group's box at its nodes' top-left corner (0, 100), in the accent colour (editor.css, light theme).
    await expect.poll(() => isColour(miniMapColourAt(graph.nodes, { x: 140, y: 148 }), '#2457d6')).toBe(true);
    expect(isColour(miniMapColourAt(graph.nodes, alertCentre), '#6b3fd4')).toBe(false);
  });

  it("moves an expanded group's nodes together by dragging its frame's title, as one undo step", async () => {
    const graph: FlowGraph = { ...pipelineGraph(), groups: [{ id: 'g1', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: false }] };
    const store = await mount(graph);
    const title = document.querySelector<HTMLElement>('.react-flow__node[data-id="g1"] .efs-group__name');
    if (!title) throw new Error('the frame has no title');
    dragDown(title, 60);
    const at = (id: string) => store.getState().nodesById.get(id)?.position;
    const orders = at('t-orders');
    const classify = at('a-classify');
    expect(orders?.y).toBeGreaterThan(110);
    expect(classify?.y).toBeCloseTo(orders?.y ?? NaN, 6);
    expect(orders?.x).toBeCloseTo(0, 6);
    expect(classify?.x).toBeCloseTo(340, 6);
    expect(at('t-classified')).toEqual({ x: 680, y: 100 });
    store.getState().actions.undo();
    expect(store.getState().graph).toEqual(graph);
  });
});
