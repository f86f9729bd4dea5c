import { EventFlowsEditor, exampleStatus, type BindingStatusView } from '@event-flows/editor';
import { demoAdmin, demoCatalog, demoMember, emptyGraph, pipelineGraph, type Actor, type Catalog, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { realisticFlow } from './realisticFlow.ts';

const large = realisticFlow(400);

/** The flows a person can try the editor on, by name: a control offers these, never a raw graph. */
const flows: Record<string, { graph: FlowGraph; catalog: Catalog }> = {
  'New flow (empty)': { graph: emptyGraph(), catalog: demoCatalog() },
  'Demo pipeline': { graph: pipelineGraph(), catalog: demoCatalog() },
  'Payments platform (400 nodes, 3 clusters)': { graph: large.graph, catalog: large.catalog },
};

/** Who is looking: a viewer cannot change anything. */
const people: Record<string, { actor: Actor; readOnly: boolean }> = {
  'Member': { actor: demoMember, readOnly: false },
  'Cluster admin': { actor: demoAdmin, readOnly: false },
  'Viewer': { actor: { role: 'viewer', orgId: demoMember.orgId }, readOnly: true },
};

/** The live status of the deployed flow, for the demo pipeline. */
const statuses: Record<string, (graph: FlowGraph) => BindingStatusView[] | null> = {
  'Not deployed': () => null,
  'Running': (graph) => exampleStatus(graph),
  'One binding in error': (graph) => exampleStatus(graph, { failing: 'acme/alert' }),
};

interface PlaygroundArgs {
  flow: string;
  person: string;
  status: string;
  sidePanels: boolean;
  theme?: 'light' | 'dark';
}

/**
 * The whole editor with every choice a control: which flow, who is looking, its live status and the
 * side panels. The theme follows the toolbar. Changing the flow or the person opens the editor afresh,
 * as opening another flow or signing in as someone else would.
 */
function Playground({ flow, person, status, sidePanels, theme = 'light' }: PlaygroundArgs) {
  const chosen = flows[flow] ?? flows['Demo pipeline'];
  const who = people[person] ?? people.Member;
  if (!chosen || !who) return null;
  return (
    <EventFlowsEditor
      key={`${flow}/${person}`}
      graph={chosen.graph}
      catalog={chosen.catalog}
      actor={who.actor}
      readOnly={who.readOnly}
      status={(statuses[status] ?? (() => null))(chosen.graph)}
      sidePanels={sidePanels}
      theme={theme}
    />
  );
}

const meta = {
  title: 'Canvas/Playground',
  component: Playground,
  args: { flow: 'Demo pipeline', person: 'Member', status: 'Not deployed', sidePanels: true, theme: 'light' },
  argTypes: {
    flow: { control: 'select', options: Object.keys(flows), description: 'The flow the editor opens' },
    person: { control: 'inline-radio', options: Object.keys(people), description: 'Who is looking: a viewer cannot change the flow' },
    status: { control: 'select', options: Object.keys(statuses), description: 'The live status of the deployed bindings' },
    sidePanels: { control: 'boolean', description: 'The palette and the inspector/problems column beside the canvas' },
    theme: { control: false },
  },
} satisfies Meta<typeof Playground>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The demo pipeline for a member: try every control. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node').length).toBeGreaterThan(0));
    await expect(canvas.getByRole('region', { name: 'Palette' })).toBeVisible();
  },
};

/** A viewer: no palette, nothing to change. */
export const AsViewer: Story = {
  args: { person: 'Viewer' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node').length).toBeGreaterThan(0));
    expect(within(canvasElement).queryByRole('region', { name: 'Palette' })).toBeNull();
  },
};

/** A platform team's flow: 400 nodes over three clusters, with the names such a flow has. */
export const PaymentsPlatform: Story = {
  args: { flow: 'Payments platform (400 nodes, 3 clusters)' },
  // axe over hundreds of rendered nodes takes longer than a test may; it checks the panels beside the canvas.
  parameters: { a11y: { context: { include: ['.efs-palette', '.efs-sidebar'] } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const first = await waitFor(() => {
      const node = canvasElement.querySelector<HTMLElement>('.react-flow__node-algorithm');
      if (!node) throw new Error('no algorithm is drawn');
      return node;
    });
    // Realistic names, not algo-N.
    await expect(first.textContent ?? '').not.toMatch(/algo-\d/);
    await expect(canvas.getByText('No problems found.')).toBeVisible();
  },
};
