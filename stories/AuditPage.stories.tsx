import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AuditView } from '../packages/plugin/src/audit/AuditView.tsx';
import { auditEntries, flows } from './adminData.ts';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Admin/Audit log page',
  component: AuditView,
  decorators: [withStudio],
  args: { entries: { state: 'ready', data: auditEntries }, flows, page: 3, hasOlder: true, onFilter: fn(), onNewer: fn(), onOlder: fn() },
} satisfies Meta<typeof AuditView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A page deep in a busy log: people by name, flows by name, a refusal and a failure marked, older pages to go. */
export const Populated: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const deploy = canvas.getAllByRole('row')[1] as HTMLElement;
    await expect(deploy).toHaveTextContent('Order pipeline');
    await expect(within(deploy).getByText('Max Mustermann (Acme member)')).toHaveAttribute('title', 'User id: max');
    await expect(canvas.getAllByRole('row')[3]).toHaveTextContent('refused');
    await expect(canvas.getByText('Page 3')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Older entries' }));
    await expect(args.onOlder).toHaveBeenCalledOnce();
  },
};

/** The log is on its way. */
export const Loading: Story = {
  args: { entries: { state: 'loading' }, page: 1, hasOlder: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading the audit log…');
  },
};

/** The log could not be read. */
export const LoadError: Story = {
  args: { entries: { state: 'error', message: 'Only cluster admins read the audit log.' }, page: 1, hasOlder: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Only cluster admins read the audit log.');
  },
};

/** A filter that matches nothing: the empty state says how to widen it; no page to go to, so no paging. */
export const NothingMatches: Story = {
  args: { entries: { state: 'ready', data: [] }, page: 1, hasOlder: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No entries match this filter')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Newer entries' })).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'Older entries' })).toBeNull();
    await expect(canvas.queryByText('Page 1')).toBeNull();
  },
};

/** The filter left open with a time range that ends before it starts: the field says so, nothing is asked. */
export const FilterWithFieldError: Story = {
  play: async ({ canvasElement, args }) => {
    const filter = within(within(canvasElement).getByRole('form', { name: 'Filter the audit log' }));
    await userEvent.type(filter.getByLabelText('From', { exact: true }), '2026-12-07T12:00');
    await userEvent.type(filter.getByLabelText('To', { exact: true }), '2026-12-07T11:00');
    await userEvent.click(filter.getByRole('button', { name: 'Show entries' }));
    await expect(filter.getByLabelText('To', { exact: true })).toHaveAccessibleDescription('The end of the time range must be after its start.');
    await expect(args.onFilter).not.toHaveBeenCalled();
  },
};
