import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { TestMessageForm, type TestMessageFormProps } from '../packages/plugin/src/deploy/TestMessageForm.tsx';
import { withStudio } from './withStudio.tsx';

const topics = [
  { connection: 'local', topic: 'orders', connectionName: 'EU production (eu-west-1, 12 brokers)' },
  { connection: 'us-prod', topic: 'payments.card-authorisation.validated', connectionName: 'US production (us-east-2)' },
  { connection: 'analytics', topic: 'orders.enriched', connectionName: 'Analytics sandbox' },
];

/** The panel at its width beside the canvas. */
function Panel(props: TestMessageFormProps) {
  return (
    <aside aria-label="Flow panel" className="efs-app__panel" style={{ width: 420, flex: 'none' }}>
      <TestMessageForm {...props} />
    </aside>
  );
}

const meta = {
  title: 'Panels/Test message',
  component: Panel,
  decorators: [withStudio],
  args: { topics, sending: false, outcome: null, onSend: fn(), onEdit: fn() },
  argTypes: { topics: { control: false }, initialValue: { control: false } },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A topic of the flow on each cluster, an optional key and a JSON value; Send hands the message on. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const form = within(within(canvasElement).getByRole('form', { name: 'Send test message' }));
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Topic' }), 'payments.card-authorisation.validated (US production (us-east-2))');
    await userEvent.type(form.getByRole('textbox', { name: /^Key/ }), 'card-4242');
    await userEvent.click(form.getByRole('button', { name: 'Send' }));
    await expect(args.onSend).toHaveBeenCalledWith({ connection: 'us-prod', topic: 'payments.card-authorisation.validated', key: 'card-4242', value: '{"id": "order-1", "amount": 120}' });
  },
};

/** The message is on its way. */
export const Sending: Story = {
  args: { sending: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('button', { name: 'Send' })).toHaveAttribute('aria-busy', 'true');
  },
};

/** Sent: where it landed. */
export const Sent: Story = {
  args: { outcome: { text: 'Sent to partition 2 at offset 48,210.', tone: 'success' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Sent to partition 2 at offset 48,210.');
  },
};

/** The server refused (the flow's topic does not exist yet): said as an alert under the form. */
export const SendFailed: Story = {
  args: { outcome: { text: 'Topic "orders.enriched" does not exist on Analytics sandbox yet: deploy the flow first, which creates it.', tone: 'error' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent(/does not exist on Analytics sandbox yet/);
  },
};

/** A value over the studio's limit: refused under the field before anything is sent, and left open to fix. */
export const ValueTooLarge: Story = {
  // Made here rather than passed as an arg: 2 MB would travel to the controls panel.
  render: (args) => <Panel {...args} initialValue={'x'.repeat(2 * 1_048_576)} />,
  play: async ({ canvasElement, args }) => {
    const form = within(canvasElement);
    await userEvent.click(form.getByRole('button', { name: 'Send' }));
    const value = form.getByRole('textbox', { name: 'Value' });
    await expect(value).toHaveAttribute('aria-invalid', 'true');
    await expect(value).toHaveAccessibleDescription(/The message is 2.1 MB; at most 1 MB is sent from the studio\./);
    await expect(args.onSend).not.toHaveBeenCalled();
  },
};

/** A flow without a topic: nothing to send to, and why. */
export const NoTopics: Story = {
  args: { topics: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No topic to send to')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Send' })).toBeDisabled();
  },
};

/** Send, then see where it went; editing the form again clears what was said. */
function SendAndSee(props: TestMessageFormProps) {
  const [outcome, setOutcome] = useState<TestMessageFormProps['outcome']>(null);
  return (
    <Panel
      {...props}
      outcome={outcome}
      onSend={(message) => setOutcome(message.value.startsWith('{') ? { text: 'Sent to partition 0 at offset 1,284,503.', tone: 'success' } : { text: 'The broker refused the message: it is larger than the topic allows (max.message.bytes 1,048,588).', tone: 'error' })}
      onEdit={() => setOutcome(null)}
    />
  );
}

/** Sending a message and reading what came of it. */
export const SendAndSeeTheOutcome: Story = {
  render: (args) => <SendAndSee {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(canvas.getByRole('status')).toHaveTextContent('Sent to partition 0 at offset 1,284,503.');
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Value' }));
    await waitFor(() => expect(canvas.queryByRole('status')).toBeNull());
    await userEvent.type(canvas.getByRole('textbox', { name: 'Value' }), 'not json');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    await expect(canvas.getByRole('alert')).toHaveTextContent('The broker refused the message');
  },
};
