import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Button, EmptyState } from '../../packages/editor/src/ui/index.ts';

const onCreate = fn();

const meta = {
  title: 'Components/EmptyState',
  component: EmptyState,
  parameters: { padded: true },
  args: { title: 'No flows yet', children: 'A flow connects algorithms to Kafka topics. Start one on an empty canvas, or import a YAML file.' },
} satisfies Meta<typeof EmptyState>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An empty list with the one thing to do about it. */
export const WithAction: Story = {
  args: {
    action: (
      <Button variant="primary" onClick={onCreate}>
        New flow
      </Button>
    ),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No flows yet')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'New flow' }));
    await expect(onCreate).toHaveBeenCalled();
  },
};

/** Nothing to do here but wait (a viewer, or no dead letters). */
export const Quiet: Story = {
  args: { title: 'No dead letters', children: 'Messages that classify cannot process land here.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button')).toBeNull();
  },
};
