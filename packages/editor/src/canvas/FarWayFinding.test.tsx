import { demoCatalog, demoMember, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore, type EditorStore } from '../store/index.ts';
import { largeFlow } from '../testing/largeFlow.ts';
import { nodeSize } from './nodeGeometry.ts';

/*
 * Finding one's way far out: what low detail (FarDrawing) keeps of full detail — box selection,
 * keyboard focus, focus mode's dimming and group frames.
 */

afterEach(() => cleanup());

/** Mounts the editor with `graph` and presses "fit view", which shows the large flow in low detail. */
async function mount(graph: FlowGraph) {
  const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
  await render(
    <div style={{ width: 1200, height: 760 }}>
      <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly={false} theme="light" />
    </div>,
  );
  await expect.poll(() => document.querySelector('.react-flow__controls-fitview')).not.toBeNull();
  document.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
  await expect.poll(() => document.querySelector('canvas.efs-far-drawing')).not.toBeNull();
  return store;
}

/** React Flow's viewport transform: pan in pixels and zoom. */
function viewport(): { x: number; y: number; zoom: number } {
  const transform = document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  const match = /translate\(([-\d.e+]+)px, ([-\d.e+]+)px\) scale\(([\d.e+-]+)\)/.exec(transform);
  return { x: Number(match?.[1]), y: Number(match?.[2]), zoom: Number(match?.[3]) };
}

/** Where the flow point `at` is on the page, in CSS pixels. */
function onPage(at: { x: number; y: number }): { x: number; y: number } {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  const { x, y, zoom } = viewport();
  return { x: (pane?.x ?? 0) + x + at.x * zoom, y: (pane?.y ?? 0) + y + at.y * zoom };
}

/** The centre of node `id` of `store`, in flow units. */
function centreOf(store: EditorStore, id: string): { x: number; y: number } {
  const node = store.getState().nodesById.get(id);
  if (!node) throw new Error(`no node ${id}`);
  const size = nodeSize[node.kind];
  return { x: node.position.x + size.width / 2, y: node.position.y + size.height / 2 };
}

/** The low-detail drawing's colour at the flow point `at`, as [red, green, blue, alpha]. */
function farColourAt(at: { x: number; y: number }): number[] {
  const canvas = document.querySelector<HTMLCanvasElement>('canvas.efs-far-drawing');
  if (!canvas) throw new Error('there is no low-detail drawing');
  const box = canvas.getBoundingClientRect();
  const point = onPage(at);
  const x = Math.round((point.x - box.x) * (canvas.width / box.width));
  const y = Math.round((point.y - box.y) * (canvas.height / box.height));
  return [...(canvas.getContext('2d')?.getImageData(x, y, 1, 1).data ?? [])];
}

/** Whether `colour` ([r, g, b, a] from the canvas) is the CSS hex colour `hex`, drawn nearly opaque. */
function isColour(colour: number[], hex: string): boolean {
  const expected = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return expected.every((channel, i) => Math.abs((colour[i] ?? -1) - channel) <= 12) && (colour[3] ?? 0) >= 200;
}

