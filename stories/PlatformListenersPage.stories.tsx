import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PlatformListenersView } from '../packages/plugin/src/admin/PlatformListenersView.tsx';
import { flows, listeners } from './adminData.ts';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Admin/Platform listeners page',
  component: PlatformListenersView,
  decorators: [withStudio],
  args: {
    listed: { state: 'ready', data: { configured: true, listeners, unreadable: [], membersComplete: true } },
    flows,
    canAdopt: true,
    onAdopt: fn(async () => ({ flowId: 'flow_new', revision: 1, addedNodes: 4, addedEdges: 2, adopted: 2, leftOut: [] })),
    onOpenFlow: fn(),
  },
} satisfies Meta<typeof PlatformListenersView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Listeners on two clusters, one adopted already, one on a cluster the studio does not know; adopting two says what became of them. */
export const Populated: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('checkbox', { name: 'Adopt legacy.events → acme/echo (listener l-far)' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Choose listeners to adopt' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' }));
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Adopt payments.card-authorisations.realtime.v3 → acme/fraud-score (listener l-payments)' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Adopt 2 listeners' }));
    await expect(args.onAdopt).toHaveBeenCalledWith(
      [
        { userId: 'max', id: 'l-orders' },
        { userId: 'max', id: 'l-payments' },
      ],
      { kind: 'new', name: 'Platform listeners' },
    );
    await expect(await canvas.findByText(/Adopted 2 listeners into the flow at revision 1\./)).toBeVisible();
    await expect(canvas.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' })).not.toBeChecked();
  },
};

/** The platform is being asked. */
export const Loading: Story = {
  args: { listed: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Asking the platform…');
  },
};

/** The platform did not answer. */
export const LoadError: Story = {
  args: { listed: { state: 'error', message: "The platform's API did not answer within 10 s; try again later." } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent("The platform's API did not answer within 10 s");
  },
};

/** The studio runs without the platform: it says how to connect it. */
export const NotConnected: Story = {
  args: { listed: { state: 'ready', data: { configured: false, listeners: [], unreadable: [], membersComplete: true } } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Not connected to the platform')).toBeVisible();
  },
};

/** No member has a listener; one member's could not be read. */
export const EmptyWithUnreadable: Story = {
  args: { listed: { state: 'ready', data: { configured: true, listeners: [], unreadable: [{ userId: 'svc-legacy-ingest', message: 'The platform refused to list the event listeners of svc-legacy-ingest (403).' }], membersComplete: true } } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('svc-legacy-ingest (403)');
  },
};

/** No member of the org has a listener. */
export const Empty: Story = {
  args: { listed: { state: 'ready', data: { configured: true, listeners: [], unreadable: [], membersComplete: true } } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No listeners')).toBeVisible();
  },
};

/** The org has more members than the platform is asked for: the page says whose listeners are listed, and they can be adopted still. */
export const MembersCut: Story = {
  args: { listed: { state: 'ready', data: { configured: true, listeners, unreadable: [], membersComplete: false } } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(
      canvas.getByText('Your org has more than 1,000 members on the platform: only the listeners of the first 1,000 are listed here, and only those can be adopted.'),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Adopt 1 listener' }));
    await expect(args.onAdopt).toHaveBeenCalledWith([{ userId: 'max', id: 'l-orders' }], { kind: 'new', name: 'Platform listeners' });
  },
};

/** None of the first 1,000 members runs a listener: the page does not say nobody does. */
export const EmptyMembersCut: Story = {
  args: { listed: { state: 'ready', data: { configured: true, listeners: [], unreadable: [], membersComplete: false } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('None of the first 1,000 members of your org has an event listener on the platform.')).toBeVisible();
    await expect(canvas.queryByText(/No member of your org/)).toBeNull();
  },
};

/** The adoption was refused: the sentence under the button, the choice kept. */
export const AdoptRefused: Story = {
  args: { onAdopt: fn(async () => Promise.reject(new Error('The flow "Order pipeline" was saved by someone else since it was listed: reload and adopt again.'))) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Adopt 1 listener' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent('was saved by someone else');
    await expect(canvas.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' })).toBeChecked();
  },
};

/** A viewer sees the listeners but no adopt form. */
export const Viewer: Story = {
  args: { canAdopt: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('form', { name: 'Adopt listeners' })).toBeNull();
  },
};
