import { EventFlowsEditor } from '@event-flows/editor';
import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { editorArgTypes, showWholeFlow } from './editorStory.ts';


function nodeElement(canvasElement: HTMLElement, id: string): HTMLElement | null {
  return canvasElement.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
}

/** Whether the node's box lies wholly inside the canvas. */
function inView(canvasElement: HTMLElement, id: string): boolean {
  const node = nodeElement(canvasElement, id)?.getBoundingClientRect();
  const canvas = canvasElement.querySelector('.react-flow')?.getBoundingClientRect();
  if (!node || !canvas) return false;
  return node.left >= canvas.left && node.right <= canvas.right && node.top >= canvas.top && node.bottom <= canvas.bottom;
}

const meta = {
  title: 'Canvas/Find',
  component: EventFlowsEditor,
  args: { graph: pipelineGraph(), catalog: demoCatalog(), actor: demoMember, readOnly: false, theme: 'light' },
  argTypes: editorArgTypes,
} satisfies Meta<typeof EventFlowsEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Before anything is asked: "Find" opens the search box, and "Focus" waits for one selected node. */
export const Closed: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole('button', { name: 'Find' })).toBeEnabled();
    expect(canvas.getByRole('button', { name: 'Focus' })).toBeDisabled();
  },
};

/**
 * "Find" (or Ctrl/⌘+F) opens the search box over the demo pipeline, which opens at a readable zoom on
 * its start; "orders" finds four topics, and Enter walks to the next hit, selected and brought into view.
 */
export const Search: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(nodeElement(canvasElement, 't-orders')).not.toBeNull());
    expect(inView(canvasElement, 't-enriched')).toBe(false);
    // The "Find" button opens the box as Ctrl/⌘+F does (the component test presses the keys).
    await userEvent.click(await canvas.findByRole('button', { name: 'Find' }));
    const box = await canvas.findByRole('searchbox', { name: 'Find an algorithm, topic or connection' });
    await waitFor(() => expect(box).toHaveFocus());
    // Pasted rather than typed key by key: the component test types; here it keeps the story quick.
    await userEvent.paste('orders');
    const search = within(canvas.getByRole('search', { name: 'Find on canvas' }));
    await waitFor(() => expect(search.getByRole('status')).toHaveTextContent(/^1 of 4\b/));
    // Once typing pauses, the view jumps to the first hit.
    await waitFor(() => expect(nodeElement(canvasElement, 't-orders')).toHaveClass('selected'));
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(search.getByRole('status')).toHaveTextContent(/^3 of 4\b/));
    await waitFor(() => expect(inView(canvasElement, 't-enriched')).toBe(true));
    await waitFor(() => expect(nodeElement(canvasElement, 't-enriched')).toHaveClass('selected'));
  },
};

/** Every hit is marked while the box is open, the current one with a stronger ring. */
export const AllHitsMarked: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showWholeFlow(canvasElement);
    await userEvent.click(await canvas.findByRole('button', { name: 'Find' }));
    await userEvent.paste('orders');
    const search = within(canvas.getByRole('search', { name: 'Find on canvas' }));
    await waitFor(() => expect(search.getByRole('status')).toHaveTextContent(/^1 of 4\b/));
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node.efs-search-hit')).toHaveLength(4));
    expect(nodeElement(canvasElement, 't-orders')).toHaveClass('efs-search-hit--current');
    // Once typing pauses the view jumps to the first hit; then the whole flow is shown again.
    await waitFor(() => expect(nodeElement(canvasElement, 't-orders')).toHaveClass('selected'));
    await showWholeFlow(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node.efs-search-hit')).toHaveLength(4));
  },
};

/** The marked hits in the dark theme. */
export const AllHitsMarkedDark: Story = { globals: { theme: 'dark' }, play: AllHitsMarked.play };

/** The search in the dark theme, left open on its hit. */
export const SearchDark: Story = { globals: { theme: 'dark' }, play: Search.play };

/**
 * Focus mode on the demo pipeline: enrich and its neighbours within two hops stay, the rest fades
 * back; the hop buttons widen or narrow it and "Exit focus" shows the whole flow again.
 */
export const Focus: Story = {
  // The nodes focus mode fades back are meant to be hard to read; axe checks everything else.
  parameters: { a11y: { context: { exclude: ['.efs-focus-mode .react-flow__node:not(.efs-in-focus)'] } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await showWholeFlow(canvasElement);
    const enrich = await waitFor(() => {
      const element = nodeElement(canvasElement, 'a-enrich');
      if (!element) throw new Error('enrich is not on the canvas yet');
      return element;
    });
    await userEvent.click(enrich);
    await userEvent.click(canvas.getByRole('button', { name: 'Focus' }));
    await userEvent.click(await canvas.findByRole('button', { name: 'Within 2 hops' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Within 2 hops' })).toHaveAttribute('aria-pressed', 'true'));
    // Focus mode brought the neighbourhood into view; show the whole flow to see what is dimmed.
    await showWholeFlow(canvasElement);
    const orders = nodeElement(canvasElement, 't-orders');
    if (!orders) throw new Error('orders is not on the canvas');
    await waitFor(() => expect(Number(getComputedStyle(orders).opacity)).toBeLessThan(0.5));
    expect(Number(getComputedStyle(enrich).opacity)).toBe(1);
    expect(canvas.getByRole('button', { name: 'Exit focus' })).toBeVisible();
  },
};

/** Focus mode in the dark theme. */
export const FocusDark: Story = { globals: { theme: 'dark' }, parameters: Focus.parameters, play: Focus.play };
