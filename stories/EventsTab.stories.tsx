import { EventsTab, exampleEventsTab } from '@event-flows/editor';
import { demoCatalog } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';

const algorithm = 'acme/classify';
const allDisabled = exampleEventsTab(demoCatalog(), algorithm);
const mixed = exampleEventsTab(demoCatalog(), algorithm, [{ topic: 'orders', access: 'subscribe', version: '1.1.0', dlq: 'orders.dlq' }]);

const meta = {
  title: 'Platform/Events tab',
  component: EventsTab,
  args: {
    algorithm,
    ...mixed,
    onEnable: fn(async () => undefined),
    onEdit: fn(async () => undefined),
    onDisable: fn(async () => undefined),
    busy: false,
    error: null,
    readOnly: false,
    theme: 'light',
  },
  argTypes: {
    rows: { control: false },
    // A message the studio shows above the rows; presets, as a raw control could hand the tab an object.
    error: {
      control: 'select',
      options: ['None', 'Server unreachable', 'Refused'],
      mapping: {
        None: null,
        'Server unreachable': 'The bindings could not be loaded: the server did not answer. Try again in a moment.',
        Refused: 'Refused: only a member of the algorithm’s organisation may change its access.',
      },
    },
    versions: { control: false },
    // The toolbar's theme switch sets it (the preview's decorator).
    theme: { control: false },
  },
  // A margin round the panel, in the theme's page colour (the preview's decorator).
  parameters: { padded: true },
} satisfies Meta<typeof EventsTab>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Mixed rows: the subscription enabled with a DLQ, whose topic's row is in use as the DLQ, and the publication
 * not enabled. Enabling the publication and disabling the subscription.
 */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('row', { name: /^orders\.dlq Local Kafka Publish/ })).toHaveTextContent('In use as DLQ');
    await expect(canvas.queryByRole('button', { name: 'Enable orders.dlq (publish)' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Enable orders.classified (publish)' }));
    const form = within(canvas.getByRole('form', { name: 'Enable publish access to orders.classified' }));
    await userEvent.selectOptions(form.getByLabelText('Version'), '1.1.0');
    await userEvent.click(form.getByRole('button', { name: 'Enable' }));
    await waitFor(() =>
      expect(args.onEnable).toHaveBeenCalledWith({ algorithm, connection: 'local', topic: 'orders.classified', access: 'publish', version: '1.1.0' }),
    );

    await userEvent.click(canvas.getByRole('button', { name: 'Disable orders (subscribe)' }));
    const dialog = within(canvas.getByRole('dialog'));
    await expect(dialog.getByText(/Afterwards the algorithm no longer has access/)).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }));
    await expect(args.onDisable).not.toHaveBeenCalled();
    await userEvent.click(canvas.getByRole('button', { name: 'Disable orders (subscribe)' }));
    await userEvent.click(within(canvas.getByRole('dialog')).getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(args.onDisable).toHaveBeenCalledWith({ algorithm, connection: 'local', topic: 'orders', access: 'subscribe' }));
  },
};

/** Nothing enabled yet: enabling the subscription with a version and a Dead Letter Queue. */
export const AllDisabled: Story = {
  args: { ...allDisabled },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Enable orders (subscribe)' }));
    const form = within(canvas.getByRole('form', { name: 'Enable subscribe access to orders' }));
    await userEvent.selectOptions(form.getByLabelText('Version'), '1.2.0');
    await userEvent.click(form.getByLabelText('Enable Dead Letter Queue'));
    await userEvent.selectOptions(form.getByLabelText('Dead-letter topic'), 'orders.dlq (Local Kafka)');
    await userEvent.click(form.getByRole('button', { name: 'Enable' }));
    await waitFor(() =>
      expect(args.onEnable).toHaveBeenCalledWith({
        algorithm,
        connection: 'local',
        topic: 'orders',
        access: 'subscribe',
        version: '1.2.0',
        dlq: { connection: 'local', topic: 'orders.dlq' },
      }),
    );
  },
};

/** A viewer sees what is enabled, without any action. */
export const ViewerReadOnly: Story = {
  args: { readOnly: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('row')).toHaveLength(mixed.rows.length + 1);
    await expect(canvas.queryAllByRole('button')).toHaveLength(0);
  },
};

/** While the rows load or a change runs, every action waits. */
export const Busy: Story = {
  args: { busy: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('Working');
    for (const button of canvas.getAllByRole('button')) await expect(button).toBeDisabled();
  },
};

/** The server refused or could not be reached. */
export const ServerError: Story = {
  args: { error: 'The bindings could not be loaded: the server did not answer. Try again in a moment.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('could not be loaded');
  },
};

/** The same rows in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** The rows have not come yet: the tab says it is loading, never that nothing is granted. */
export const Loading: Story = {
  args: { rows: [], loading: true },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent(`Loading the topics ${algorithm} may access`);
    await expect(canvas.queryByText(/has not been granted access/)).toBeNull();
  },
};

const missing = { connection: 'local', topic: 'orders.dlq', algorithm, access: 'publish' as const };

/** An enable refused for access nobody granted offers "Request access" in the form, then shows the request waiting. */
export const AccessRefused: Story = {
  args: {
    ...allDisabled,
    onEnable: fn(async () => {
      throw Object.assign(new Error(`This change was not made: ${algorithm} may not publish to "orders.dlq" on "local": a cluster admin has not granted it.`), {
        data: { missingGrants: [missing] },
      });
    }),
    onRequestAccess: fn(async () => undefined),
    accessRequests: [{ ...missing, status: 'pending', reason: null }],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Enable orders (subscribe)' }));
    const form = within(canvas.getByRole('form', { name: 'Enable subscribe access to orders' }));
    await userEvent.click(form.getByLabelText('Enable Dead Letter Queue'));
    await userEvent.selectOptions(form.getByLabelText('Dead-letter topic'), 'orders.dlq (Local Kafka)');
    await userEvent.click(form.getByRole('button', { name: 'Enable' }));
    await userEvent.click(await form.findByRole('button', { name: 'Request access' }));
    await waitFor(() => expect(args.onRequestAccess).toHaveBeenCalled());
    await expect(await form.findByRole('status')).toHaveTextContent('Access requested — waiting for a cluster admin');
  },
};

/** No cluster admin has granted the algorithm any topic yet: the tab says so and who can change it. */
export const NoGrants: Story = {
  args: { rows: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(`${algorithm} has not been granted access to any topic. A cluster admin can grant it.`)).toBeVisible();
    await expect(canvas.queryAllByRole('button')).toHaveLength(0);
  },
};

/** An enable the server could not carry out: the form stays open with what was chosen and says why. */
export const SubmitFailed: Story = {
  args: {
    ...allDisabled,
    onEnable: fn(async () => {
      throw new Error('Kafka connection "Local Kafka" did not answer within 5 s. Nothing was changed; try again.');
    }),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Enable orders (subscribe)' }));
    const form = within(canvas.getByRole('form', { name: 'Enable subscribe access to orders' }));
    await userEvent.selectOptions(form.getByLabelText('Version'), '1.1.0');
    await userEvent.click(form.getByRole('button', { name: 'Enable' }));
    await expect(await form.findByRole('alert')).toHaveTextContent('did not answer within 5 s');
    // What the person chose is still there to try again.
    await expect(form.getByLabelText('Version')).toHaveValue('1.1.0');
  },
};
