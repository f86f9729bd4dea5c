import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { FlowTable } from '../packages/plugin/src/flows/FlowTable.tsx';
import type { FlowRow } from '../packages/plugin/src/flows/flowListView.ts';
import { withStudio } from './withStudio.tsx';

const row = (over: Partial<FlowRow>): FlowRow => ({
  id: 'flow_1',
  orgId: 'acme',
  name: 'Orders',
  description: '',
  revision: 1,
  updatedBy: 'max',
  updatedByName: 'Max (Acme member)',
  updatedAt: '2026-12-06T10:00:00.000Z',
  nodeCount: 4,
  edgeCount: 3,
  deployedRevision: null,
  alertsFiring: 0,
  ...over,
});

const flows = [
  row({ id: 'flow_1', name: 'Order pipeline', description: 'ingest → classify → enrich → alert, with a dead-letter queue', revision: 4, deployedRevision: 3, alertsFiring: 2, updatedBy: 'ada', updatedByName: 'Ada (cluster admin)' }),
  row({ id: 'flow_2', name: 'Orders (2)', description: 'A copy to try things on', updatedBy: 'svc-42', updatedByName: null }),
  row({ id: 'flow_3', name: `A flow with a long name ${'that goes on '.repeat(12)}`.trim(), revision: 12, deployedRevision: 12 }),
];

const meta = {
  title: 'Panels/Flow list/Table',
  component: FlowTable,
  decorators: [withStudio],
  args: { flows, canWrite: true, onAction: fn() },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof FlowTable>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A member's list: undeploy only for deployed flows; an action names its flow. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('row', { name: /Orders \(2\)/ })).toHaveTextContent('not deployed');
    // A deployed flow whose alerts fire says how many.
    await expect(canvas.getByRole('row', { name: /^Order pipeline/ })).toHaveTextContent('revision 32 alerts firing');
    await expect(canvas.queryByRole('button', { name: 'Undeploy Orders (2)' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Undeploy Order pipeline' }));
    await expect(args.onAction).toHaveBeenCalledWith('undeploy', flows[0]);
  },
};

/** The same list in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** A viewer opens and exports only. */
export const Viewer: Story = {
  args: { canWrite: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button', { name: /^Delete / })).toBeNull();
  },
};
