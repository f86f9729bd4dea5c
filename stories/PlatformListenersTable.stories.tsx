import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { PlatformListenersTable, type Listener } from '../packages/plugin/src/admin/PlatformListenersTable.tsx';
import { withStudio } from './withStudio.tsx';

const base = { userId: 'max', userName: 'Max (Acme member)' as string | null, sourceType: 'Kafka', bootstrap: ['127.0.0.1:9092'], connection: { id: 'local', name: 'Embedded Kafka' } as Listener['connection'], problem: null as string | null, adoptedInto: null as Listener['adoptedInto'] };

const listeners: Listener[] = [
  { ...base, id: 'l-orders', algorithm: 'acme/classify', version: '1.1.0', topic: 'orders', timeoutSeconds: 60 },
  { ...base, id: 'l-enriched', algorithm: 'acme/enrich', version: '1.0.0', topic: 'orders.classified', timeoutSeconds: null, adoptedInto: { flowId: 'flow_1', flowName: 'Order pipeline' } },
  {
    ...base,
    id: 'l-far',
    userId: 'svc-42',
    userName: null,
    algorithm: 'acme/echo',
    version: '1.0.0',
    topic: 'legacy.events',
    timeoutSeconds: 300,
    bootstrap: ['kafka.elsewhere:9092'],
    connection: null,
    problem: 'no studio connection has its bootstrap servers kafka.elsewhere:9092; a cluster admin can add one',
  },
];

const meta = {
  title: 'Studio/Admin/PlatformListenersTable',
  component: PlatformListenersTable,
  decorators: [withStudio],
  args: { listeners, chosen: new Set<string>(), onToggle: fn(), onOpenFlow: fn() },
} satisfies Meta<typeof PlatformListenersTable>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One listener to adopt, one adopted already (its flow a link), one that names no known cluster. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' }));
    await expect(args.onToggle).toHaveBeenCalledWith(listeners[0]);
    // Only a listener that can be adopted can be chosen.
    await expect(canvas.getByRole('checkbox', { name: 'Adopt legacy.events → acme/echo (listener l-far)' })).toBeDisabled();
    await expect(canvas.getByRole('checkbox', { name: 'Adopt orders.classified → acme/enrich (listener l-enriched)' })).toBeDisabled();
    await expect(canvas.getByText(/Cannot be adopted: no studio connection has its bootstrap servers kafka\.elsewhere:9092/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Order pipeline' }));
    await expect(args.onOpenFlow).toHaveBeenCalledWith('flow_1');
  },
};

/** The same in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** One chosen for adoption. */
export const Chosen: Story = { args: { chosen: new Set(['max/l-orders']) } };
