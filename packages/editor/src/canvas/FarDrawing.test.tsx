import { demoCatalog, demoMember, pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore, type EditorStore } from '../store/index.ts';
import { largeFlow } from '../testing/largeFlow.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';
import { lowDetailMinNodes } from './detailLevel.ts';
import { nodeSize } from './nodeGeometry.ts';

afterEach(() => cleanup());

/**
 * Mounts the editor with `graph` and shows all of it: a small flow as the other tests do, a large
 * one by pressing "fit view" (which, far out, puts no node elements on the canvas to wait for).
 */
async function mount(graph: FlowGraph = largeFlow()) {
  const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
  await render(
    <div style={{ width: 1200, height: 760 }}>
      <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly={false} theme="light" />
    </div>,
  );
  if (graph.nodes.length <= lowDetailMinNodes) {
    await showWholeFlow(document, graph.nodes.length);
  } else {
    await expect.poll(() => document.querySelector('.react-flow__controls-fitview')).not.toBeNull();
    document.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
    await expect.poll(zoom).toBeLessThan(0.2);
  }
  return store;
}

function nodeElement(id: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
  if (!element) throw new Error(`node ${id} is not on the canvas`);
  return element;
}

/** React Flow's viewport transform: pan in pixels and zoom. */
function viewport(): { x: number; y: number; zoom: number } {
  const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  const match = /translate\(([-\d.e+]+)px, ([-\d.e+]+)px\) scale\(([\d.e+-]+)\)/.exec(transform);
  return { x: Number(match?.[1]), y: Number(match?.[2]), zoom: Number(match?.[3]) };
}

/** The canvas's zoom. */
const zoom = () => viewport().zoom;

/** Where the centre of node `id` (of `store`) is on the page, in CSS pixels. */
function nodeCentre(store: EditorStore, id: string): { x: number; y: number } {
  const node = store.getState().nodesById.get(id);
  if (!node) throw new Error(`no node ${id}`);
  const size = nodeSize[node.kind];
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const { x, y, zoom: k } = viewport();
  return { x: (pane?.x ?? 0) + x + (node.position.x + size.width / 2) * k, y: (pane?.y ?? 0) + y + (node.position.y + size.height / 2) * k };
}

/** Presses the zoom button (`in` or `out`), as a person would, until the zoom passes `target`. */
async function zoomPast(direction: 'in' | 'out', target: number) {
  const button = document.querySelector<HTMLElement>(`.react-flow__controls-zoom${direction}`);
  if (!button) throw new Error(`the canvas has no zoom-${direction} button`);
  const past = () => (direction === 'in' ? zoom() > target : zoom() < target);
  for (let press = 0; press < 30 && !past(); press++) {
    const before = zoom();
    button.click();
    await expect.poll(zoom).not.toBe(before);
  }
  expect(past()).toBe(true);
}

/** The text of a node element, by id. */
const nodeText = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"]`)?.textContent ?? '';

/** The colour the low-detail drawing has at the centre of node `id`, as [red, green, blue, alpha]. */
function farDrawingColourAt(store: EditorStore, id: string): number[] {
  return farDrawingColourAtPoint(nodeCentre(store, id));
}

/** The colour the low-detail drawing has at `centre` on the page, as [red, green, blue, alpha]. */
function farDrawingColourAtPoint(centre: { x: number; y: number }): number[] {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas.efs-far-drawing');
  if (!canvas) throw new Error('there is no low-detail drawing');
  const box = canvas.getBoundingClientRect();
  const x = Math.round((centre.x - box.x) * (canvas.width / box.width));
  const y = Math.round((centre.y - box.y) * (canvas.height / box.height));
  return [...(canvas.getContext('2d')?.getImageData(x, y, 1, 1).data ?? [])];
}

/** Whether the canvas shows nodes in low detail: no node text, no handles, no edge elements, a far drawing. */
function inLowDetail(): boolean {
  return (
    document.querySelector('.react-flow__nodes')?.textContent === '' &&
    document.querySelectorAll('.react-flow__handle, .react-flow__edge').length === 0 &&
    document.querySelector('canvas.efs-far-drawing') !== null
  );
}

/** Whether `colour` ([r, g, b, a] from the canvas) is the CSS hex colour `hex`, drawn nearly opaque. */
function isColour(colour: number[], hex: string): boolean {
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return expected.every((channel, i) => Math.abs((colour[i] ?? -1) - channel) <= 12) && (colour[3] ?? 0) >= 200;
}


describe('the canvas far away (low detail)', () => {
  it('draws nodes as shapes in their kind colour without text or handles below the readable zoom, and full nodes above it', async () => {
    const store = await mount();
    await expect.poll(inLowDetail).toBe(true);
    // The theme's light colours (tokens.css): algorithm accent, topic accent, dead-letter magenta.
    expect(isColour(farDrawingColourAt(store, 'a-enrich'), '#6b3fd4')).toBe(true);
    expect(isColour(farDrawingColourAt(store, 't-orders'), '#0f7b6c')).toBe(true);
    expect(isColour(farDrawingColourAt(store, 't-dlq'), '#b0247a')).toBe(true);

    await zoomPast('in', 0.5);
    await expect.poll(() => nodeText('a-enrich')).toContain('enrich');
    expect(nodeElement('a-enrich').querySelectorAll('.react-flow__handle')).toHaveLength(3);
    expect(document.querySelectorAll('.react-flow__edge').length).toBeGreaterThan(0);
    expect(document.querySelector('canvas.efs-far-drawing')).toBeNull();

    await zoomPast('out', 0.4);
    await expect.poll(inLowDetail).toBe(true);
    expect(isColour(farDrawingColourAt(store, 'a-enrich'), '#6b3fd4')).toBe(true);

    await zoomPast('in', 0.5);
    await expect.poll(() => nodeText('a-enrich')).toContain('enrich');
    // The edges come back with the nodes, measured with their handles again.
    expect(document.querySelectorAll('.react-flow__edge').length).toBeGreaterThan(0);
  });

  it('follows the view as the pane is dragged: the shapes are where their nodes are on screen, not where they were', async () => {
    const store = await mount();
    await expect.poll(inLowDetail).toBe(true);
    const pane = document.querySelector<HTMLElement>('.react-flow__pane');
    if (!pane) throw new Error('the canvas pane is missing');
    const box = pane.getBoundingClientRect();
    const before = viewport();
    const wasAt = nodeCentre(store, 'a-enrich');
    // A pointer drag of the empty pane in small steps, 60 px right and 40 px down.
    const start = { x: box.x + 10, y: box.y + box.height - 10 };
    const mouse = (type: string, step: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, { bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: start.x + step * 6, clientY: start.y + step * 4 }),
      );
    mouse('mousedown', 0, pane);
    for (let step = 1; step <= 10; step++) mouse('mousemove', step, window);
    mouse('mouseup', 10, window);
    await expect.poll(() => viewport().x).toBeCloseTo(before.x + 60, 0);
    expect(viewport().y).toBeCloseTo(before.y + 40, 0);
    await expect.poll(() => isColour(farDrawingColourAt(store, 'a-enrich'), '#6b3fd4')).toBe(true);
    // Where the node was drawn before the pan there is now no algorithm's shape (the pipeline's topics lie left of it).
    expect(isColour(farDrawingColourAtPoint(wasAt), '#6b3fd4') && isColour(farDrawingColourAtPoint({ x: wasAt.x - 60, y: wasAt.y - 40 }), '#6b3fd4')).toBe(false);
  });

  it('draws a small flow in full at every zoom', async () => {
    await mount(pipelineGraph());
    await zoomPast('out', 0.2);
    expect(nodeText('a-enrich')).toContain('enrich');
    expect(document.querySelector('canvas.efs-far-drawing')).toBeNull();
  });

  it('selects a node with a click and moves it with a drag in low detail', async () => {
    const store = await mount();
    await expect.poll(inLowDetail).toBe(true);

    const pane = document.querySelector<HTMLElement>('.react-flow__pane');
    if (!pane) throw new Error('the canvas pane is missing');
    const box = pane.getBoundingClientRect();
    const centre = nodeCentre(store, 'a-enrich');
    await page.elementLocator(pane).click({ position: { x: centre.x - box.x, y: centre.y - box.y } });
    expect([...store.getState().selection.nodeIds]).toEqual(['a-enrich']);

    // A pointer drag in small steps from the node's centre, downwards.
    const mouse = (type: string, dy: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, { bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: centre.x, clientY: centre.y + dy }),
      );
    mouse('mousedown', 0, nodeElement('a-enrich'));
    for (let step = 1; step <= 5; step++) mouse('mousemove', step * 10, window);
    mouse('mouseup', 50, window);
    const moved = store.getState().nodesById.get('a-enrich')?.position;
    expect(moved?.y).toBeGreaterThan(100 + 40 / zoom());
    // The drawing follows: the node's shape is where it went.
    await expect.poll(() => isColour(farDrawingColourAt(store, 'a-enrich'), '#6b3fd4')).toBe(true);
  });
});
