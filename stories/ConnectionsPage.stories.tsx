import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ConnectionsView, type ConnectionsViewProps, type ConnectionTestOutcome } from '../packages/plugin/src/admin/ConnectionsView.tsx';
import { connections } from './adminData.ts';
import { withStudio } from './withStudio.tsx';

/** What "Test connection" answers in the stories: the production clusters answer, the far one does not. */
const answers: Record<string, ConnectionTestOutcome> = {
  local: { ok: true, ms: 3, brokers: 1, topics: 12 },
  'eu-prod': { ok: true, ms: 42, brokers: 3, topics: 1_284 },
  'us-prod': { ok: true, ms: 118, brokers: 2, topics: 86 },
  'analytics-shared-cluster-apac-southeast-2': { ok: false, error: "Kafka connection 'analytics-shared-cluster-apac-southeast-2' did not answer within 5 s.", ms: 5_000 },
};

/** The page with its tests kept, as the container keeps them: a click shows the answer beside its button. */
function ConnectionsWithTests(props: ConnectionsViewProps) {
  const [results, setResults] = useState(props.testResults);
  return (
    <ConnectionsView
      {...props}
      testResults={results}
      onTest={(id) => {
        props.onTest(id);
        const answer = answers[id];
        if (answer) setResults((r) => ({ ...r, [id]: answer }));
      }}
    />
  );
}

const meta = {
  title: 'Admin/Connections page',
  component: ConnectionsView,
  decorators: [withStudio],
  render: (args) => <ConnectionsWithTests {...args} />,
  args: {
    connections: { state: 'ready', data: connections },
    testResults: {},
    testing: null,
    onTest: fn(),
    onCreate: fn(async () => undefined),
    onUpdate: fn(async () => undefined),
    onDelete: fn(async () => undefined),
    onSaveLimits: fn(async () => undefined),
  },
} satisfies Meta<typeof ConnectionsView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Four clusters, long names and many brokers; testing one says how it went beside its button. */
export const Populated: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Test connection eu-prod' }));
    await expect(args.onTest).toHaveBeenCalledWith('eu-prod');
    await expect(canvas.getByRole('row', { name: /Kafka EU \(production\)/ })).toHaveTextContent('OK in 42 ms: 3 brokers, 1,284 topics');
    await userEvent.click(canvas.getByRole('button', { name: 'Test connection analytics-shared-cluster-apac-southeast-2' }));
    await expect(canvas.getByRole('row', { name: /Shared analytics cluster/ })).toHaveTextContent("Failed: Kafka connection 'analytics-shared-cluster-apac-southeast-2' did not answer within 5 s.");
  },
};

/** The connections are on their way. */
export const Loading: Story = {
  args: { connections: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Loading the connections…');
  },
};

/** The server refused the list; the add form stays. */
export const LoadError: Story = {
  args: { connections: { state: 'error', message: 'Only cluster admins see the connections.' } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('Only cluster admins see the connections.');
    await expect(canvas.queryByRole('table')).toBeNull();
  },
};

/** No connection yet: the empty state points at the add form below it. */
export const Empty: Story = {
  args: { connections: { state: 'ready', data: [] } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No connections yet')).toBeVisible();
    await expect(canvas.getByRole('form', { name: 'Add a connection' })).toBeVisible();
  },
};

/** A test running: its button is busy. */
export const Testing: Story = {
  args: { testing: 'us-prod' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Test connection us-prod' })).toBeDisabled();
  },
};

/** The edit form of a secured cluster left open, with a bootstrap server that is not host:port. */
export const EditWithFieldError: Story = {
  args: { initialOpen: { form: 'edit', id: 'eu-prod' } },
  play: async ({ canvasElement, args }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'Edit Kafka EU (production)' }));
    const bootstrap = form.getByLabelText('Bootstrap servers', { exact: false });
    await userEvent.clear(bootstrap);
    await userEvent.type(bootstrap, 'kafka-1.eu-west-1.prod.example.com');
    await userEvent.click(form.getByRole('button', { name: 'Save connection' }));
    await expect(bootstrap).toHaveAccessibleDescription('“kafka-1.eu-west-1.prod.example.com” is not host:port (for example kafka-1.example.com:9092).');
    await expect(args.onUpdate).not.toHaveBeenCalled();
  },
};

/** A cluster's member topic limits and guardrails open beside the table. */
export const LimitsOpen: Story = {
  args: { initialOpen: { form: 'limits', id: 'eu-prod' } },
  play: async ({ canvasElement }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'Member topic limits on Kafka EU (production)' }));
    await expect(form.getByLabelText('Most partitions')).toHaveValue(48);
    await expect(form.getByLabelText('Every subscription needs a DLQ')).toBeChecked();
  },
};
