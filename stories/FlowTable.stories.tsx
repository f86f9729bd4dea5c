import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { FlowTable } from '../packages/plugin/src/flows/FlowTable.tsx';
import { flowRow } from './flowPanelData.ts';
import { withStudio } from './withStudio.tsx';

const flows = [
  flowRow({ id: 'flow_1', name: 'Order pipeline', description: 'ingest → classify → enrich → alert, with a dead-letter queue', revision: 4, deployedRevision: 3, alertsFiring: 2, updatedBy: 'ada', updatedByName: 'Ada (cluster admin)' }),
  flowRow({ id: 'flow_2', name: 'Orders (2)', description: 'A copy to try things on', updatedBy: 'svc-42', updatedByName: null }),
  flowRow({ id: 'flow_3', name: `A flow with a long name ${'that goes on '.repeat(12)}`.trim(), revision: 12, deployedRevision: 12 }),
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
    // Each action sits at the same place across every row, whether the row has Undeploy or not (rows differ in height).
    const lefts = (row: RegExp) =>
      within(within(canvas.getByRole('row', { name: row })).getAllByRole('cell').at(-1) ?? canvasElement)
        .getAllByRole('button')
        .filter((button) => button.textContent !== 'Undeploy')
        .map((button) => [button.textContent, button.getBoundingClientRect().left]);
    await expect(lefts(/^Orders \(2\)/)).toEqual(lefts(/^Order pipeline/));
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
