import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { ImportFlowForm } from '../packages/plugin/src/flows/ImportFlowForm.tsx';
import { expectRefused } from './refusedField.ts';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Platform/Import flow form',
  component: ImportFlowForm,
  decorators: [withStudio],
  args: { onImport: fn(async () => undefined), onCancel: fn() },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof ImportFlowForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Empty: choose a file or paste. */
export const Empty: Story = {};

/** YAML that is not a flow is refused next to the field, in the dark theme. */
export const NotAFlowDark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const text = canvas.getByLabelText('Or paste the document');
    await userEvent.click(text);
    await userEvent.paste('- 1\n- 2\n');
    await userEvent.click(canvas.getByRole('button', { name: 'Import flow' }));
    await expectRefused(text, /^This is not a flow document that can be imported\./);
    await expect(text).toHaveValue('- 1\n- 2\n');
    await expect(args.onImport).not.toHaveBeenCalled();
  },
};
