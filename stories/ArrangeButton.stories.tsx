import { createEditorStore, EventFlowsEditor, type EditorStore } from '@event-flows/editor';
import { demoCatalog, demoMember, generateCyclicFlow, pipelineGraph, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { editorArgTypes } from './editorStory.ts';

/** The demo pipeline with its nodes piled up near one corner, as a flow drawn in a hurry. */
function scattered(): FlowGraph {
  const graph = pipelineGraph();
  return { ...graph, nodes: graph.nodes.map((n, i) => ({ ...n, position: { x: (i * 37) % 200, y: (i * 53) % 300 } })) };
}

const cyclic = generateCyclicFlow(60);
const largeCyclic = generateCyclicFlow(2000);

/** The screen rectangle of the node `id`. */
function rectOf(root: HTMLElement, id: string): DOMRect {
  const element = root.querySelector(`.react-flow__node[data-id="${id}"]`);
  if (!element) throw new Error(`node ${id} is not on the canvas`);
  return element.getBoundingClientRect();
}

/** How many node elements lie wholly inside the canvas. */
function nodesInView(root: HTMLElement): number {
  const pane = root.querySelector('.react-flow')?.getBoundingClientRect();
  if (!pane) return 0;
  return [...root.querySelectorAll('.react-flow__node')].filter((element) => {
    const r = element.getBoundingClientRect();
    return r.left >= pane.left && r.top >= pane.top && r.right <= pane.right && r.bottom <= pane.bottom;
  }).length;
}

/** The canvas's zoom, from its viewport's transform. */
function zoomOf(root: HTMLElement): number {
  const transform = root.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
}

const arrange = (root: HTMLElement) => within(root).getByRole('button', { name: 'Arrange' });

const meta = {
  title: 'Canvas/Arrange',
  component: EventFlowsEditor,
  args: { graph: scattered(), catalog: demoCatalog(), actor: demoMember, readOnly: false, theme: 'light' },
  argTypes: editorArgTypes,
} satisfies Meta<typeof EventFlowsEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * "Arrange" lays the pipeline out left to right in message order, its DLQ below its algorithm. Too
 * long to fit this canvas at a zoom where its text is read, it is shown from its start at that zoom.
 */
export const Pipeline: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(arrange(canvasElement));
    await waitFor(() => expect(rectOf(canvasElement, 't-orders').right).toBeLessThan(rectOf(canvasElement, 'a-classify').left), { timeout: 60_000 });
    await waitFor(() => expect(zoomOf(canvasElement)).toBeGreaterThanOrEqual(0.5));
    expect(nodesInView(canvasElement)).toBeGreaterThanOrEqual(4);
    expect(rectOf(canvasElement, 't-dlq').top).toBeGreaterThan(rectOf(canvasElement, 'a-classify').bottom);
  },
};

/** A flow with feedback loops: the layout returns, and the view is fitted to every node. */
export const FlowWithCycles: Story = {
  args: { graph: cyclic.graph, catalog: cyclic.catalog },
  play: async ({ canvasElement }) => {
    await userEvent.click(arrange(canvasElement));
    await waitFor(() => expect(nodesInView(canvasElement)).toBe(cyclic.graph.nodes.length), { timeout: 60_000 });
  },
};

/** While a large flow is arranged, its progress shows with a Cancel; cancelling moves nothing. */
export const Cancelled: Story = {
  args: { graph: largeCyclic.graph, catalog: largeCyclic.catalog },
  parameters: { a11y: { test: 'off' } },
  play: async ({ canvasElement }) => {
    const first = canvasElement.querySelector('.react-flow__node')?.getAttribute('data-id') ?? '';
    const before = rectOf(canvasElement, first);
    await userEvent.click(arrange(canvasElement));
    // Found and clicked at once (a role query over 2,000 nodes takes longer than the layout itself).
    const progress = canvasElement.querySelector('.efs-arrange-progress');
    expect(progress?.textContent).toMatch(/Arranging 2,000 nodes… \d+ %/);
    progress?.querySelector('button')?.click();
    await waitFor(() => expect(arrange(canvasElement)).toBeVisible());
    const after = rectOf(canvasElement, first);
    expect({ x: after.x, y: after.y }).toEqual({ x: before.x, y: before.y });
  },
};

const selected = ['t-orders', 'a-classify', 't-classified'];
/** The store of the Selection story, for its play function to read the positions from. */
let selectionStore: EditorStore | null = null;

/** With three nodes selected, "Arrange selection" lays out only those, where they were. */
export const Selection: Story = {
  render: function SelectionStory(args) {
    const [store] = useState(() => {
      const created = createEditorStore({ graph: args.graph, catalog: args.catalog, actor: args.actor, readOnly: false });
      created.getState().actions.select({ nodeIds: selected });
      selectionStore = created;
      return created;
    });
    return <EventFlowsEditor {...args} store={store} />;
  },
  play: async ({ canvasElement }) => {
    const store = selectionStore;
    if (!store) throw new Error('the story has no store');
    const before = store.getState().graph;
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Arrange selection' }));
    await waitFor(() => expect(store.getState().past).toHaveLength(1), { timeout: 60_000 });
    const after = new Map(store.getState().graph.nodes.map((n) => [n.id, n.position]));
    for (const node of before.nodes) {
      if (!selected.includes(node.id)) expect(after.get(node.id)).toEqual(node.position);
    }
    expect((after.get('t-orders')?.x as number) < (after.get('a-classify')?.x as number)).toBe(true);
    await waitFor(() => expect(nodesInView(canvasElement)).toBe(8));
  },
};
