import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Button } from '../../packages/editor/src/ui/index.ts';

const meta = {
  title: 'Components/Button',
  component: Button,
  parameters: { padded: true },
  args: { onClick: fn(), children: 'Deploy', variant: 'secondary', size: 'normal', disabled: false, busy: false },
  argTypes: {
    variant: { control: 'inline-radio', options: ['primary', 'secondary', 'danger'] },
    size: { control: 'inline-radio', options: ['normal', 'small'] },
  },
} satisfies Meta<typeof Button>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One button, its props as controls. */
export const Playground: Story = {
  play: async ({ canvasElement, args }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Deploy' }));
    await expect(args.onClick).toHaveBeenCalledTimes(1);
  },
};

/** Every variant and size, enabled: one primary per view, secondary for the rest, danger for what removes. */
export const Variants: Story = {
  render: (args) => (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button {...args} variant="primary">
          Deploy
        </Button>
        <Button {...args}>Review plan</Button>
        <Button {...args} variant="danger">
          Delete flow
        </Button>
      </div>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button {...args} variant="primary" size="small">
          Enable
        </Button>
        <Button {...args} size="small">
          Edit
        </Button>
        <Button {...args} variant="danger" size="small">
          Disable
        </Button>
      </div>
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Delete flow' }));
    await expect(args.onClick).toHaveBeenCalledTimes(2);
    // The primary button is filled with the accent, the others are not.
    const primary = getComputedStyle(canvas.getByRole('button', { name: 'Deploy' })).backgroundColor;
    await expect(getComputedStyle(canvas.getByRole('button', { name: 'Review plan' })).backgroundColor).not.toBe(primary);
  },
};

/** Disabled, in every variant: grey with a dashed edge, so a disabled Deploy never looks like it would deploy. */
export const Disabled: Story = {
  args: { disabled: true },
  render: (args) => (
    <div style={{ display: 'flex', gap: 8 }}>
      <Button {...args} variant="primary">
        Deploy
      </Button>
      <Button {...args}>Review plan</Button>
      <Button {...args} variant="danger">
        Delete flow
      </Button>
    </div>
  ),
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const deploy = canvas.getByRole('button', { name: 'Deploy' });
    await expect(deploy).toBeDisabled();
    await userEvent.click(deploy, { pointerEventsCheck: 0 });
    await expect(args.onClick).not.toHaveBeenCalled();
    // All three look alike when disabled: the primary's accent fill is gone.
    const looks = canvas.getAllByRole('button').map((button) => `${getComputedStyle(button).backgroundColor} ${getComputedStyle(button).borderStyle}`);
    await expect(new Set(looks).size).toBe(1);
    await expect(looks[0]).toContain('dashed');
  },
};

/** Busy (loading): the action runs, the button turns a ring, is disabled and says it is busy. */
export const Busy: Story = {
  args: { busy: true, variant: 'primary', children: 'Deploying…' },
  play: async ({ canvasElement, args }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Deploying…' });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await userEvent.click(button, { pointerEventsCheck: 0 });
    await expect(args.onClick).not.toHaveBeenCalled();
  },
};
