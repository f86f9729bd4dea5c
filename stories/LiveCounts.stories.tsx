import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { LiveCounts } from '../packages/plugin/src/deploy/LiveCounts.tsx';
import { busyHistories, busyStatuses, statesStatuses } from './flowPanelData.ts';
import { withStudio } from './withStudio.tsx';

const meta = {
  title: 'Panels/Live counts',
  component: LiveCounts,
  decorators: [withStudio],
  args: { statuses: busyStatuses, state: 'pending', histories: busyHistories() },
  argTypes: {
    statuses: { control: false },
    histories: { control: false },
    state: { control: 'inline-radio', options: ['pending', 'connecting', 'idle', 'error'] },
  },
} satisfies Meta<typeof LiveCounts>;

export default meta;
type Story = StoryObj<typeof meta>;

const table = (canvasElement: HTMLElement) => within(canvasElement).getByRole('table', { name: 'Live status' });

/** A busy pipeline over three clusters: counts with thousands separators, right-aligned under right-aligned headings, small charts of the last minutes. */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    const live = within(table(canvasElement));
    const classify = live.getByRole('row', { name: /acme\/classify ← orders/ });
    await expect(classify).toHaveTextContent(/48,210.*48,107.*103.*61/);
    await expect(within(classify).getByText('running, with failures')).toHaveAttribute('data-tone', 'warning');
    await expect(live.getByRole('row', { name: /loyalty-tier/ })).toHaveTextContent('1,284,503');
    await expect(within(classify).getByRole('img', { name: /^Throughput/ })).toBeVisible();
    // Each figure sits under its heading: both are right-aligned.
    const consumed = live.getByRole('columnheader', { name: 'Consumed' });
    await expect(getComputedStyle(consumed).textAlign).toBe('right');
    await expect(getComputedStyle(within(classify).getAllByRole('cell')[1] as HTMLElement).textAlign).toBe('right');
    await expect(live.getByText(/1 binding with failures/)).toBeVisible();
  },
};

/** Bindings starting, paused (far behind), stopped and in error: each state a badge in its own colour. */
export const States: Story = {
  args: { statuses: statesStatuses, histories: null },
  play: async ({ canvasElement }) => {
    const live = within(table(canvasElement));
    for (const [binding, state, tone] of [
      ['acme/classify ← orders', 'starting', 'accent'],
      ['acme/enrich ← orders.classified', 'paused', 'paused'],
      ['acme/alert ← orders.enriched', 'stopped', 'neutral'],
      ['acme/score-chargeback', 'error', 'error'],
    ] as const) {
      const row = live.getByRole('row', { name: new RegExp(binding) });
      await expect(within(row).getByText(state, { exact: true })).toHaveAttribute('data-tone', tone);
    }
    await expect(live.getByRole('row', { name: /acme\/enrich/ })).toHaveTextContent('31,200');
  },
};

/** The status stream reconnects: the caption says so, the last counts stay. */
export const Connecting: Story = {
  args: { state: 'connecting' },
  play: async ({ canvasElement }) => {
    await expect(within(table(canvasElement)).getByText(/Live status \(connecting\)/)).toBeVisible();
  },
};

/** Before the flow has a running binding nothing is shown (the canvas says "not deployed"). */
export const NotDeployed: Story = {
  args: { statuses: [], histories: null },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('table')).toBeNull();
  },
};
