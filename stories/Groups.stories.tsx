import { EventFlowsEditor } from '@event-flows/editor';
import { demoCatalog, demoMember, pipelineGraph, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { editorArgTypes, showWholeFlow } from './editorStory.ts';

/** The demo pipeline with ingest grouped and collapsed, and the alerting end grouped and expanded. */
function groupedGraph(): FlowGraph {
  return {
    ...pipelineGraph(),
    groups: [
      { id: 'g-ingest', name: 'Ingest and classify', nodeIds: ['t-orders', 'a-classify'], collapsed: true },
      { id: 'g-alert', name: 'Alerting', nodeIds: ['a-alert', 't-alerts'], collapsed: false },
    ],
  };
}

const groupNode = (canvasElement: HTMLElement, id: string) => canvasElement.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);

const meta = {
  title: 'Canvas/Groups',
  component: EventFlowsEditor,
  args: { graph: groupedGraph(), catalog: demoCatalog(), actor: demoMember, readOnly: false, theme: 'light' },
  argTypes: editorArgTypes,
} satisfies Meta<typeof EventFlowsEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A collapsed group is one node with its counts; its nodes' edges end on it. Expanding it shows its
 * nodes in a frame again, and collapsing the expanded one hides its nodes.
 */
export const CollapseAndExpand: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // 6 visible nodes, the collapsed group's node and the expanded group's frame.
    await showWholeFlow(canvasElement);
    await expect(groupNode(canvasElement, 'g-ingest')).toHaveTextContent('Group · 2 nodes');
    await expect(groupNode(canvasElement, 'g-ingest')).toHaveTextContent('0 edges in · 2 out');
    // The toggle says whether its group is expanded, as a disclosure does.
    const expand = canvas.getByRole('button', { name: 'Expand group Ingest and classify' });
    await expect(expand).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(expand);
    await waitFor(() => expect(groupNode(canvasElement, 't-orders')).not.toBeNull());
    await expect(canvas.getByRole('button', { name: 'Collapse group Ingest and classify' })).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(canvas.getByRole('button', { name: 'Collapse group Alerting' }));
    await waitFor(() => expect(groupNode(canvasElement, 'a-alert')).toBeNull());
    await expect(groupNode(canvasElement, 'g-alert')).toHaveTextContent('1 edge in · 0 out');
  },
};

/** The same flow in the dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    await expect(groupNode(canvasElement, 'g-ingest')).toHaveTextContent('Ingest and classify');
    await expect(groupNode(canvasElement, 'g-alert')).toHaveTextContent('Alerting');
  },
};

/** Selecting two nodes offers "Group…"; naming the group puts a frame around them. */
export const GroupTheSelection: Story = {
  args: { graph: pipelineGraph() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showWholeFlow(canvasElement);
    await userEvent.click(groupNode(canvasElement, 'a-enrich') as HTMLElement);
    await userEvent.keyboard('{Control>}');
    await userEvent.click(groupNode(canvasElement, 't-enriched') as HTMLElement);
    await userEvent.keyboard('{/Control}');
    await expect(canvas.getByText('2 nodes selected')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Group…' }));
    await userEvent.clear(canvas.getByLabelText('Group name'));
    await userEvent.type(canvas.getByLabelText('Group name'), 'Enrichment{Enter}');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Collapse group Enrichment' })).toBeVisible());
  },
};

/**
 * A read-only flow shows its groups by name, without rename or ungroup; a viewer may still collapse
 * and expand them, as their own view (nothing to save).
 */
export const ReadOnly: Story = {
  args: { readOnly: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showWholeFlow(canvasElement);
    await expect(groupNode(canvasElement, 'g-alert')).toHaveTextContent('Alerting');
    await expect(canvas.queryByRole('button', { name: /Rename group|Ungroup/ })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Expand group Ingest and classify' }));
    await waitFor(() => expect(groupNode(canvasElement, 't-orders')).not.toBeNull());
    await userEvent.click(canvas.getByRole('button', { name: 'Collapse group Alerting' }));
    await waitFor(() => expect(groupNode(canvasElement, 'a-alert')).toBeNull());
  },
};

/** Ctrl/⌘+A selects what is on the canvas: the nodes hidden in the collapsed group are left out. */
export const SelectAll: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showWholeFlow(canvasElement);
    await userEvent.click(groupNode(canvasElement, 'a-enrich') as HTMLElement);
    await userEvent.keyboard('{Control>}a{/Control}');
    // 6 of the 8 nodes: orders and classify are inside "Ingest and classify".
    await waitFor(() => expect(canvas.getByText('6 nodes selected')).toBeVisible());
  },
};

/** Dragging an expanded group's title moves its nodes together. */
export const DragFrame: Story = {
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const title = canvasElement.querySelector<HTMLElement>('.react-flow__node[data-id="g-alert"] .efs-group__name');
    const alert = groupNode(canvasElement, 'a-alert');
    if (!title || !alert) throw new Error('the Alerting frame is not on the canvas');
    const before = alert.getBoundingClientRect().top;
    const box = title.getBoundingClientRect();
    // React Flow's drag reads mouse events: pressed on the title, moved down in steps, let go.
    const mouse = (type: string, dy: number, target: EventTarget) =>
      target.dispatchEvent(
        new MouseEvent(type, { bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mouseup' ? 0 : 1, clientX: box.x + 10, clientY: box.y + box.height / 2 + dy }),
      );
    mouse('mousedown', 0, title);
    for (let step = 1; step <= 5; step++) mouse('mousemove', step * 12, window);
    mouse('mouseup', 60, window);
    await waitFor(() => expect(alert.getBoundingClientRect().top).toBeGreaterThan(before + 20));
  },
};
