import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { MemberLimitsForm } from '../packages/plugin/src/admin/MemberLimitsForm.tsx';
import { expectRefused } from './refusedField.ts';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Admin/Member limits form',
  component: MemberLimitsForm,
  decorators: [withStudio],
  args: { connectionName: 'Local Kafka', limits: undefined, onSave: fn(async () => undefined), onClose: fn() },
} satisfies Meta<typeof MemberLimitsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A connection on the model's default limits. */
export const Defaults: Story = {};

/** Limits a cluster admin set: reset is offered. */
export const SetByAdmin: Story = {
  args: { limits: { partitions: 48, replicationFactor: 2, config: { 'retention.ms': { min: 60_000, max: 86_400_000, unit: 'ms' }, 'cleanup.policy': { oneOf: ['delete'] } } } },
};

/** Bad values: each field says what it takes, and nothing is saved. */
export const BadValues: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.clear(canvas.getByLabelText('Most partitions'));
    await userEvent.type(canvas.getByLabelText('Most partitions'), '999999');
    const largest = canvas.getByLabelText('Largest retention.ms');
    await userEvent.clear(largest);
    await userEvent.type(largest, '100');
    await userEvent.click(canvas.getByRole('button', { name: 'Save limits' }));
    await expectRefused(canvas.getByLabelText('Most partitions'), 'Most partitions is a whole number from 1 to 10000.');
    // A rule row's field is refused the same way, beside its value, which stays as typed.
    await expectRefused(largest, 'Must be at least the smallest, 3,600,000.');
    await expect(largest).toHaveValue(100);
    // The summary above Save counts the fields to correct.
    await expect(canvas.getByRole('alert')).toHaveTextContent('Nothing was saved: 2 fields above need correcting.');
    await expect(args.onSave).not.toHaveBeenCalled();
  },
};

/** The same bad values in the dark theme. */
export const BadValuesDark: Story = { ...BadValues, globals: { theme: 'dark' } };

/** The defaults in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** Guardrails a cluster admin set: a topic name pattern with its meaning, fewest partitions and replicas, a DLQ for every subscription. */
export const WithGuardrails: Story = {
  args: {
    limits: {
      partitions: 12,
      minPartitions: 3,
      minReplicationFactor: 2,
      config: { 'retention.ms': { min: 3_600_000, max: 2_592_000_000, unit: 'ms' } },
      topicName: { pattern: 'orders\\.[a-z0-9-]+', description: 'orders, a dot, then the event in lower case' },
      requireDlq: true,
    },
  },
};

/** A pattern that would match slowly is refused beside its field, in a sentence. */
export const SlowPattern: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText('Topic name pattern', { exact: false }), '(a+)+');
    await userEvent.type(canvas.getByLabelText('What the pattern asks for', { exact: false }), 'anything');
    await userEvent.click(canvas.getByRole('button', { name: 'Save limits' }));
    await expect(canvas.getByText(/^A topic name pattern may not repeat a group that itself repeats/)).toBeVisible();
    await expect(args.onSave).not.toHaveBeenCalled();
  },
};

/** Guardrails in the dark theme. */
export const WithGuardrailsDark: Story = { ...WithGuardrails, globals: { theme: 'dark' } };
