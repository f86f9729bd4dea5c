import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { FlowRow } from '../packages/plugin/src/flows/flowListView.ts';
import { FlowListView, type FlowListNotice, type FlowListOpen, type FlowListViewProps } from '../packages/plugin/src/flows/FlowListView.tsx';
import { flows } from './flowPanelData.ts';
import { withStudio } from './withStudio.tsx';

const [orders, cards] = flows as [FlowRow, FlowRow, ...FlowRow[]];

const meta = {
  title: 'Panels/Flow list/Page',
  component: FlowListView,
  decorators: [withStudio],
  args: {
    orgName: 'Acme Analytics',
    flows: { state: 'ready', data: flows },
    canWrite: true,
    open: null,
    notice: null,
    onAction: fn(),
    onOpenImport: fn(),
    onClose: fn(),
    onSaveDetails: fn(async () => undefined),
    onImport: fn(async () => undefined),
    onCreate: fn(async () => undefined),
    onConfirmDelete: fn(),
    onConfirmUndeploy: fn(),
  },
  argTypes: { flows: { control: false }, open: { control: false } },
} satisfies Meta<typeof FlowListView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An org's flows: deployed or not, alerts firing, a very long name cut with an ellipsis; search narrows the list. */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Flows of Acme Analytics' })).toBeVisible();
    await expect(canvas.getByRole('row', { name: /^Card authorisation/ })).toHaveTextContent('1,207');
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search by name' }), 'ORDER');
    await waitFor(() => expect(canvas.getAllByRole('row')).toHaveLength(3));
    await userEvent.clear(canvas.getByRole('searchbox', { name: 'Search by name' }));
  },
};

/** The flows are on their way. */
export const Loading: Story = {
  args: { flows: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading flows…');
  },
};

/** The server could not list them. */
export const ServerError: Story = {
  args: { flows: { state: 'error', message: 'The server did not answer; check your connection and try again.' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('Could not list the flows: The server did not answer');
  },
};

/** A new org: no flows yet, and how to make one. */
export const Empty: Story = {
  args: { flows: { state: 'ready', data: [] } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No flows yet')).toBeVisible();
    await expect(within(canvasElement).getByRole('button', { name: 'Create flow' })).toBeVisible();
  },
};

/** A search that finds nothing says so. */
export const NothingFound: Story = {
  args: { initialSearch: 'fraud' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No flow name holds "fraud"')).toBeVisible();
    await expect(within(canvasElement).queryByRole('table')).toBeNull();
  },
};

/** A viewer sees the flows, opens and exports; no forms. */
export const Viewer: Story = {
  args: { canWrite: false },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole('button', { name: 'Import flow…' })).toBeNull();
    await expect(canvas.queryByLabelText('New flow name')).toBeNull();
  },
};

/** The details form left open, with the server's refusal of a name another flow has, under the name. */
export const DetailsRefused: Story = {
  args: {
    open: { kind: 'details', flow: orders },
    onSaveDetails: fn(async () => {
      throw new Error('Another flow is already named "Card authorisation scoring (EU + US)". Choose a different name.');
    }),
  },
  play: async ({ canvasElement }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'Flow details' }));
    const name = form.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'Card authorisation scoring (EU + US)');
    await userEvent.click(form.getByRole('button', { name: 'Save details' }));
    await expect(await form.findByRole('alert')).toHaveTextContent('Another flow is already named');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
  },
};

/** A new flow name that is too long: said under the field, and the form stays as typed. */
export const NewFlowNameTooLong: Story = {
  play: async ({ canvasElement, args }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'New flow' }));
    const name = form.getByRole('textbox', { name: 'New flow name' });
    await userEvent.click(name);
    await userEvent.paste('n'.repeat(300));
    await userEvent.click(form.getByRole('button', { name: 'Create flow' }));
    await expect(name).toHaveAccessibleDescription('A flow name may have at most 200 characters; this one has 300.');
    await expect(args.onCreate).not.toHaveBeenCalled();
  },
};

/** The import form open. */
export const ImportOpen: Story = {
  args: { open: { kind: 'import' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('form', { name: 'Import a flow' })).toBeVisible();
  },
};

/** A deployed flow's delete asks first, and says the server will refuse until it is undeployed. */
export const DeleteConfirmOpen: Story = {
  args: { open: { kind: 'delete', flow: cards } },
  render: (args, context) => <FlowListView {...args} open={context.viewMode === 'docs' ? null : args.open} />,
  play: async ({ canvasElement, args }) => {
    const dialog = within(canvasElement).getByRole('dialog', { name: 'Delete "Card authorisation scoring (EU + US)"?' });
    await expect(dialog).toHaveTextContent('its 1,207 revisions are deleted for good. It is deployed');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete flow' }));
    await expect(args.onConfirmDelete).toHaveBeenCalledWith(cards);
  },
};

/** What an action came to, as a person sees it: undeploy asks, then the list says it is done. */
function UndeployAndSee(props: FlowListViewProps) {
  const [open, setOpen] = useState<FlowListOpen>(null);
  const [notice, setNotice] = useState<FlowListNotice>(null);
  return (
    <FlowListView
      {...props}
      open={open}
      notice={notice}
      onAction={(action, flow) => (action === 'undeploy' ? setOpen({ kind: 'undeploy', flow }) : undefined)}
      onClose={() => setOpen(null)}
      onConfirmUndeploy={(flow) => {
        setOpen(null);
        setNotice({ tone: 'ok', text: `Undeployed "${flow.name}": Stop 3 bindings, remove 9 ACLs.` });
      }}
    />
  );
}

/** Undeploy a flow: asked first, then said done. */
export const Undeploy: Story = {
  render: (args) => <UndeployAndSee {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Undeploy Order pipeline' }));
    const dialog = canvas.getByRole('dialog', { name: 'Undeploy "Order pipeline"?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Undeploy' }));
    await expect(canvas.getByRole('status')).toHaveTextContent('Undeployed "Order pipeline": Stop 3 bindings, remove 9 ACLs.');
  },
};
