import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Spinner } from '../../packages/editor/src/ui/index.ts';

const meta = {
  title: 'Components/Spinner',
  component: Spinner,
  parameters: { padded: true },
  args: { label: 'Loading flows…' },
} satisfies Meta<typeof Spinner>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Loading: a turning ring and the words a screen reader says. */
export const Loading: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading flows…');
  },
};
