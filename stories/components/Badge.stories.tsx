import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Badge, type BadgeTone } from '../../packages/editor/src/ui/index.ts';

const meta = {
  title: 'Components/Badge',
  component: Badge,
  parameters: { padded: true },
  args: { children: 'running', tone: 'running', count: false },
  argTypes: { tone: { control: 'select', options: ['neutral', 'accent', 'running', 'paused', 'warning', 'error', 'subscribe', 'publish', 'dlq'] } },
} satisfies Meta<typeof Badge>;

export default meta;
type Story = StoryObj<typeof meta>;

const tones: [BadgeTone, string][] = [
  ['neutral', 'draft'],
  ['accent', 'deployed r12'],
  ['running', 'running'],
  ['paused', 'paused'],
  ['warning', '3 failing'],
  ['error', 'stopped: ACL denied'],
  ['subscribe', 'subscribe'],
  ['publish', 'publish'],
  ['dlq', 'DLQ'],
];

/** Every colour role: states (running, paused, warning, error) and kinds (subscribe, publish, DLQ), each its own hue. */
export const Tones: Story = {
  render: () => (
    <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
      {tones.map(([tone, text]) => (
        <Badge key={tone} tone={tone}>
          {text}
        </Badge>
      ))}
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // DLQ is never the error colour, and running is never publish's.
    const colour = (text: string) => getComputedStyle(canvas.getByText(text)).color;
    await expect(colour('DLQ')).not.toBe(colour('stopped: ACL denied'));
    await expect(colour('running')).not.toBe(colour('publish'));
  },
};

/** A count asking for attention (pending grant requests beside a navigation entry): filled. */
export const Count: Story = {
  args: { children: '12', count: true },
  play: async ({ canvasElement }) => {
    const badge = within(canvasElement).getByText('12');
    await expect(getComputedStyle(badge).backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
  },
};
