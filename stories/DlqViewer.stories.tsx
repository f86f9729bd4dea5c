import { DlqViewer, exampleDlqRecords } from '@event-flows/editor';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';

const records = exampleDlqRecords();
const replayed = { replayed: 4, topic: 'orders', skipped: [{ reason: 'a failed replay of a dead letter still in the DLQ, which was replayed instead', count: 1 }] };

const meta = {
  title: 'Panels/Dead letters',
  component: DlqViewer,
  args: {
    subscription: 'acme/classify ← orders',
    topic: 'orders',
    dlqTopic: 'orders.dlq',
    records,
    complete: true,
    loading: false,
    error: null,
    readOnly: false,
    theme: 'light',
    onReplay: fn(async () => replayed),
    onReplayEdited: fn(async () => ({ replayed: 1, topic: 'orders', skipped: [] })),
  },
  argTypes: {
    records: { control: false },
    // The toolbar's theme switch sets it (the preview's decorator).
    theme: { control: false },
  },
  // A margin round the panel, in the theme's page colour (the preview's decorator).
  parameters: { padded: true },
  // A side panel's width, as the studio shows it; the theme comes from the toolbar (the preview's decorator).
  render: (args) => (
    <div style={{ width: 520 }}>
      <DlqViewer {...args} />
    </div>
  ),
} satisfies Meta<typeof DlqViewer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Five dead letters (JSON, text, bytes, a time-out after retries, a failed replay): replaying all after the confirmation. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('listitem', { name: 'Partition 0 · offset 3' })).toHaveTextContent('Failed again');
    await userEvent.click(canvas.getByRole('button', { name: 'Replay all…' }));
    const dialog = within(canvas.getByRole('dialog', { name: 'Replay all dead letters?' }));
    await expect(dialog.getByText(/all 4 dead letters/)).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Replay 4 records' }));
    await waitFor(() => expect(args.onReplay).toHaveBeenCalledWith('all', expect.anything()));
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Replayed 4 records to orders.'));
  },
};

/** The same records in the dark theme. */
export const Dark: Story = { globals: { theme: 'dark' } };

/** A peek that did not see the whole DLQ says that older records are not shown. */
export const OlderNotShown: Story = {
  args: { complete: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText(/^Older records not shown/)).toBeVisible();
  },
};

/** The same, dark. */
export const OlderNotShownDark: Story = { args: { complete: false }, globals: { theme: 'dark' } };

/** Editing a record's value before replaying it. */
export const EditBeforeReplay: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const item = within(canvas.getByRole('listitem', { name: 'Partition 0 · offset 4' }));
    await userEvent.click(item.getByRole('button', { name: 'Edit and replay' }));
    const value = item.getByLabelText('Value');
    await userEvent.clear(value);
    await userEvent.type(value, '{{"id":"o-18"}');
    await userEvent.click(item.getByRole('button', { name: 'Replay edited' }));
    await waitFor(() => expect(args.onReplayEdited).toHaveBeenCalledWith({ partition: 0, offset: '4' }, { text: '{"id":"o-18"}', base64: false }, []));
  },
};

/** Filtered to one error class. */
export const Filtered: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('Filter by error class and time'));
    await userEvent.selectOptions(canvas.getByLabelText('Error class'), 'transient');
    await waitFor(() => expect(within(canvas.getByRole('list', { name: 'Dead-letter records' })).getAllByRole('listitem')).toHaveLength(1));
  },
};

/** A viewer sees the records and no replay controls. */
export const ViewerReadOnly: Story = { args: { readOnly: true } };

/** No dead letters. */
export const Empty: Story = { args: { records: [] } };

/** The DLQ could not be read. */
export const ServerError: Story = { args: { records: [], dlqTopic: null, error: "Kafka connection 'local' did not answer within 5 s." } };

