import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, within } from 'storybook/test';
import { Field } from '../../packages/editor/src/ui/index.ts';

const meta = {
  title: 'Components/Field',
  component: Field,
  parameters: { padded: true },
  args: { label: 'Topic', help: 'Lower case, dots and dashes: orders.classified', error: undefined, children: <input /> },
  argTypes: { children: { control: false } },
  decorators: [(Story) => <div style={{ maxWidth: 360 }}>{Story()}</div>],
} satisfies Meta<typeof Field>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A label, its help and a control: typing shows in the control, the help is its description. */
export const Typical: Story = {
  render: (args) => {
    const [value, setValue] = useState('');
    return (
      <Field {...args}>
        <input value={value} onChange={(event) => setValue(event.target.value)} />
      </Field>
    );
  },
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Topic');
    await userEvent.type(input, 'orders.classified');
    await expect(input).toHaveValue('orders.classified');
    await expect(input).toHaveAccessibleDescription('Lower case, dots and dashes: orders.classified');
    await expect(input).not.toHaveAttribute('aria-invalid');
  },
};

/** A refused value: the error under the control, the control marked invalid and described by it. */
export const WithError: Story = {
  args: { error: 'A topic name has no spaces: "orders classified".' },
  render: (args) => (
    <Field {...args}>
      <input defaultValue="orders classified" />
    </Field>
  ),
  play: async ({ canvasElement }) => {
    const input = within(canvasElement).getByLabelText('Topic');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(/has no spaces/);
  },
};

/** A select that cannot be changed now (a viewer): grey with a dashed edge. */
export const Disabled: Story = {
  args: { label: 'Connection', help: 'Only a member changes where a flow deploys.' },
  render: (args) => (
    <Field {...args}>
      <select disabled defaultValue="eu-west">
        <option value="eu-west">eu-west (production)</option>
      </select>
    </Field>
  ),
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByLabelText('Connection')).toBeDisabled();
  },
};

/**
 * Compact fields in one row (a range's two ends): each label is for screen readers, the row names them on
 * screen; a refused end gets its sentence under it and its frame in the error colour.
 */
export const CompactInARow: Story = {
  args: { label: 'Smallest retention.ms', help: undefined },
  render: () => (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
      <Field compact label="Smallest retention.ms">
        <input type="number" defaultValue={500} style={{ width: 120 }} />
      </Field>
      <Field compact label="Largest retention.ms" error="The largest value is at least the smallest (500).">
        <input type="number" defaultValue={100} style={{ width: 120 }} />
      </Field>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const largest = canvas.getByLabelText('Largest retention.ms');
    await expect(largest).toHaveAttribute('aria-invalid', 'true');
    await expect(largest).toHaveAccessibleDescription('The largest value is at least the smallest (500).');
    await expect(canvas.getByLabelText('Smallest retention.ms')).not.toHaveAttribute('aria-invalid');
    // The labels are not on screen: the row says what the controls are.
    await expect(canvas.getByText('Largest retention.ms').getBoundingClientRect().width).toBeLessThanOrEqual(1);
  },
};
