import { demoCatalog, demoMember, emptyGraph, handles, pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { nodeHandles, nodeSize } from './canvas/index.ts';
import { EventFlowsEditor, type EditorTheme } from './EventFlowsEditor.tsx';
import { showWholeFlow } from './testing/wholeFlow.ts';
import { createEditorStore, type EditorStore } from './store/index.ts';

afterEach(() => cleanup());

async function mount(graph: FlowGraph, options: { readOnly?: boolean; theme?: EditorTheme } = {}) {
  const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: options.readOnly ?? false });
  const screen = await render(
    <div style={{ width: 1200, height: 760 }}>
      <EventFlowsEditor
        graph={graph}
        catalog={demoCatalog()}
        actor={demoMember}
        store={store}
        readOnly={options.readOnly ?? false}
        theme={options.theme ?? 'light'}
      />
    </div>,
  );
  if (graph.nodes.length > 0) await showWholeFlow(document, graph.nodes.length);
  return { store, screen };
}

function nodeElement(id: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
  if (!element) throw new Error(`node ${id} is not on the canvas`);
  return element;
}

function handleElement(nodeId: string, handleId: string): HTMLElement {
  const element = nodeElement(nodeId).querySelector<HTMLElement>(`.react-flow__handle[data-handleid="${handleId}"]`);
  if (!element) throw new Error(`handle ${handleId} of ${nodeId} is not on the canvas`);
  return element;
}

function pane() {
  const element = document.querySelector<HTMLElement>('.react-flow__pane');
  if (!element) throw new Error('the canvas pane is missing');
  return page.elementLocator(element);
}

/** The pairs of elements (by `data-id`) whose boxes on the page overlap. */
function boxesOverlapping(elements: Iterable<Element>): string[] {
  const boxes = [...elements].map((e) => ({ id: e.getAttribute('data-id') ?? '?', box: e.getBoundingClientRect() }));
  const pairs: string[] = [];
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const apart = a.box.right <= b.box.left || b.box.right <= a.box.left || a.box.bottom <= b.box.top || b.box.bottom <= a.box.top;
      if (!apart) pairs.push(`${a.id}/${b.id}`);
    }
  }
  return pairs;
}

function nodeIds(store: EditorStore, kind: 'algorithm' | 'topic'): string[] {
  return store.getState().graph.nodes.filter((n) => n.kind === kind).map((n) => n.id);
}

