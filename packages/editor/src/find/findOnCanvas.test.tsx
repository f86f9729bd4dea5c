import { demoCatalog, demoMember, generateFlow, pipelineGraph, type Catalog, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';
import { showWholeFlow } from '../testing/wholeFlow.ts';

afterEach(() => cleanup());

async function mount(graph: FlowGraph, catalog: Catalog = demoCatalog()) {
  const store = createEditorStore({ graph, catalog, actor: demoMember, readOnly: false });
  await render(
    <div>
      <button type="button">Outside the editor</button>
      <div style={{ width: 1200, height: 720 }}>
        <EventFlowsEditor graph={graph} catalog={catalog} actor={demoMember} store={store} />
      </div>
    </div>,
  );
  return store;
}

function nodeElement(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
}

/** Whether the node's box lies wholly inside the canvas's box on the page. */
function inView(id: string): boolean {
  const node = nodeElement(id)?.getBoundingClientRect();
  const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!node || !canvas) return false;
  return node.left >= canvas.left && node.right <= canvas.right && node.top >= canvas.top && node.bottom <= canvas.bottom;
}

function opacityOf(id: string): number {
  const element = nodeElement(id);
  if (!element) throw new Error(`node ${id} is not on the canvas`);
  return Number(getComputedStyle(element).opacity);
}

const searchBox = () => page.getByRole('searchbox', { name: 'Find an algorithm, topic or connection' });
const searchRegion = () => page.getByRole('search', { name: 'Find on canvas' });

describe('find on the canvas', () => {
  it('opens with Ctrl+F inside the editor, not outside it, and closes with Escape', async () => {
    await mount(pipelineGraph());
    await page.getByRole('button', { name: 'Outside the editor' }).click();
    await userEvent.keyboard('{Control>}f{/Control}');
    expect(searchRegion().query()).toBeNull();

    await page.elementLocator(document.querySelector('.react-flow__pane') as HTMLElement).click();
    await userEvent.keyboard('{Control>}f{/Control}');
    await expect.element(searchBox()).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    await expect.poll(() => searchRegion().query()).toBeNull();
  });

  it('jumps to a node out of view, selects it and counts the hits', async () => {
    const flow = generateFlow(300);
    const store = await mount(flow.graph, flow.catalog);
    expect(inView('a140')).toBe(false);

    await page.elementLocator(document.querySelector('.react-flow__pane') as HTMLElement).click();
    await userEvent.keyboard('{Control>}f{/Control}');
    await userEvent.type(searchBox(), 'algo-140');
    await expect.element(searchRegion().getByRole('status')).toHaveTextContent(/^1 of 1\b/);
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['a140']);
    await expect.poll(() => inView('a140')).toBe(true);

    // "algo-14" also finds algo-140 … algo-149: Enter and Shift+Enter walk through them.
    await userEvent.clear(searchBox());
    await userEvent.type(searchBox(), 'algo-14');
    await expect.element(searchRegion().getByRole('status')).toHaveTextContent(/^1 of 11\b/);
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['a14']);
    await userEvent.keyboard('{Enter}');
    await expect.element(searchRegion().getByRole('status')).toHaveTextContent(/^2 of 11\b/);
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['a140']);
    await expect.poll(() => inView('a140')).toBe(true);
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}');
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['a14']);
    await searchRegion().getByRole('button', { name: 'Previous match' }).click();
    await expect.element(searchRegion().getByRole('status')).toHaveTextContent(/^11 of 11\b/);
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['a149']);
    await expect.poll(() => inView('a149')).toBe(true);
    // Many small steps, each a round trip to the browser: longer than the default on a busy machine.
  }, 40_000);

  it('dims every node beyond the focused node’s neighbours, widens with hops and leaves on Exit', async () => {
    await mount(pipelineGraph());
    await showWholeFlow(document, 8);
    await page.elementLocator(nodeElement('a-enrich') as HTMLElement).click();
    await page.getByRole('button', { name: 'Focus', exact: true }).click();
    // Focus mode brings the neighbourhood into view; show the whole flow to see what is dimmed.
    await expect.element(page.getByRole('button', { name: 'Exit focus' })).toBeVisible();
    await showWholeFlow(document, 8);

    // One hop from enrich: the topics it reads and writes and its DLQ.
    await expect.poll(() => opacityOf('t-orders')).toBeLessThan(0.5);
    for (const id of ['a-classify', 'a-alert', 't-alerts']) expect(opacityOf(id)).toBeLessThan(0.5);
    for (const id of ['a-enrich', 't-classified', 't-enriched', 't-dlq']) expect(opacityOf(id)).toBe(1);

    await page.getByRole('button', { name: 'Within 2 hops' }).click();
    await expect.poll(() => opacityOf('a-classify')).toBe(1);
    expect(opacityOf('a-alert')).toBe(1);
    expect(opacityOf('t-orders')).toBeLessThan(0.5);

    await page.getByRole('button', { name: 'Exit focus' }).click();
    await expect.poll(() => opacityOf('t-orders')).toBe(1);
    expect(page.getByRole('button', { name: 'Exit focus' }).query()).toBeNull();

    // By keyboard: the Focus button takes Enter, and Escape leaves focus mode.
    page.getByRole('button', { name: 'Focus', exact: true }).element().focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByRole('button', { name: 'Exit focus' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.poll(() => page.getByRole('button', { name: 'Exit focus' }).query()).toBeNull();
  });

  /** Waits until the view stops moving (a jump to a hit is animated), then presses "fit view". */
  async function showAllAgain(): Promise<void> {
    const transform = () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform;
    let last: string | undefined;
    await expect.poll(async () => {
      const before = transform();
      await new Promise((resolve) => setTimeout(resolve, 150));
      const steady = before === transform() && before === last;
      last = before;
      return steady;
    }).toBe(true);
    document.querySelector<HTMLElement>('.react-flow__controls-fitview')?.click();
  }

  it('marks every hit on the canvas while searching, the current one more strongly, and unmarks them on close', async () => {
    const store = await mount(pipelineGraph());
    await showWholeFlow(document, 8);
    await page.elementLocator(document.querySelector('.react-flow__pane') as HTMLElement).click();
    await userEvent.keyboard('{Control>}f{/Control}');
    await userEvent.type(searchBox(), 'orders');
    await expect.element(searchRegion().getByRole('status')).toHaveTextContent(/^1 of 4\b/);
    const marked = () => [...document.querySelectorAll('.react-flow__node.efs-search-hit')].map((n) => n.getAttribute('data-id')).sort();
    const current = () => [...document.querySelectorAll('.react-flow__node.efs-search-hit--current')].map((n) => n.getAttribute('data-id'));
    const hits = ['t-classified', 't-dlq', 't-enriched', 't-orders'];
    // Once typing pauses, the view jumps to the first hit, which may take the others out of view (and
    // off the page); once it has, the whole flow is shown again and every hit must be marked.
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['t-orders']);
    await showAllAgain();
    await expect.poll(marked).toEqual(hits);
    await expect.poll(current).toEqual(['t-orders']);
    // Enter goes to the second hit; the marks stay on every hit.
    await userEvent.keyboard('{Enter}');
    await expect.element(searchRegion().getByRole('status')).toHaveTextContent(/^2 of 4\b/);
    await expect.poll(() => [...store.getState().selection.nodeIds]).toEqual(['t-classified']);
    await showAllAgain();
    await expect.poll(current).toEqual(['t-classified']);
    await expect.poll(marked).toEqual(hits);
    await userEvent.keyboard('{Escape}');
    await expect.poll(marked).toEqual([]);
  });
});
