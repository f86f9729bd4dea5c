import { demoCatalog, demoMember, generateCyclicFlow, pipelineGraph, type Catalog, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';

afterEach(() => cleanup());

async function mount(graph: FlowGraph, catalog: Catalog) {
  const store = createEditorStore({ graph, catalog, actor: demoMember, readOnly: false });
  await render(
    <div style={{ width: 1260, height: 780 }}>
      <EventFlowsEditor graph={graph} catalog={catalog} actor={demoMember} store={store} />
    </div>,
  );
  return store;
}

/** The pipeline with its nodes piled up near one corner, as a flow drawn in a hurry. */
function scattered(): FlowGraph {
  const graph = pipelineGraph();
  return { ...graph, nodes: graph.nodes.map((n, i) => ({ ...n, position: { x: (i * 37) % 200, y: (i * 53) % 300 } })) };
}

const positions = (graph: FlowGraph) => new Map(graph.nodes.map((n) => [n.id, n.position]));
const arrangeButton = () => page.getByRole('button', { name: 'Arrange', exact: true });

/** Node elements on the canvas that lie wholly inside it. */
function nodesInView(): number {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!pane) return 0;
  return [...document.querySelectorAll('.react-flow__node')].filter((element) => {
    const r = element.getBoundingClientRect();
    return r.left >= pane.left && r.top >= pane.top && r.right <= pane.right && r.bottom <= pane.bottom;
  }).length;
}

describe('Arrange', () => {
  it('arranges a flow with cycles in a worker, then shows every node in view', async () => {
    const { graph, catalog } = generateCyclicFlow(80);
    const store = await mount(graph, catalog);
    await arrangeButton().click();
    // 80 nodes take the worker a few milliseconds: its progress may come and go unseen (the next test
    // watches it on a larger flow); what counts is that the nodes moved and are all in view.
    await expect.poll(() => store.getState().graph, { timeout: 60_000 }).not.toBe(graph);
    await expect.element(arrangeButton()).toBeVisible();
    await expect.poll(nodesInView).toBe(graph.nodes.length);
  }, 90_000);

  it('shows how far the layout has got while the worker runs', async () => {
    const { graph, catalog } = generateCyclicFlow(2000);
    const store = await mount(graph, catalog);
    // Every text the progress shows, in turn: the worker's messages can come faster than a poll.
    const shown: string[] = [];
    const observer = new MutationObserver(() => {
      const text = document.querySelector('.efs-arrange [role="status"] span')?.textContent;
      if (text && shown.at(-1) !== text) shown.push(text);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await arrangeButton().click();
    await expect.poll(() => store.getState().past.length, { timeout: 60_000 }).toBe(1);
    observer.disconnect();
    expect(shown[0]).toMatch(/^Arranging [\d,]+ nodes… 0 %$/);
    const shares = shown.map((text) => Number(/(\d+) %$/.exec(text)?.[1]));
    expect(shares.some((share) => share > 0 && share < 100)).toBe(true);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  }, 90_000);

  it('leaves every node where it was when cancelled', async () => {
    const { graph, catalog } = generateCyclicFlow(2000);
    const store = await mount(graph, catalog);
    // Clicked from within the page, with no round trip to the test runner between the two clicks:
    // the layout takes a fraction of a second, and Cancel must come before its answer.
    const cancel = page.getByRole('button', { name: 'Cancel' });
    (arrangeButton().element() as HTMLElement).click();
    await expect.element(cancel).toBeInTheDocument();
    (cancel.element() as HTMLElement).click();
    await expect.element(arrangeButton()).toBeVisible();
    // The worker is gone: nothing it might have answered lands later.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(store.getState().graph).toBe(graph);
    expect(store.getState().past).toHaveLength(0);
  }, 30_000);

  it('is undone in one step', async () => {
    const graph = scattered();
    const store = await mount(graph, demoCatalog());
    await arrangeButton().click();
    await expect.poll(() => store.getState().past.length, { timeout: 60_000 }).toBe(1);
    const at = positions(store.getState().graph);
    expect(at.get('t-orders')?.x as number).toBeLessThan(at.get('a-classify')?.x as number);
    store.getState().actions.undo();
    expect(store.getState().graph).toEqual(graph);
    expect(store.getState().past).toHaveLength(0);
  }, 90_000);

  it('arranges only the selected nodes, near where they were', async () => {
    const graph = scattered();
    const store = await mount(graph, demoCatalog());
    const selected = ['t-orders', 'a-classify', 't-classified'];
    store.getState().actions.select({ nodeIds: selected });
    await page.getByRole('button', { name: 'Arrange selection' }).click();
    await expect.poll(() => store.getState().past.length, { timeout: 60_000 }).toBe(1);
    const before = positions(graph);
    const after = positions(store.getState().graph);
    for (const node of graph.nodes) {
      if (selected.includes(node.id)) continue;
      expect(after.get(node.id), node.id).toEqual(before.get(node.id));
    }
    expect(selected.some((id) => after.get(id)?.x !== before.get(id)?.x || after.get(id)?.y !== before.get(id)?.y)).toBe(true);
    const corner = (at: Map<string, { x: number; y: number }>) => ({
      x: Math.min(...selected.map((id) => at.get(id)?.x as number)),
      y: Math.min(...selected.map((id) => at.get(id)?.y as number)),
    });
    expect(corner(after)).toEqual(corner(before));
  }, 90_000);
});
