import type { Meta, StoryObj } from '@storybook/react-vite';
import { useId, useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Disclosure } from '../../packages/editor/src/ui/index.ts';

const meta = {
  title: 'Components/Disclosure',
  component: Disclosure,
  parameters: { padded: true },
  args: { label: 'acme/classify', count: 1234, expanded: false, onToggle: fn(), layout: 'row', disabled: false },
  argTypes: { layout: { control: 'inline-radio', options: ['row', 'inline'] } },
  // The story keeps the state, as a list keeps which groups are open, and shows what the toggle opens.
  render: function Render(args) {
    const [expanded, setExpanded] = useState(args.expanded);
    const region = useId();
    return (
      <div style={{ width: 300 }}>
        <Disclosure
          {...args}
          expanded={expanded}
          controls={region}
          onToggle={(next) => {
            args.onToggle(next);
            setExpanded(next);
          }}
        />
        <p id={region} hidden={!expanded}>
          12 problems of acme/classify.
        </p>
      </div>
    );
  },
} satisfies Meta<typeof Disclosure>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A group's header with its count: clicking opens it (aria-expanded, chevron down), clicking again closes it. */
export const Playground: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const toggle = canvas.getByRole('button', { name: 'acme/classify (1,234)' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(canvas.getByText(/12 problems/)).not.toBeVisible();
    await userEvent.click(toggle);
    await expect(args.onToggle).toHaveBeenLastCalledWith(true);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(toggle).toHaveTextContent('▾');
    // What it opens is the element it names.
    const opened = canvas.getByText(/12 problems/);
    await expect(opened).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-controls', opened.id);
    await userEvent.click(toggle);
    await expect(args.onToggle).toHaveBeenLastCalledWith(false);
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  },
};

/** Open from the start; Enter and Space toggle it from the keyboard. */
export const Expanded: Story = {
  args: { expanded: true },
  play: async ({ canvasElement }) => {
    const toggle = within(canvasElement).getByRole('button', { name: /acme\/classify/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.tab();
    await expect(toggle).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.keyboard(' ');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  },
};

/** Reached with Tab: the focus ring, drawn inside a row so a scrolling list does not cut it off. */
export const Focused: Story = {
  play: async ({ canvasElement }) => {
    const toggle = within(canvasElement).getByRole('button', { name: /acme\/classify/ });
    await userEvent.tab();
    await expect(toggle).toHaveFocus();
    const style = getComputedStyle(toggle);
    await expect(style.outlineStyle).toBe('solid');
    await expect(Number.parseFloat(style.outlineOffset)).toBeLessThan(0);
  },
};

/** Inline, in a toolbar (a canvas group's header): sized as a small Button, without a count. */
export const Inline: Story = {
  args: { layout: 'inline', label: 'Expand', count: undefined, 'aria-label': 'Expand group Alerting' },
  play: async ({ canvasElement, args }) => {
    const toggle = within(canvasElement).getByRole('button', { name: 'Expand group Alerting' });
    await expect(toggle.getBoundingClientRect().width).toBeLessThan(120);
    await userEvent.click(toggle);
    await expect(args.onToggle).toHaveBeenCalledWith(true);
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  },
};

/** Under the pointer: filled (the editor's listRows test checks this under a real pointer). */
export const Hover: Story = {
  play: async ({ canvasElement, args }) => {
    const toggle = within(canvasElement).getByRole('button', { name: /acme\/classify/ });
    await userEvent.hover(toggle);
    await userEvent.click(toggle);
    await expect(args.onToggle).toHaveBeenCalledTimes(1);
  },
};

/** Disabled: grey, dashed, and clicking it changes nothing. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement, args }) => {
    const toggle = within(canvasElement).getByRole('button', { name: /acme\/classify/ });
    await expect(toggle).toBeDisabled();
    await userEvent.click(toggle, { pointerEventsCheck: 0 });
    await expect(args.onToggle).not.toHaveBeenCalled();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  },
};

/** A long group name wraps inside the row, the count still after it. */
export const LongText: Story = {
  args: { label: 'acme/fraud-scoring-with-a-very-long-name-and-no-spaces-at-all', count: 98765 },
  play: async ({ canvasElement }) => {
    const toggle = within(canvasElement).getByRole('button', { name: /\(98,765\)$/ });
    await expect(toggle.scrollWidth).toBeLessThanOrEqual(toggle.clientWidth);
  },
};
