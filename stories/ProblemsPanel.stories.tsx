import { ProblemsPanel, type ProblemsPanelProps } from '@event-flows/editor';
import { demoAdmin, generateFlow, pipelineGraph, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { panelArgTypes, withEditor, type EditorStoryParameters, type PanelStoryArgs } from './withEditor.tsx';

/** The pipeline with an algorithm version the catalog does not know and a topic that feeds a topic. */
function invalidGraph(): FlowGraph {
  const graph = pipelineGraph();
  return {
    nodes: graph.nodes.map((n) => (n.id === 'a-alert' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n)),
    edges: [...graph.edges, { id: 'e-bad', kind: 'subscribe', source: 't-alerts', target: 't-dlq' }],
  };
}

const meta = {
  title: 'Panels/Problems',
  component: ProblemsPanel,
  decorators: [withEditor],
  args: { onRequestAccess: fn() },
  // A viewer's panel and the panel's width are controls; the story's editor follows them.
  argTypes: { readOnly: panelArgTypes.readOnly, width: panelArgTypes.width, accessRequests: { control: false } },
  render: ({ accessRequests, onRequestAccess }) => <ProblemsPanel accessRequests={accessRequests} onRequestAccess={onRequestAccess} />,
} satisfies Meta<PanelStoryArgs & ProblemsPanelProps>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The demo pipeline is valid. */
export const NoProblems: Story = {
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText('No problems found.')).toBeVisible();
  },
};

/** A flow with errors: each diagnostic is a button that shows its elements on the canvas. */
export const WithDiagnostics: Story = {
  parameters: { editor: { graph: invalidGraph() } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/errors? block a deploy/)).toBeVisible();
    // Each problem is a button naming what is wrong: the unknown version and the topic feeding a topic.
    await expect(canvas.getByRole('button', { name: /9\.9\.9/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: /An edge cannot join two topics/ })).toBeVisible();
    await expect(canvas.queryByText('No problems found.')).toBeNull();
    // An error's row is marked by a thick leading edge in its own colour, not the grey of its other edges.
    const row = getComputedStyle(canvas.getByRole('button', { name: /9\.9\.9/ }));
    await expect(row.borderLeftColor).not.toBe(row.borderTopColor);
    await expect(Number.parseFloat(row.borderLeftWidth)).toBeGreaterThanOrEqual(4);
  },
};

const big = generateFlow(1_000);

/**
 * A 1,000-node flow whose algorithms have no grant: about 1,500 problems, in collapsed groups by
 * algorithm or by connection with counts, only the rows in view drawn.
 */
export const LargeFlow: Story = {
  parameters: { editor: { graph: big.graph, catalog: { ...big.catalog, grants: [] }, width: 360 } satisfies EditorStoryParameters },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const group = canvas.getByRole('button', { name: /^acme\/algo-0 \(\d+\)$/ });
    await expect(group).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(group);
    await expect(group).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(canvas.getByRole('radio', { name: 'Connection' }));
    await expect(canvas.getByRole('button', { name: /^Local Kafka \([\d,]+\)$/ })).toBeVisible();
    await expect(canvasElement.querySelectorAll('.efs-problems li').length).toBeLessThan(200);
  },
};

/** The large flow's problems in the dark theme. */
export const LargeFlowDark: Story = { ...LargeFlow, globals: { theme: 'dark' } };

/**
 * Nothing blocks a deploy, but there is something to know: a floating version (a warning) and, for a
 * cluster admin, a topic deploy creates and a grant it gives (information).
 */
export const WarningsAndInformation: Story = {
  parameters: {
    editor: {
      actor: demoAdmin,
      graph: (() => {
        const graph = pipelineGraph();
        return {
          nodes: [
            ...graph.nodes.map((n) => (n.id === 'a-alert' && n.kind === 'algorithm' ? { ...n, version: 'latest' } : n)),
            { id: 't-audit', kind: 'topic' as const, connection: 'local', topic: 'orders.audit', position: { x: 900, y: 300 } },
          ],
          edges: [...graph.edges, { id: 'e-audit', kind: 'publish' as const, source: 'a-alert', target: 't-audit' }],
        };
      })(),
    } satisfies EditorStoryParameters,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // No error: the summary does not say a deploy is blocked.
    await expect(canvas.queryByText(/errors? block a deploy/)).toBeNull();
    await expect(canvas.getByRole('button', { name: /changes whenever a new version is published/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: /does not exist yet; deploy creates it/ })).toBeVisible();
    await expect(canvas.getByRole('button', { name: /deploying as a cluster admin grants it/ })).toBeVisible();
  },
};
