import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { RedriveGrantsView } from '../packages/plugin/src/admin/RedriveGrantsView.tsx';
import { withStudio } from './withStudio.tsx';

const orgs = [
  { id: 'acme', name: 'Acme' },
  { id: 'globex', name: 'Globex' },
];

const meta = {
  title: 'Admin/Redrive grants',
  component: RedriveGrantsView,
  decorators: [withStudio],
  args: {
    grants: [
      { orgId: 'acme', userId: 'max', userName: 'Max (Acme member)', grantedBy: 'ada', grantedByName: 'Ada (cluster admin)', grantedAt: '2026-12-06T09:30:00.000Z' },
      { orgId: 'acme', userId: 'oncall-7', userName: null, grantedBy: 'ada', grantedByName: 'Ada (cluster admin)', grantedAt: '2026-12-07T06:12:00.000Z' },
      { orgId: 'globex', userId: 'gina', userName: 'Gina (Globex member)', grantedBy: 'eventflows-seed', grantedByName: null, grantedAt: '2026-12-01T08:00:00.000Z' },
    ],
    orgs,
    onGive: fn(async () => undefined),
    onTakeBack: fn(async () => undefined),
  },
} satisfies Meta<typeof RedriveGrantsView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Who may redrive which org's dead letters; give one more person the permission, and take one back. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('table', { name: 'Who may redrive dead letters' })).toBeVisible();
    // A user id that is not one is refused beside its field, and nothing is given.
    await userEvent.type(canvas.getByLabelText('User id'), 'not an id');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(canvas.getByText(/This is not a user id/)).toBeVisible();
    await expect(args.onGive).not.toHaveBeenCalled();
    await userEvent.clear(canvas.getByLabelText('User id'));
    await userEvent.selectOptions(canvas.getByLabelText('Org'), 'globex');
    await userEvent.type(canvas.getByLabelText('User id'), 'gus');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(args.onGive).toHaveBeenCalledWith({ orgId: 'globex', userId: 'gus' });
    await expect(await canvas.findByText('gus may now redrive the dead letters of Globex.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: "Take back oncall-7's redrive permission for Acme" }));
    await expect(args.onTakeBack).toHaveBeenCalledWith(expect.objectContaining({ orgId: 'acme', userId: 'oncall-7' }));
  },
};

/** The same in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** No grant yet: only cluster admins may redrive. */
export const Empty: Story = {
  args: { grants: [] },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No one besides cluster admins may redrive')).toBeVisible();
  },
};

/** The grants are being read. */
export const Loading: Story = { args: { grants: null } };

/** The grants could not be read; a give the server refuses says why. */
export const Error: Story = {
  args: {
    grants: null,
    error: 'The server did not answer: check your connection and try again.',
    onGive: fn(async () => Promise.reject(new globalThis.Error('Only cluster admins give the redrive permission.'))),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('The server did not answer: check your connection and try again.')).toBeVisible();
    await userEvent.type(canvas.getByLabelText('User id'), 'max');
    await userEvent.click(canvas.getByRole('button', { name: 'Give permission' }));
    await expect(await canvas.findByText('Only cluster admins give the redrive permission.')).toBeVisible();
  },
};

/** The error in the dark theme. */
export const ErrorDark: Story = { ...Error, globals: { theme: 'dark' } };
