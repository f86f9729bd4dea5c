import { ProblemsPanel } from '@event-flows/editor';
import { pipelineGraph, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { withEditor, type EditorStoryParameters } from './withEditor.tsx';

/** The pipeline with an algorithm version the catalog does not know and a topic that feeds a topic. */
function invalidGraph(): FlowGraph {
  const graph = pipelineGraph();
  return {
    nodes: graph.nodes.map((n) => (n.id === 'a-alert' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n)),
    edges: [...graph.edges, { id: 'e-bad', kind: 'subscribe', source: 't-alerts', target: 't-dlq' }],
  };
}

const meta = {
  title: 'Editor/ProblemsPanel',
  component: ProblemsPanel,
  decorators: [withEditor],
} satisfies Meta<typeof ProblemsPanel>;

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
    await expect(canvas.getAllByRole('button').some((b) => b.textContent?.includes('9.9.9'))).toBe(true);
  },
};
