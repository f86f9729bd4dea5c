import { EventFlowsEditor, type BindingState, type BindingStatusView } from '@event-flows/editor';
import { demoMember, type Catalog, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { showWholeFlow } from './editorStory.ts';

/** One algorithm per state a binding can be in, each subscribed to `orders` and publishing to `alerts`. */
const states: readonly BindingState[] = ['starting', 'running', 'paused', 'error', 'stopped'];

/**
 * Every kind the canvas draws, once: a topic, a topic another flow's topic feeds, a DLQ topic; subscribe,
 * publish and DLQ edges; and an algorithm in each binding state.
 */
function kindsGraph(): FlowGraph {
  const nodes: FlowGraph['nodes'] = [
    { id: 't-orders', kind: 'topic', connection: 'local', topic: 'orders', position: { x: 0, y: 240 } },
    { id: 't-alerts', kind: 'topic', connection: 'local', topic: 'alerts', position: { x: 980, y: 200 } },
    { id: 't-dlq', kind: 'topic', connection: 'local', topic: 'orders.dlq', position: { x: 980, y: 400 } },
  ];
  const edges: FlowGraph['edges'] = [];
  states.forEach((state, i) => {
    const id = `a-${state}`;
    nodes.push({ id, kind: 'algorithm', algorithm: `acme/${state}-example`, version: '1.0.0', position: { x: 480, y: i * 130 } });
    edges.push({ id: `e-in-${state}`, kind: 'subscribe', source: 't-orders', target: id });
    edges.push({ id: `e-out-${state}`, kind: 'publish', source: id, target: 't-alerts' });
  });
  edges.push({ id: 'e-dlq', kind: 'dlq', source: 'a-error', target: 't-dlq' });
  return { nodes, edges };
}

function kindsCatalog(): Catalog {
  const algorithms = states.map((state) => ({
    ref: `acme/${state}-example`,
    org: 'acme',
    name: `${state}-example`,
    published: true,
    versions: [{ version: '1.0.0', published: true }],
  }));
  return {
    orgs: [{ id: 'acme', name: 'Acme Analytics' }],
    algorithms,
    connections: [{ id: 'local', name: 'Local Kafka', topics: ['orders', 'alerts', 'orders.dlq'].map((name) => ({ name, partitions: 3 })) }],
    grants: algorithms.flatMap((a) => [
      { connection: 'local', topic: 'orders', algorithm: a.ref, access: 'subscribe' as const },
      { connection: 'local', topic: 'alerts', algorithm: a.ref, access: 'publish' as const },
      { connection: 'local', topic: 'orders.dlq', algorithm: a.ref, access: 'publish' as const },
    ]),
    claims: [],
  };
}

/** The live status of each state's binding, with the figures such a binding would show. */
function kindsStatus(): BindingStatusView[] {
  return states.map((state) => ({
    algorithm: `acme/${state}-example`,
    connection: 'local',
    topic: 'orders',
    state,
    msgsPerSecond: state === 'running' ? 1_250 : 0,
    consumed: state === 'starting' ? 0 : 48_210,
    published: state === 'starting' ? 0 : 48_190,
    failed: state === 'error' ? 20 : 0,
    deadLettered: state === 'error' ? 20 : 0,
    lag: state === 'paused' ? { '0': 4_200, '1': 3_900, '2': 4_480 } : { '0': 0, '1': 2, '2': 0 },
    lagSeconds: state === 'paused' ? 340 : 0.4,
    lastError: state === 'error' ? { message: 'The algorithm answered HTTP 500 three times: Internal error in score().' } : null,
  }));
}

const meta = {
  title: 'Foundations/Kinds and states',
  component: EventFlowsEditor,
  args: { graph: kindsGraph(), catalog: kindsCatalog(), actor: demoMember, readOnly: true, status: kindsStatus(), sidePanels: false, theme: 'light' },
  argTypes: { graph: { control: false }, catalog: { control: false }, actor: { control: false }, status: { control: false }, theme: { control: false }, store: { table: { disable: true } } },
} satisfies Meta<typeof EventFlowsEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * Every node and edge kind the canvas draws, and an algorithm in each binding state: subscribe edges
 * blue, publish teal, DLQ magenta and dashed; running green, paused grey, error red.
 */
export const AllKinds: Story = {
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement, 8);
    for (const state of states) {
      const node = canvasElement.querySelector(`.react-flow__node[data-id="a-${state}"] .efs-node`);
      await waitFor(() => expect(node?.getAttribute('data-binding-state')).toBe(state));
    }
    expect(canvasElement.querySelector('.react-flow__node[data-id="t-dlq"] .efs-node')?.getAttribute('data-dlq')).toBe('true');
    await expect(canvasElement.querySelector('.react-flow__node[data-id="a-error"]')).toHaveTextContent('Error: The algorithm answered HTTP 500');
  },
};
