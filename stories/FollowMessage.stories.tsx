import { EventFlowsEditor, type MessagePathSource } from '@event-flows/editor';
import { demoCatalog, demoMember, pipelineGraph, type MessagePath, type PathRecord } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MessagePathList } from '../packages/plugin/src/deploy/MessagePathList.tsx';
import { storyTheme } from './storyTheme.ts';
import { withStudio } from './withStudio.tsx';

const at = (topic: string, partition: number, offset: string): PathRecord => ({ connection: 'local', topic, partition, offset, timestamp: '1796636103000', key: 'order-1' });

/** A large order through classify → enrich → alert, each call with its duration and output. */
const published: MessagePath = {
  input: at('orders', 0, '41'),
  calls: [
    { stage: 1, algorithm: 'acme/classify', version: '1.2.0', input: at('orders', 0, '41'), outcome: 'published', durationMs: 14, attempts: 1, outputs: [at('orders.classified', 0, '38')] },
    { stage: 2, algorithm: 'acme/enrich', version: '1.0.0', input: at('orders.classified', 0, '38'), outcome: 'published', durationMs: 2_340, attempts: 3, outputs: [at('orders.enriched', 0, '37')] },
    { stage: 3, algorithm: 'acme/alert', version: '2.0.0', input: at('orders.enriched', 0, '37'), outcome: 'published', durationMs: 3, attempts: 1, outputs: [at('alerts', 0, '5')] },
  ],
  scanned: 126,
  notes: [],
};

/** A malformed order: classify dead-letters it. */
const deadLettered: MessagePath = {
  input: at('orders', 0, '42'),
  calls: [
    {
      stage: 1,
      algorithm: 'acme/classify',
      version: '1.2.0',
      input: at('orders', 0, '42'),
      outcome: 'dead-lettered',
      durationMs: 1,
      attempts: 1,
      outputs: [],
      deadLetter: { ...at('orders.dlq', 0, '3'), error: { class: 'permanent', stage: 'invoke', message: 'acme/classify expects a JSON object' } },
    },
  ],
  scanned: 9,
  notes: [],
};

/** An order enrich has not reached yet, and a follow that stopped at its record bound. */
const stoppedShort: MessagePath = {
  input: at('orders', 0, '43'),
  calls: [
    { stage: 1, algorithm: 'acme/classify', version: '1.2.0', input: at('orders', 0, '43'), outcome: 'published', durationMs: 12, attempts: 1, outputs: [at('orders.classified', 0, '40')] },
    {
      stage: 2,
      algorithm: 'acme/enrich',
      version: '1.0.0',
      input: at('orders.classified', 0, '40'),
      outcome: 'pending',
      outputs: [],
      note: 'Not processed yet: acme/enrich has not reached offset 40 of "orders.classified" partition 0.',
    },
  ],
  scanned: 20_000,
  notes: ['Read 20,000 records, the most this follow may read: allow more to find the rest.'],
};

const meta = {
  title: 'Panels/Follow a message',
  component: MessagePathList,
  decorators: [withStudio],
  args: { path: published },
} satisfies Meta<typeof MessagePathList>;

export default meta;
type Story = StoryObj<typeof meta>;

const calls = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll('.efs-path-list__call')].map((c) => c.getAttribute('aria-label'));

/** Each call with its duration (and attempts past the first) and where its output landed. */
export const Published: Story = {
  play: async ({ canvasElement }) => {
    await expect(calls(canvasElement)).toEqual(['Stage 1: acme/classify, published', 'Stage 2: acme/enrich, published', 'Stage 3: acme/alert, published']);
    await expect(within(canvasElement).getByText('2.3 s, 3 attempts')).toBeVisible();
    await expect(within(canvasElement).getAllByRole('list', { name: 'Outputs' })[2]).toHaveTextContent('→ alerts · partition 0 · offset 5');
  },
};

/** The same path in the dark theme. */
export const PublishedDark: Story = { globals: { theme: 'dark' }, play: Published.play };

/** The path ends at the DLQ record, with its error. */
export const DeadLettered: Story = {
  args: { path: deadLettered },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('group', { name: 'Dead letter' })).toHaveTextContent('orders.dlq · partition 0 · offset 3permanent · invoke: acme/classify expects a JSON object');
  },
};

/** Not processed yet, and where the follow stopped short, in sentences. */
export const StoppedShort: Story = {
  args: { path: stoppedShort },
  play: async ({ canvasElement }) => {
    await expect(calls(canvasElement)).toEqual(['Stage 1: acme/classify, published', 'Stage 2: acme/enrich, not processed yet']);
    await expect(within(canvasElement).getByRole('note')).toHaveTextContent('Read 20,000 records, the most this follow may read: allow more to find the rest.');
  },
};

/** The path beside the editor, as on the flow page: its nodes and edges marked, durations and offsets on its edges. */
function PathBesideEditor({ path, theme }: { path: MessagePath; theme: 'light' | 'dark' }) {
  const [shown, setShown] = useState(true);
  const source: MessagePathSource | null = shown ? { label: 'orders 0/41', path, onHide: () => setShown(false) } : null;
  return (
    <div style={{ display: 'flex', gap: 12, height: 'calc(100vh - 32px)' }}>
      <div style={{ flex: 1, minWidth: 0 }}>
        <EventFlowsEditor graph={pipelineGraph()} catalog={demoCatalog()} actor={demoMember} theme={theme} sidePanels={false} messagePath={source} />
      </div>
      <div style={{ width: 380, overflow: 'auto' }}>
        <MessagePathList path={path} />
      </div>
    </div>
  );
}

/** The path on the canvas: marked and labelled, the rest dimmed; "Hide path" clears it. */
export const OnCanvas: Story = {
  render: (args, { globals }) => <PathBesideEditor path={args.path} theme={storyTheme(globals)} />,
  play: async ({ canvasElement }) => {
    const legend = await within(canvasElement).findByRole('region', { name: 'Path of orders 0/41' });
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node.efs-path')).toHaveLength(7));
    await expect(canvasElement.querySelector('.react-flow__edge[data-id="e1"] .react-flow__edge-text')?.textContent).toBe('14 ms');
    await expect(canvasElement.querySelector('.react-flow__edge[data-id="e4"] .react-flow__edge-text')?.textContent).toBe('2.3 s');
    await expect(canvasElement.querySelector('.react-flow__edge[data-id="e3"]')?.classList.contains('efs-path-dim')).toBe(true);
    await userEvent.click(within(legend).getByRole('button', { name: 'Hide path' }));
    await waitFor(() => expect(canvasElement.querySelectorAll('.efs-path, .efs-path-dim')).toHaveLength(0));
  },
};

/** The path on the canvas in the dark theme. */
export const OnCanvasDark: Story = { ...OnCanvas, globals: { theme: 'dark' } };
