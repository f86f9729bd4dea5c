import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { GrantRequestsTable } from '../packages/plugin/src/admin/GrantRequestsTable.tsx';
import { withStudio } from './withStudio.tsx';

const base = { orgId: 'acme', connection: 'local', access: 'subscribe' as const, requestedBy: 'max', requestedByName: 'Max (Acme member)' as string | null, requestedAt: '2026-12-06T09:30:00.000Z', decidedBy: null, decidedByName: null as string | null, decidedAt: null, reason: null };

const meta = {
  title: 'Admin/Grant requests',
  component: GrantRequestsTable,
  decorators: [withStudio],
  args: {
    requests: [
      { ...base, id: 3, algorithm: 'acme/classify', topic: 'orders', flowId: 'f1', flowName: 'Fraud checks', status: 'pending' },
      { ...base, id: 2, algorithm: 'acme/enrich', topic: 'payments', access: 'publish', flowId: null, flowName: null, status: 'pending', requestedBy: 'svc-42', requestedByName: null },
      { ...base, id: 1, algorithm: 'acme/echo', topic: 'old', flowId: 'f0', flowName: null, status: 'approved', decidedBy: 'ada', decidedByName: 'Ada (cluster admin)', decidedAt: '2026-12-06T10:00:00.000Z' },
    ],
    connectionNames: new Map([['local', 'Embedded Kafka']]),
    onApprove: fn(),
    onReject: fn(),
  },
} satisfies Meta<typeof GrantRequestsTable>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Pending and decided requests: which flow asked, who and when. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Fraud checks')).toBeVisible();
    // The requester by name when the platform knows the person, else by the id, labelled.
    const rows = canvas.getAllByRole('row');
    await expect(within(rows[1] as HTMLElement).getByText('Max (Acme member)')).toHaveAttribute('title', 'User id: max');
    await expect(rows[2]).toHaveTextContent('User id: svc-42');
    await userEvent.click(canvas.getByRole('button', { name: 'Approve acme/classify subscribe orders' }));
    await expect(args.onApprove).toHaveBeenCalledWith(3);
  },
};

/** The same in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** No request at all. */
export const Empty: Story = { args: { requests: [] } };