describe('finding one’s way far out (low detail)', () => {
  it('selects the nodes inside a box drawn with Shift and a drag', async () => {
    const store = await mount(largeFlow());
    const pane = document.querySelector<HTMLElement>('.react-flow__pane');
    if (!pane) throw new Error('no pane');
    // A box around the pipeline (y 100 to 364), clear of the blocks of topics above and below it.
    const box = pane.getBoundingClientRect();
    const from = onPage({ x: -40, y: 60 });
    const to = onPage({ x: 2300, y: 420 });
    // A real pointer, as a person drags: Shift held, pressed at one corner, let go at the other.
    await userEvent.keyboard('{Shift>}');
    await userEvent.dragAndDrop(page.elementLocator(pane), page.elementLocator(pane), {
      sourcePosition: { x: from.x - box.x, y: from.y - box.y },
      targetPosition: { x: to.x - box.x, y: to.y - box.y },
    });
    await userEvent.keyboard('{/Shift}');
    await expect
      .poll(() => [...store.getState().selection.nodeIds].sort())
      .toEqual(['a-alert', 'a-classify', 'a-enrich', 't-alerts', 't-classified', 't-dlq', 't-enriched', 't-orders']);
  });

  it('keeps the node that has keyboard focus on the canvas, focused, when the view zooms out', async () => {
    const store = await mount(largeFlow());
    // Zoom in on the pipeline (the wheel does not take focus, the zoom buttons would), focus a node, zoom out again.
    const pane = document.querySelector<HTMLElement>('.react-flow__pane') as HTMLElement;
    const centre = onPage(centreOf(store, 'a-enrich'));
    const wheel = (deltaY: number) => pane.dispatchEvent(new WheelEvent('wheel', { bubbles: true, cancelable: true, deltaY, clientX: centre.x, clientY: centre.y }));
    for (let i = 0; i < 40 && viewport().zoom < 0.6; i++) {
      wheel(-200);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await expect.poll(() => document.querySelector('canvas.efs-far-drawing')).toBeNull();
    const element = () => document.querySelector<HTMLElement>('.react-flow__node[data-id="a-enrich"]');
    await expect.poll(element).not.toBeNull();
    element()?.focus();
    expect(store.getState().selection.nodeIds.size).toBe(0);
    for (let i = 0; i < 40 && viewport().zoom > 0.2; i++) {
      wheel(200);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await expect.poll(() => document.querySelector('canvas.efs-far-drawing')).not.toBeNull();
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.dataset.id).toBe('a-enrich');
    expect(element()?.getBoundingClientRect().width).toBeGreaterThan(0);
  });

  it('dims what focus mode leaves out', async () => {
    const store = await mount(largeFlow());
    store.getState().actions.select({ nodeIds: ['a-enrich'] });
    await page.getByRole('button', { name: 'Focus', exact: true }).click();
    await expect.element(page.getByRole('button', { name: 'Exit focus' })).toBeVisible();
    document.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
    await expect.poll(() => document.querySelector('canvas.efs-far-drawing')).not.toBeNull();
    // The theme's light colours (editor.css): algorithm accent, topic accent.
    await expect.poll(() => isColour(farColourAt(centreOf(store, 't-far-0')), '#0f7b6c')).toBe(false);
    expect(isColour(farColourAt(centreOf(store, 't-far-1')), '#0f7b6c')).toBe(false);
    expect(isColour(farColourAt(centreOf(store, 'a-enrich')), '#6b3fd4')).toBe(true);
    expect(isColour(farColourAt(centreOf(store, 't-enriched')), '#0f7b6c')).toBe(true);
  });

  it('draws an expanded group’s frame, and a collapsed group as one box without its nodes', async () => {
    const store = await mount(
      largeFlow([
        { id: 'g1', name: 'Classify', nodeIds: ['a-classify', 't-dlq'], collapsed: false },
        { id: 'g2', name: 'Alerting', nodeIds: ['a-alert', 't-alerts'], collapsed: true },
      ]),
    );
    // Inside g1's frame, where no node or edge is drawn.
    await expect.poll(() => farColourAt({ x: 400, y: 320 })[3]).toBeGreaterThan(0);
    // g2 is one box at its nodes' top-left corner (1700, 100), 280 wide: t-alerts' centre (2140, 132) is left empty.
    expect(farColourAt(centreOf(store, 't-alerts'))[3]).toBe(0);
    expect(farColourAt({ x: 1840, y: 148 })[3]).toBeGreaterThan(200);
    // A click on the box selects none of the nodes hidden under it.
    const pane = document.querySelector<HTMLElement>('.react-flow__pane') as HTMLElement;
    const paneBox = pane.getBoundingClientRect();
    const boxCentre = onPage({ x: 1840, y: 148 });
    await page.elementLocator(pane).click({ position: { x: boxCentre.x - paneBox.x, y: boxCentre.y - paneBox.y } });
    expect(store.getState().selection.nodeIds.size).toBe(0);
  });

  it('rings the open search’s hits, the current one more widely', async () => {
    const store = await mount(largeFlow());
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await userEvent.type(page.getByRole('searchbox', { name: 'Find an algorithm, topic or connection' }), 'alerts');
    // The jump to the hit zooms in on it; fit view shows the flow far out again, search still open.
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['t-alerts']);
    document.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
    await expect.poll(() => document.querySelector('canvas.efs-far-drawing')).not.toBeNull();
    const alerts = store.getState().nodesById.get('t-alerts');
    if (!alerts) throw new Error('no t-alerts');
    // 7 px right of its shape, in the ring (find.css's light hit colour); nothing else is drawn there.
    const beside = { x: alerts.position.x + nodeSize.topic.width + 7 / viewport().zoom, y: alerts.position.y + nodeSize.topic.height / 2 };
    await expect.poll(() => isColour(farColourAt(beside), '#e0a100')).toBe(true);
  });
});
