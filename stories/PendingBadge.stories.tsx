import { Button } from '@event-flows/editor';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { PendingBadge } from '../packages/plugin/src/admin/PendingRequestsCount.tsx';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Admin/Pending requests badge',
  component: PendingBadge,
  decorators: [withStudio],
  args: { count: 3 },
  render: (args) => (
    <nav aria-label="Studio" className="efs-app__nav">
      <Button>
        Grant requests
        <PendingBadge {...args} />
      </Button>
    </nav>
  ),
} satisfies Meta<typeof PendingBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Three requests wait: the navigation entry reads "Grant requests 3 pending". */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Grant requests 3 pending' })).toBeVisible();
  },
};

/** The same in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };
