import { limits } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { FlowDetailsForm } from '../packages/plugin/src/flows/FlowDetailsForm.tsx';
import { expectRefused } from './refusedField.ts';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Platform/Flow details form',
  component: FlowDetailsForm,
  decorators: [withStudio],
  args: { name: 'Orders', description: 'Orders from the web shop', onSave: fn(async () => undefined), onCancel: fn() },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof FlowDetailsForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Renaming a flow. */
export const Typical: Story = {};

/** A 300-character name is named next to the field, in the dark theme. */
export const TooLongDark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const name = canvas.getByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.click(name);
    await userEvent.paste('n'.repeat(300));
    await userEvent.click(canvas.getByRole('button', { name: 'Save details' }));
    await expectRefused(name, `A flow name may have at most ${limits.name} characters; this one has 300.`);
    // What was pasted stays, to be shortened.
    await expect(name).toHaveValue('n'.repeat(300));
    await expect(args.onSave).not.toHaveBeenCalled();
  },
};