const at = Date.UTC(2026, 11, 7, 9, 0, 0);
const groups = [
  { algorithm: 'acme/classify', topic: 'orders', errorClass: 'permanent', stage: 'invoke', records: 2, deadLetters: 1, failedReplays: 1, first: at, last: at + 60_000 },
  { algorithm: 'acme/classify', topic: 'orders', errorClass: 'permanent', stage: 'decode', records: 2, deadLetters: 2, failedReplays: 0, first: at, last: at },
  { algorithm: 'acme/classify', topic: 'orders', errorClass: 'transient', stage: 'invoke', records: 1, deadLetters: 1, failedReplays: 0, first: at, last: at },
];
const running = { id: 'run-1', to: 'orders', rate: 500, total: null, state: 'running', replayed: 1, skipped: 0, failed: 0, error: null, measuredRate: 497, resultCount: 0, results: [] } as const;
/** A redrive run on the server that stays where it is: started, read and steered as the API would answer. */
const redrive = { start: fn(async () => running), read: fn(async () => running), steer: fn(async () => true) };

/** The dead letters grouped by error class and stage, a group redriven at a set rate and followed. */
export const GroupsAndRedrive: Story = {
  args: { groups, redrive, redriveTargets: ['orders', 'orders.retry'], onSearch: fn() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Redrive permanent at decode…' }));
    const dialog = within(canvas.getByRole('dialog', { name: 'Redrive dead letters?' }));
    // Typed over the selected default (clearing it would leave the least rate, 1, before the digits).
    await userEvent.tripleClick(dialog.getByLabelText('Records a second'));
    await userEvent.keyboard('500');
    await userEvent.click(dialog.getByRole('button', { name: 'Start redrive' }));
    await waitFor(() => expect(redrive.start).toHaveBeenCalledWith({ select: 'all', filter: { errorClass: 'permanent', stage: 'decode' }, to: 'orders', rate: 500 }));
    await waitFor(() => expect(canvas.getByRole('region', { name: 'Redrive' })).toHaveTextContent('Redriving to orders at 500 a second: 1 of 2 records done, 1 redriven.'));
  },
};

/** The same in the dark theme. */
export const GroupsAndRedriveDark: Story = { args: { groups, redrive, onSearch: fn() }, globals: { theme: 'dark' } };

const interrupted = {
  ...running,
  id: 'run-0',
  rate: 400,
  total: 3_000,
  state: 'interrupted',
  replayed: 640,
  by: 'max',
  startedAt: at,
  finishedAt: at + 2_000,
  auditId: null,
  resultCount: 640,
  results: [{ partition: 0, offset: '0', outcome: 'replayed' }],
} as const;
const finished = { ...running, id: 'run-00', rate: 100, total: 2, state: 'done', replayed: 2, by: 'max', startedAt: at - 3_600_000, finishedAt: at - 3_590_000, auditId: 42, resultCount: 2, results: [{ partition: 0, offset: '1', outcome: 'replayed' }, { partition: 0, offset: '2', outcome: 'replayed' }] } as const;
const resumable = { ...redrive, resume: fn(async () => ({ ...interrupted, state: 'running' as const })) };

/** Earlier runs, kept by the server past a restart: one done with its audit entry, one interrupted at 640 of 3,000, resumed. */
export const EarlierRedrives: Story = {
  args: { groups, redrive: resumable, pastRuns: [interrupted, finished] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const past = within(canvas.getByRole('region', { name: 'Earlier redrives' }));
    await expect(past.getByText(/^Interrupted at 640 of 3,000 records: 640 records redriven to orders by max/)).toBeVisible();
    await expect(past.getByText('Audit entry #42')).toBeVisible();
    await userEvent.click(past.getByRole('button', { name: 'Resume redrive' }));
    await waitFor(() => expect(resumable.resume).toHaveBeenCalledWith('run-0'));
    await waitFor(() => expect(canvas.getByRole('region', { name: 'Redrive' })).toHaveTextContent('Redriving to orders at 400 a second: 640 of 3,000 records done, 640 redriven.'));
  },
};

/** The same in the dark theme. */
export const EarlierRedrivesDark: Story = { ...EarlierRedrives, globals: { theme: 'dark' } };

/** A member who may change the flow but not redrive: the dead letters, no redrive or replay button, and who can give the permission. */
export const RedriveNotPermitted: Story = {
  args: { groups, redrive, redriveRefused: 'Redriving or replaying dead letters of acme needs the redrive permission, which you do not have: a cluster admin gives it on the Redrive grants page.' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('note')).toHaveTextContent(/a cluster admin gives it on the Redrive grants page/);
    await expect(canvas.queryAllByRole('button', { name: /^(Redrive|Replay|Edit and replay)/ })).toEqual([]);
  },
};
