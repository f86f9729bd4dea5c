import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { GrantForm } from '../packages/plugin/src/admin/GrantForm.tsx';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Admin/Grant form',
  component: GrantForm,
  decorators: [withStudio],
  args: {
    algorithms: [
      { ref: 'acme/classify', name: 'classify' },
      { ref: 'acme/enrich', name: 'enrich' },
    ],
    connections: [
      { id: 'local', name: 'Embedded Kafka' },
      { id: 'eu', name: 'Kafka EU' },
    ],
    connection: 'local',
    topics: { state: 'ready', names: ['orders', 'orders.dlq', 'payments'] },
    onConnectionChange: fn(),
    onAdd: fn(async () => undefined),
  },
} satisfies Meta<typeof GrantForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Pickers for the published algorithms, the connections and the chosen connection's topics. */
export const Typical: Story = {};

/** The same in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Nothing picked: a sentence beside each picker, nothing added. */
export const NothingPicked: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Add grant' }));
    await expect(canvas.getByText('Pick the algorithm to grant access to.')).toBeVisible();
    await expect(canvas.getByText('Pick the topic.')).toBeVisible();
    await expect(args.onAdd).not.toHaveBeenCalled();
  },
};

/** A connection that did not answer: the topic is named by hand. */
export const TopicsUnavailable: Story = {
  args: { connection: 'eu', topics: { state: 'error', message: "Kafka connection 'eu' did not answer within 5 s." } },
};

/** The same in the dark theme. */
export const TopicsUnavailableDark: Story = { ...TopicsUnavailable, globals: { theme: 'dark' } };
