import { Inspector } from '@event-flows/editor';
import { pipelineGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { panelArgTypes, withEditor, type EditorStoryParameters, type PanelStoryArgs } from './withEditor.tsx';

const meta = {
  title: 'Panels/Inspector',
  component: Inspector,
  decorators: [withEditor],
  // What is selected, a viewer's panel and the panel's width are controls; the story's editor follows them.
  argTypes: panelArgTypes,
  render: () => <Inspector />,
} satisfies Meta<PanelStoryArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Nothing selected: the inspector says what to do. */
export const NothingSelected: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('Select a node or an edge to see its settings.')).toBeVisible();
  },
};

/** An algorithm of the demo pipeline: version, retry, concurrency and its DLQ. */
export const Algorithm: Story = {
  parameters: { editor: { selected: ['a-classify'] } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'classify' })).toBeVisible();
    // Its settings, each a control a member can change.
    await expect(canvas.getByLabelText('Version')).toBeEnabled();
  },
};

/** A topic of the demo pipeline: its connection and creation settings. */
export const Topic: Story = {
  parameters: { editor: { selected: ['t-orders'] } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('heading', { name: 'orders' })).toBeVisible();
  },
};

/** A subscription with a retry policy of its own, summed up in one line, warned of the rebalance risk. */
export const SubscriptionRetryPolicy: Story = {
  parameters: {
    editor: {
      selected: ['e1'],
      graph: {
        ...pipelineGraph(),
        edges: pipelineGraph().edges.map((e) =>
          e.id === 'e1' ? { ...e, retry: { maxAttempts: 5, backoffMs: 1_000, backoff: 'exponential' as const, maxBackoffMs: 30_000, attemptTimeoutMs: 27_200 } } : e,
        ),
      },
    } satisfies EditorStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('5 attempts, exponential 1 s → 30 s max, up to 2 min 31 s in all');
    await expect(canvas.getByRole('note')).toHaveTextContent(/rebalance/);
  },
};

/** A viewer sees the settings, every control disabled. */
export const ReadOnly: Story = {
  parameters: { editor: { selected: ['a-classify'], readOnly: true } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'classify' })).toBeVisible();
    for (const control of canvas.queryAllByRole('combobox')) await expect(control).toBeDisabled();
  },
};

/** A subscribe edge: the binding's own settings (its version, its DLQ and its retry policy) live on the edge. */
export const SubscribeEdge: Story = {
  parameters: { editor: { selected: ['e1'] } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('heading', { name: 'Subscription' })).toBeVisible();
    await expect(canvas.getByText('orders → acme/classify')).toBeVisible();
    await expect(canvas.getByLabelText('Dead-letter queue for this subscription')).toBeEnabled();
  },
};

/** Two nodes and an edge selected: the inspector says what is selected and offers what applies to all. */
export const SeveralSelected: Story = {
  parameters: { editor: { selected: ['a-classify', 't-orders', 'e1'] } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('2 nodes and 1 edge selected.')).toBeVisible();
  },
};