describe('EventFlowsEditor', () => {
  it('drags an algorithm and a topic from the palette onto the canvas and connects them', async () => {
    const { store } = await mount(emptyGraph());
    await userEvent.dragAndDrop(page.getByRole('button', { name: /^Add algorithm classify/ }), pane(), {
      targetPosition: { x: 450, y: 300 },
    });
    await userEvent.dragAndDrop(page.getByRole('button', { name: /^Add topic orders Local/ }), pane(), {
      targetPosition: { x: 150, y: 300 },
    });

    const [algorithm] = nodeIds(store, 'algorithm');
    const nodeLocator = (id: string) => page.elementLocator(nodeElement(id));
    const [topic] = nodeIds(store, 'topic');
    expect(store.getState().graph.nodes).toMatchObject([
      { kind: 'algorithm', algorithm: 'acme/classify', version: '1.2.0' },
      { kind: 'topic', connection: 'local', topic: 'orders' },
    ]);
    await expect.element(nodeLocator(algorithm as string)).toHaveTextContent('classify');
    await expect.element(nodeLocator(topic as string)).toHaveTextContent('orders');
    // Dropped where released: the topic lies left of the algorithm.
    expect(nodeElement(topic as string).getBoundingClientRect().x).toBeLessThan(
      nodeElement(algorithm as string).getBoundingClientRect().x,
    );

    // Draw the subscription with the pointer, from the topic's output to the algorithm's input.
    await userEvent.dragAndDrop(
      page.elementLocator(handleElement(topic as string, handles.topicOut)),
      page.elementLocator(handleElement(algorithm as string, handles.subscribe)),
    );
    expect(store.getState().graph.edges).toMatchObject([{ kind: 'subscribe', source: topic, target: algorithm }]);
    await expect.poll(() => document.querySelectorAll('.react-flow__edge-path.efs-edge--subscribe').length).toBe(1);
  });

  it("makes a new topic where a line drawn from an algorithm's handle is let go on the empty canvas", async () => {
    const graph: FlowGraph = { nodes: [{ id: 'a1', kind: 'algorithm', position: { x: 300, y: 200 }, algorithm: 'acme/classify', version: '1.2.0' }], edges: [] };
    const { store } = await mount(graph);
    const box = (document.querySelector('.react-flow__pane') as HTMLElement).getBoundingClientRect();
    await userEvent.dragAndDrop(page.elementLocator(handleElement('a1', handles.publish)), pane(), { targetPosition: { x: box.width - 80, y: box.height / 2 } });
    // The algorithm is selected and its inspector asks for the new output topic, named and set there.
    const form = page.getByRole('form', { name: 'New topic' });
    await expect.element(form).toHaveTextContent('A topic classify publishes its results to.');
    await userEvent.fill(form.getByLabelText('Topic name'), 'orders.scored');
    await userEvent.click(form.getByRole('button', { name: 'Add topic' }));
    const topic = store.getState().graph.nodes.find((n) => n.kind === 'topic');
    expect(topic).toMatchObject({ kind: 'topic', connection: 'local', topic: 'orders.scored' });
    expect(store.getState().graph.edges).toMatchObject([{ kind: 'publish', source: 'a1', target: topic?.id }]);
    // Placed where the line was let go: right of the algorithm, on screen.
    await expect.poll(() => document.querySelector(`.react-flow__node[data-id="${topic?.id}"]`) !== null).toBe(true);
    expect(nodeElement(topic?.id as string).getBoundingClientRect().x).toBeGreaterThan(nodeElement('a1').getBoundingClientRect().right);
    // Undo takes the topic and its edge away in one step.
    store.getState().actions.undo();
    expect(store.getState().graph).toEqual(graph);
  });

  it('refuses a connection the model refuses and shows its reason', async () => {
    const { store } = await mount(pipelineGraph());
    const before = store.getState().graph;
    await userEvent.dragAndDrop(
      page.elementLocator(handleElement('t-orders', handles.topicOut)),
      page.elementLocator(handleElement('t-classified', handles.topicIn)),
    );
    expect(store.getState().graph).toBe(before);
    await expect.element(page.getByRole('status')).toHaveTextContent('A topic connects only to an algorithm.');
  });

  it('draws subscribe, publish and DLQ edges differently and gives DLQ topics their own look', async () => {
    await mount(pipelineGraph());
    await expect.poll(() => document.querySelectorAll('.react-flow__edge').length).toBe(8);
    const stroke = (kind: string) => {
      const path = document.querySelector(`.react-flow__edge-path.efs-edge--${kind}`);
      if (!path) throw new Error(`no ${kind} edge`);
      const style = getComputedStyle(path);
      return `${style.stroke} ${style.strokeDasharray}`;
    };
    expect(new Set([stroke('subscribe'), stroke('publish'), stroke('dlq')]).size).toBe(3);
    expect(nodeElement('t-dlq').querySelector('.efs-node')?.getAttribute('data-dlq')).toBe('true');
    expect(nodeElement('t-orders').querySelector('.efs-node')?.getAttribute('data-dlq')).toBe('false');
    // The DLQ output is a distinct handle on the algorithm.
    const dlq = getComputedStyle(handleElement('a-classify', handles.dlq)).backgroundColor;
    const publish = getComputedStyle(handleElement('a-classify', handles.publish)).backgroundColor;
    expect(dlq).not.toBe(publish);
  });

  it('draws nodes and handles where their declared geometry says', async () => {
    await mount(pipelineGraph());
    for (const [id, kind] of [
      ['a-classify', 'algorithm'],
      ['t-orders', 'topic'],
    ] as const) {
      const node = nodeElement(id).getBoundingClientRect();
      const zoom = node.width / nodeSize[kind].width;
      expect(node.height / zoom).toBeCloseTo(nodeSize[kind].height, 0);
      for (const declared of nodeHandles[kind]) {
        const rect = handleElement(id, declared.id ?? '').getBoundingClientRect();
        // Compare centres: the DLQ diamond is rotated, which changes its box but not its centre.
        const centre = { x: (rect.x + rect.width / 2 - node.x) / zoom, y: (rect.y + rect.height / 2 - node.y) / zoom };
        expect(Math.abs(centre.x - (declared.x + (declared.width ?? 0) / 2))).toBeLessThan(1.5);
        expect(Math.abs(centre.y - (declared.y + (declared.height ?? 0) / 2))).toBeLessThan(1.5);
      }
    }
  });

  it('deletes the selected node with Delete, and undoes and redoes with the keyboard', async () => {
    const { store } = await mount(pipelineGraph());
    await page.elementLocator(nodeElement('a-enrich')).click();
    expect([...store.getState().selection.nodeIds]).toEqual(['a-enrich']);

    await userEvent.keyboard('{Delete}');
    expect(store.getState().nodesById.has('a-enrich')).toBe(false);
    expect(store.getState().graph.edges.some((e) => e.source === 'a-enrich' || e.target === 'a-enrich')).toBe(false);
    await expect.poll(() => document.querySelector('.react-flow__node[data-id="a-enrich"]')).toBeNull();

    await userEvent.keyboard('{Control>}z{/Control}');
    expect(store.getState().graph).toEqual(pipelineGraph());
    await expect.poll(() => document.querySelector('.react-flow__node[data-id="a-enrich"]')).not.toBeNull();

    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(store.getState().nodesById.has('a-enrich')).toBe(false);
  });

  it('multi-selects with Control held and deletes the whole selection as one step', async () => {
    const { store } = await mount(pipelineGraph());
    await page.elementLocator(nodeElement('a-enrich')).click();
    await userEvent.keyboard('{Control>}');
    await page.elementLocator(nodeElement('t-alerts')).click();
    await userEvent.keyboard('{/Control}');
    expect([...store.getState().selection.nodeIds].sort()).toEqual(['a-enrich', 't-alerts']);

    await userEvent.keyboard('{Backspace}');
    expect(store.getState().graph.nodes.map((n) => n.id)).not.toContain('a-enrich');
    expect(store.getState().graph.nodes.map((n) => n.id)).not.toContain('t-alerts');
    expect(store.getState().past).toHaveLength(1);
  });

  it('moves a node by dragging it, as one undo step', async () => {
    const { store } = await mount(pipelineGraph());
    await page.elementLocator(nodeElement('a-alert')).click();
    const before = nodeElement('a-alert').getBoundingClientRect();
    // A pointer drag in small steps (Playwright's one-step drag-and-drop is for HTML5 drags).
    const start = { clientX: before.x + before.width / 2, clientY: before.y + before.height / 2 };
    const mouse = (type: string, dx: number, dy: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, { bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: start.clientX + dx, clientY: start.clientY + dy }),
      );
    mouse('mousedown', 0, 0, nodeElement('a-alert'));
    for (let step = 1; step <= 5; step++) mouse('mousemove', 0, step * 20, window);
    mouse('mouseup', 0, 100, window);
    const moved = store.getState().nodesById.get('a-alert')?.position;
    expect(moved?.x).toBe(1700);
    expect(moved?.y).toBeGreaterThan(200);
    expect(store.getState().past).toHaveLength(1);
    await expect.poll(() => nodeElement('a-alert').getBoundingClientRect().y).toBeGreaterThan(before.y);

    await userEvent.keyboard('{Control>}z{/Control}');
    expect(store.getState().nodesById.get('a-alert')?.position).toEqual({ x: 1700, y: 100 });
  });

  it('copies and pastes the selection with the keyboard', async () => {
    const { store } = await mount(pipelineGraph());
    await page.elementLocator(nodeElement('a-alert')).click();
    await userEvent.keyboard('{Control>}c{/Control}');
    await userEvent.keyboard('{Control>}v{/Control}');
    const nodes = store.getState().graph.nodes;
    expect(nodes).toHaveLength(9);
    expect(nodes[8]).toMatchObject({ kind: 'algorithm', algorithm: 'acme/alert' });
    expect([...store.getState().selection.nodeIds]).toEqual([nodes[8]?.id]);
    // The copy lies near the original and covers no node on the canvas.
    await expect.poll(() => boxesOverlapping(document.querySelectorAll('.react-flow__node'))).toEqual([]);
  });

  it('adds clicked palette items at free places in view, and next to the selected node', async () => {
    const { store } = await mount(emptyGraph());
    // Each added node is selected, so the next goes beside it while there is room in view.
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /^Add algorithm classify/ }).click();
    const [firstId] = nodeIds(store, 'algorithm');
    await page.elementLocator(nodeElement(firstId as string)).click();
    await page.getByRole('button', { name: /^Add topic orders Local/ }).click();
    await expect.poll(() => document.querySelectorAll('.react-flow__node').length).toBe(5);
    const canvas = document.querySelector('.react-flow') as HTMLElement;
    const view = canvas.getBoundingClientRect();
    const nodes = document.querySelectorAll<HTMLElement>('.react-flow__node');
    expect(boxesOverlapping(nodes)).toEqual([]);
    for (const node of nodes) {
      const box = node.getBoundingClientRect();
      expect(box.left).toBeGreaterThanOrEqual(view.left);
      expect(box.top).toBeGreaterThanOrEqual(view.top);
      expect(box.bottom).toBeLessThanOrEqual(view.bottom);
    }
    const first = store.getState().nodesById.get(firstId as string);
    const topic = store.getState().graph.nodes.at(-1);
    expect(topic?.kind).toBe('topic');
    expect(topic?.position.x).toBeGreaterThan((first?.position.x ?? 0) + nodeSize.algorithm.width);
    expect(topic?.position.y).toBeGreaterThanOrEqual(first?.position.y ?? 0);
  });

  it('filters the palette by search and adds an item with the keyboard', async () => {
    const { store } = await mount(emptyGraph());
    await page.getByLabelText('Search algorithms and topics').fill('enrich');
    await expect.element(page.getByRole('button', { name: /^Add algorithm enrich/ })).toBeVisible();
    await expect.element(page.getByRole('button', { name: /^Add topic orders\.enriched/ })).toBeVisible();
    expect(page.getByRole('button', { name: /^Add algorithm classify/ }).query()).toBeNull();

    page.getByRole('button', { name: /^Add algorithm enrich/ }).element().focus();
    await userEvent.keyboard('{Enter}');
    expect(store.getState().graph.nodes).toMatchObject([{ kind: 'algorithm', algorithm: 'acme/enrich', version: '1.0.0' }]);
  });

  const startHint = 'Drag an algorithm or a topic from the palette, or make a New topic.';

  it('says how to start on an empty canvas until there is a node', async () => {
    const hint = startHint;
    await mount(emptyGraph());
    await expect.element(page.getByRole('note')).toHaveTextContent(hint);
    await page.getByRole('button', { name: /^Add algorithm classify/ }).click();
    await expect.poll(() => page.getByRole('note').query()).toBeNull();
  });

  it('tells a viewer only that an empty flow is empty', async () => {
    await mount(emptyGraph(), { readOnly: true });
    await expect.element(page.getByRole('note')).toHaveTextContent('This flow is empty.');
    expect(page.getByText(startHint).query()).toBeNull();
  });

  it('shows a read-only flow without the palette and refuses changes', async () => {
    const { store } = await mount(pipelineGraph(), { readOnly: true });
    expect(page.getByRole('region', { name: 'Palette' }).query()).toBeNull();
    await page.elementLocator(nodeElement('a-enrich')).click();
    await userEvent.keyboard('{Delete}');
    expect(store.getState().graph).toEqual(pipelineGraph());
  });

  it('takes a change of readOnly after mount: the palette goes, the root says read-only', async () => {
    const graph = pipelineGraph();
    const props = { graph, catalog: demoCatalog(), actor: demoMember } as const;
    const { rerender } = await render(
      <div style={{ width: 1200, height: 760 }}>
        <EventFlowsEditor {...props} readOnly={false} />
      </div>,
    );
    await expect.element(page.getByRole('region', { name: 'Palette' })).toBeVisible();
    await rerender(
      <div style={{ width: 1200, height: 760 }}>
        <EventFlowsEditor {...props} readOnly />
      </div>,
    );
    await expect.poll(() => page.getByRole('region', { name: 'Palette' }).query()).toBeNull();
    expect(document.querySelector('.efs-editor')?.getAttribute('data-readonly')).toBe('true');
  });

  it('themes through CSS variables scoped to the editor root', async () => {
    await mount(pipelineGraph(), { theme: 'dark' });
    const root = document.querySelector<HTMLElement>('.efs-editor');
    if (!root) throw new Error('no editor root');
    expect(root.dataset.theme).toBe('dark');
    expect(getComputedStyle(root).getPropertyValue('--efs-bg').trim()).toBe('#14171d');
    // Nothing is set outside the root.
    expect(getComputedStyle(document.body).getPropertyValue('--efs-bg')).toBe('');
    expect(document.querySelector('.react-flow')?.classList.contains('dark')).toBe(true);
  });
});
