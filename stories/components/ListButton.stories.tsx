import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ListButton } from '../../packages/editor/src/ui/index.ts';

const meta = {
  title: 'Components/ListButton',
  component: ListButton,
  parameters: { padded: true },
  args: { onClick: fn(), children: 'classify', detail: 'acme/classify · v 1.2.0', tone: 'algorithm', disabled: false, proposed: false },
  argTypes: {
    tone: { control: 'inline-radio', options: [undefined, 'algorithm', 'topic', 'info', 'warning', 'error'] },
    lead: { control: 'text' },
    detail: { control: 'text' },
  },
  // A list entry takes the width of its list: a palette's or a side panel's.
  decorators: [(Story) => <ul style={{ width: 260, margin: 0, padding: 0, listStyle: 'none' }}><li><Story /></li></ul>],
} satisfies Meta<typeof ListButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One entry, its props as controls; activating it calls onClick, by pointer or by keyboard. */
export const Playground: Story = {
  play: async ({ canvasElement, args }) => {
    const row = within(canvasElement).getByRole('button', { name: /classify/ });
    await userEvent.click(row);
    await expect(args.onClick).toHaveBeenCalledTimes(1);
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard(' ');
    await expect(args.onClick).toHaveBeenCalledTimes(3);
  },
};

/** Every tone: a palette's algorithm and topic cards, the problems' note, warning and error, and a plain row. */
export const Tones: Story = {
  render: (args) => (
    <>
      <ListButton {...args} tone="algorithm" detail="acme/classify · v 1.2.0">classify</ListButton>
      <ListButton {...args} tone="topic" detail="Local Kafka · 3 partitions">orders</ListButton>
      <ListButton {...args} tone="info" lead="Note" detail="topic-will-be-created">Topic "orders.audit" does not exist yet.</ListButton>
      <ListButton {...args} tone="warning" lead="Warning" detail="floating-version">"latest" changes whenever a new version is published.</ListButton>
      <ListButton {...args} tone="error" lead="Error" detail="unknown-version">acme/alert has no version 9.9.9.</ListButton>
      <ListButton {...args} tone={undefined} detail={undefined}>A plain entry</ListButton>
      <ListButton {...args} tone="topic" proposed detail={undefined}>Create topic “payments” on Local Kafka</ListButton>
    </>
  ),
  play: async ({ canvasElement }) => {
    const rows = within(canvasElement).getAllByRole('button');
    const edge = (name: RegExp) => getComputedStyle(rows.find((r) => name.test(r.textContent ?? '')) as HTMLElement);
    // Each tone has its own leading edge, thicker than the others; a plain row has none.
    const edges = new Set(rows.slice(0, 5).map((r) => getComputedStyle(r).borderLeftColor));
    await expect(edges.size).toBe(5);
    await expect(Number.parseFloat(edge(/acme\/alert/).borderLeftWidth)).toBeGreaterThanOrEqual(4);
    await expect(Number.parseFloat(edge(/A plain entry/).borderLeftWidth)).toBe(1);
    // A row that offers to make something not there yet has a dashed edge.
    await expect(edge(/Create topic/).borderTopStyle).toBe('dashed');
  },
};

/** Reached with Tab: the focus ring, in the focus colour, around the row. */
export const Focused: Story = {
  play: async ({ canvasElement }) => {
    const row = within(canvasElement).getByRole('button', { name: /classify/ });
    await userEvent.tab();
    await expect(row).toHaveFocus();
    const style = getComputedStyle(row);
    await expect(style.outlineStyle).toBe('solid');
    await expect(Number.parseFloat(style.outlineWidth)).toBeGreaterThanOrEqual(2);
  },
};

/** Pressed (a row that is switched on, `aria-pressed`): the accent edge drawn twice as thick. */
export const Pressed: Story = {
  args: { 'aria-pressed': true, tone: undefined },
  play: async ({ canvasElement, args }) => {
    const row = within(canvasElement).getByRole('button', { name: /classify/, pressed: true });
    await expect(getComputedStyle(row).boxShadow).not.toBe('none');
    await userEvent.click(row);
    await expect(args.onClick).toHaveBeenCalledTimes(1);
  },
};

/** Under the pointer: filled, its edges darker (the editor's listRows test checks the colours change under a real pointer). */
export const Hover: Story = {
  play: async ({ canvasElement, args }) => {
    const row = within(canvasElement).getByRole('button', { name: /classify/ });
    await userEvent.hover(row);
    await userEvent.click(row);
    await expect(args.onClick).toHaveBeenCalledTimes(1);
  },
};

/** Disabled (a problem that concerns the whole flow, a viewer's "Create topic"): grey, dashed, and it does nothing. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement, args }) => {
    const row = within(canvasElement).getByRole('button', { name: /classify/ });
    await expect(row).toBeDisabled();
    await userEvent.click(row, { pointerEventsCheck: 0 });
    await expect(args.onClick).not.toHaveBeenCalled();
    await expect(getComputedStyle(row).borderTopStyle).toBe('dashed');
    await expect(getComputedStyle(row).cursor).toBe('not-allowed');
  },
};

/** A long name and a long detail wrap inside the row; nothing runs out of it. */
export const LongText: Story = {
  args: {
    tone: 'error',
    lead: 'Error',
    children: 'acme/fraud-scoring-with-a-very-long-name-and-no-spaces-at-all has no grant to subscribe to "payments.incoming.europe.west.v2"',
    detail: 'access-not-granted-for-a-very-long-diagnostic-code',
  },
  play: async ({ canvasElement }) => {
    const row = within(canvasElement).getByRole('button', { name: /fraud-scoring/ });
    await expect(row.scrollWidth).toBeLessThanOrEqual(row.clientWidth);
    await expect(row.getBoundingClientRect().width).toBe(260);
  },
};

/** A palette card is dragged onto the canvas: it is draggable and shows a grab cursor. */
export const Draggable: Story = {
  args: { draggable: true, onDragStart: fn() },
  play: async ({ canvasElement, args }) => {
    const row = within(canvasElement).getByRole('button', { name: /classify/ });
    await expect(row).toHaveAttribute('draggable', 'true');
    await expect(getComputedStyle(row).cursor).toBe('grab');
    const transfer = new DataTransfer();
    row.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: transfer }));
    await expect(args.onDragStart).toHaveBeenCalledTimes(1);
  },
};
