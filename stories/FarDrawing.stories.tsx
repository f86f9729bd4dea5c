import { EventFlowsEditor } from '@event-flows/editor';
import { demoMember, generateFlow } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import { editorArgTypes } from './editorStory.ts';

/** 240 generated nodes (more than 200: large enough for low detail), laid out 16 to a row. */
const generated = generateFlow(240, 7);
const large = {
  catalog: generated.catalog,
  graph: {
    ...generated.graph,
    nodes: generated.graph.nodes.map((node, i) => ({ ...node, position: { x: (i % 16) * 300, y: Math.floor(i / 16) * 200 } })),
  },
};

/** React Flow's viewport transform: pan in pixels and zoom. */
function viewportOf(canvasElement: HTMLElement): { x: number; y: number; zoom: number } {
  const transform = canvasElement.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
  const match = /translate\(([-\d.e+]+)px, ([-\d.e+]+)px\) scale\(([\d.e+-]+)\)/.exec(transform);
  return { x: Number(match?.[1]), y: Number(match?.[2]), zoom: Number(match?.[3]) };
}

function button(canvasElement: HTMLElement, name: 'fitview'): HTMLElement {
  const element = canvasElement.querySelector<HTMLElement>(`.react-flow__controls-${name}`);
  if (!element) throw new Error(`the canvas has no ${name} button`);
  return element;
}

const meta = {
  title: 'Canvas/Far away',
  component: EventFlowsEditor,
  args: { graph: large.graph, catalog: large.catalog, actor: demoMember, readOnly: false, theme: 'light' },
  argTypes: editorArgTypes,
} satisfies Meta<typeof EventFlowsEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * "Fit view" on a large flow: too far out to read, it is drawn in low detail (shapes in their kind's
 * colour, edges as lines); a click still selects the node under it. Zooming in past half size brings
 * the full nodes back.
 */
export const LowDetail: Story = {
  // As for the 2,000-node story: axe over a palette of hundreds of items takes longer than a test
  // may on a loaded machine; the same components are checked by axe in the other stories.
  parameters: { a11y: { test: 'off' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    (await waitFor(() => button(canvasElement, 'fitview'))).click();
    await waitFor(() => expect(canvasElement.querySelector('canvas.efs-far-drawing')).not.toBeNull());
    expect(canvasElement.querySelector('.react-flow__nodes')?.textContent).toBe('');
    expect(canvasElement.querySelectorAll('.react-flow__handle, .react-flow__edge')).toHaveLength(0);

    // Click the middle of the first algorithm's shape.
    const algorithm = large.graph.nodes.find((n) => n.kind === 'algorithm');
    const pane = canvasElement.querySelector<HTMLElement>('.react-flow__pane');
    const flowBox = canvasElement.querySelector('.react-flow')?.getBoundingClientRect();
    if (!algorithm || !pane || !flowBox) throw new Error('no algorithm or canvas');
    const { x, y, zoom } = viewportOf(canvasElement);
    const at = { clientX: flowBox.x + x + (algorithm.position.x + 110) * zoom, clientY: flowBox.y + y + (algorithm.position.y + 42) * zoom };
    fireEvent.click(pane, at);
    const inspector = within(canvas.getByRole('region', { name: 'Inspector' }));
    await waitFor(() => expect(inspector.getByText(algorithm.algorithm, { exact: false })).toBeVisible());
  },
};

/** The same flow with two groups of its first rows: one expanded (a frame), one collapsed (a box). */
const grouped = {
  ...large.graph,
  groups: [
    { id: 'g-first', name: 'First rows', nodeIds: large.graph.nodes.slice(0, 40).map((n) => n.id), collapsed: false },
    { id: 'g-folded', name: 'Folded', nodeIds: large.graph.nodes.slice(64, 96).map((n) => n.id), collapsed: true },
  ],
};

/**
 * Far out, groups are drawn too: a frame's outline with its name, a collapsed group as one box; in
 * focus mode what is left out is dimmed, and Shift and a drag still selects the nodes in the box.
 */
export const GroupsAndFocus: Story = {
  args: { graph: grouped },
  parameters: LowDetail.parameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    (await waitFor(() => button(canvasElement, 'fitview'))).click();
    await waitFor(() => expect(canvasElement.querySelector('canvas.efs-far-drawing')).not.toBeNull());
    // Focus on an algorithm of the last rows: everything else fades back.
    const algorithm = [...large.graph.nodes].reverse().find((n) => n.kind === 'algorithm');
    const pane = canvasElement.querySelector<HTMLElement>('.react-flow__pane');
    const flowBox = canvasElement.querySelector('.react-flow')?.getBoundingClientRect();
    if (!algorithm || !pane || !flowBox) throw new Error('no algorithm or canvas');
    const { x, y, zoom } = viewportOf(canvasElement);
    fireEvent.click(pane, { clientX: flowBox.x + x + (algorithm.position.x + 110) * zoom, clientY: flowBox.y + y + (algorithm.position.y + 42) * zoom });
    await userEvent.click(await canvas.findByRole('button', { name: /^Focus$/ }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Exit focus' })).toBeVisible());
    button(canvasElement, 'fitview').click();
    await waitFor(() => expect(canvasElement.querySelector('canvas.efs-far-drawing')).not.toBeNull());
  },
};

/** Groups and focus far out in the dark theme. */
export const GroupsAndFocusDark: Story = { args: { graph: grouped }, globals: { theme: 'dark' }, parameters: LowDetail.parameters, play: GroupsAndFocus.play };

/** Far out, the open search rings every hit (the current one more widely), as full detail marks them. */
export const SearchHits: Story = {
  parameters: LowDetail.parameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Find' }));
    await userEvent.paste('algo-1');
    const search = within(canvas.getByRole('search', { name: 'Find on canvas' }));
    await waitFor(() => expect(search.getByRole('status')).toHaveTextContent(/ of /));
    // Once typing pauses the view jumps to the first hit; fit view then shows all of them far out.
    await waitFor(() => expect(canvasElement.querySelector('.react-flow__node.selected')).not.toBeNull());
    button(canvasElement, 'fitview').click();
    await waitFor(() => expect(canvasElement.querySelector('canvas.efs-far-drawing')).not.toBeNull());
  },
};

/** The search's hits far out in the dark theme. */
export const SearchHitsDark: Story = { globals: { theme: 'dark' }, parameters: LowDetail.parameters, play: SearchHits.play };
