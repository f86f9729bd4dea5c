import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { Badge, Table, type TableColumn } from '../../packages/editor/src/ui/index.ts';

interface BindingRow {
  algorithm: string;
  topic: string;
  state: 'running' | 'paused' | 'error';
  processed: number;
}

const rows: BindingRow[] = [
  { algorithm: 'acme/classify', topic: 'payments', state: 'running', processed: 1_284_503 },
  { algorithm: 'acme/enrich-customer-profile-with-loyalty-tier-and-region', topic: 'payments.classified.high-value.europe-west', state: 'paused', processed: 86 },
  { algorithm: 'acme/alert', topic: 'payments.enriched', state: 'error', processed: 0 },
];

const columns: TableColumn<BindingRow>[] = [
  { key: 'algorithm', header: 'Algorithm', cell: (row) => row.algorithm },
  { key: 'topic', header: 'Subscribes to', cell: (row) => row.topic },
  { key: 'state', header: 'State', cell: (row) => <Badge tone={row.state}>{row.state}</Badge> },
  { key: 'processed', header: 'Processed', numeric: true, cell: (row) => row.processed.toLocaleString('en') },
];

const meta = {
  title: 'Components/Table',
  component: Table<BindingRow>,
  parameters: { padded: true },
  args: { caption: 'Bindings of payments-pipeline', columns, rows, rowKey: (row: BindingRow) => `${row.algorithm} ${row.topic}` },
  argTypes: { columns: { control: false }, rowKey: { control: false } },
} satisfies Meta<typeof Table<BindingRow>>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Rows with long names, large numbers right-aligned and a state badge per row. */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    const table = within(canvasElement).getByRole('table', { name: 'Bindings of payments-pipeline' });
    const cells = within(table).getAllByRole('cell');
    await expect(within(table).getAllByRole('row')).toHaveLength(4);
    await expect(cells[3]).toHaveTextContent('1,284,503');
    await expect(getComputedStyle(cells[3] as HTMLElement).textAlign).toBe('right');
  },
};

/** No rows: one sentence across the table instead. */
export const Empty: Story = {
  args: { rows: [], empty: 'No bindings yet: deploy the flow to start its algorithms.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('cell')).toHaveTextContent('No bindings yet');
  },
};
