import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import type { GrantRequestRow } from '../packages/plugin/src/admin/GrantRequestsTable.tsx';
import { GrantRequestsView, type GrantRequestsViewProps } from '../packages/plugin/src/admin/GrantRequestsView.tsx';
import { connectionNames, grantRequests } from './adminData.ts';
import { withStudio } from './withStudio.tsx';

/** The page as the server keeps it: a decision marks the request, by Ada. */
function GrantRequestsDeciding(props: GrantRequestsViewProps) {
  const [shown, setShown] = useState(props.requests);
  const decide = (id: number, status: GrantRequestRow['status']) =>
    setShown((s) => (s.state === 'ready' ? { state: 'ready', data: s.data.map((r) => (r.id === id ? { ...r, status, decidedBy: 'ada', decidedByName: 'Ada Lovelace (cluster admin)' } : r)) } : s));
  return (
    <GrantRequestsView
      {...props}
      requests={shown}
      onApprove={(id) => {
        props.onApprove(id);
        decide(id, 'approved');
      }}
      onReject={(id) => {
        props.onReject(id);
        decide(id, 'rejected');
      }}
    />
  );
}

const meta = {
  title: 'Admin/Grant requests page',
  component: GrantRequestsView,
  decorators: [withStudio],
  render: (args) => <GrantRequestsDeciding {...args} />,
  args: { requests: { state: 'ready', data: grantRequests }, connectionNames, decisionProblem: null, onApprove: fn(), onReject: fn() },
} satisfies Meta<typeof GrantRequestsView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Pending and decided requests: which flow asked, who and when; approving one marks it approved and its buttons go. */
export const Populated: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const rows = canvas.getAllByRole('row');
    await expect(within(rows[1] as HTMLElement).getByText('Max Mustermann (Acme member)')).toHaveAttribute('title', 'User id: max');
    await expect(rows[2]).toHaveTextContent('User id: svc-order-pipeline-42');
    await expect(rows[4]).toHaveTextContent('a deleted flow (flow_old) (acme)');
    await userEvent.click(canvas.getByRole('button', { name: 'Approve acme/fraud-score subscribe payments.card-authorisations.realtime.v3' }));
    await expect(args.onApprove).toHaveBeenCalledWith(1042);
    await expect(canvas.getAllByRole('row')[1]).toHaveTextContent('approved by Ada Lovelace (cluster admin)');
    await expect(canvas.queryByRole('button', { name: /^Approve acme\/fraud-score/ })).toBeNull();
  },
};

/** The requests are on their way. */
export const Loading: Story = {
  args: { requests: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading the grant requests…');
  },
};

/** The list could not be read. */
export const LoadError: Story = {
  args: { requests: { state: 'error', message: 'Only cluster admins decide grant requests.' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Only cluster admins decide grant requests.');
  },
};

/** No request at all. */
export const Empty: Story = {
  args: { requests: { state: 'ready', data: [] } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No grant requests')).toBeVisible();
  },
};

/** An approval the server refused, said above the list. */
export const DecisionRefused: Story = {
  args: { decisionProblem: 'The connection "gone" was deleted: the request can only be rejected.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('can only be rejected.');
  },
};
