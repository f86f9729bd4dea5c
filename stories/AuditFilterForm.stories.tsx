import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AuditFilterForm } from '../packages/plugin/src/audit/AuditFilterForm.tsx';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Admin/Audit log filter',
  component: AuditFilterForm,
  decorators: [withStudio],
  args: {
    flows: [
      { id: 'flow_1', name: 'Order pipeline' },
      { id: 'flow_2', name: 'Payments' },
    ],
    onApply: fn(),
  },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof AuditFilterForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Filtering by flow. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByLabelText('Flow'), 'Payments');
    await userEvent.click(canvas.getByRole('button', { name: 'Show entries' }));
    await expect(args.onApply).toHaveBeenCalledWith({ target: 'flow_2' });
  },
};

/** The same form in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };
