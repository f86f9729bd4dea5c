import { EventFlowsEditor, exampleHistory, exampleStatus } from '@event-flows/editor';
import { demoCatalog, demoMember, emptyGraph, generateFlow, pipelineGraph, type FlowGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { editorArgTypes, showWholeFlow } from './editorStory.ts';

const large = generateFlow(2_000);

/** The pipeline with an algorithm version the catalog does not know and a topic that feeds a topic. */
function invalidGraph(): FlowGraph {
  const graph = pipelineGraph();
  return {
    nodes: graph.nodes.map((n) => (n.id === 'a-alert' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n)),
    edges: [...graph.edges, { id: 'e-bad', kind: 'subscribe', source: 't-alerts', target: 't-dlq' }],
  };
}

/** Drags with native drag events sharing one DataTransfer (fireEvent cannot carry one in Chromium). */
function dragOnto(source: Element, target: Element, at: { x: number; y: number }) {
  const dataTransfer = new DataTransfer();
  const init = { bubbles: true, cancelable: true, dataTransfer, clientX: at.x, clientY: at.y };
  source.dispatchEvent(new DragEvent('dragstart', init));
  target.dispatchEvent(new DragEvent('dragenter', init));
  target.dispatchEvent(new DragEvent('dragover', init));
  target.dispatchEvent(new DragEvent('drop', init));
  source.dispatchEvent(new DragEvent('dragend', init));
}

/** The mean of the red, green and blue of a colour, 0 to 255. */
const lightness = ([red, green, blue]: readonly number[]) => ((red ?? 0) + (green ?? 0) + (blue ?? 0)) / 3;

/** The lightness of `veil` (`rgba(…)` or `#rrggbb`) drawn over the colour `under`. */
function veiledLightness(veil: string, under: readonly number[]): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(veil);
  const parts = hex ? [...hex.slice(1).map((h) => parseInt(h, 16)), 1] : (veil.match(/[\d.]+/g) ?? []).map(Number);
  const [red = 0, green = 0, blue = 0, alpha = 1] = parts;
  return lightness([red, green, blue].map((c, i) => c * alpha + (under[i] ?? 0) * (1 - alpha)));
}

const meta = {
  title: 'Canvas/Editor',
  component: EventFlowsEditor,
  args: { graph: pipelineGraph(), catalog: demoCatalog(), actor: demoMember, readOnly: false, theme: 'light' },
  argTypes: editorArgTypes,
} satisfies Meta<typeof EventFlowsEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A new flow: only the palette has something in it. Dragging an algorithm in adds it. */
export const Empty: Story = {
  args: { graph: emptyGraph() },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No problems found.')).toBeVisible();
    const pane = canvasElement.querySelector('.react-flow__pane');
    if (!pane) throw new Error('the canvas pane is missing');
    const box = pane.getBoundingClientRect();
    dragOnto(canvas.getByRole('button', { name: /^Add algorithm classify/ }), pane, {
      x: box.left + box.width / 2,
      y: box.top + box.height / 2,
    });
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node-algorithm')).toHaveLength(1));
    await expect(canvas.getByRole('heading', { name: 'classify' })).toBeVisible();
    // The node stays where it was dropped when the canvas then changes size (as when a panel comes in).
    const node = canvasElement.querySelector('.react-flow__node-algorithm');
    const dropped = node?.getBoundingClientRect().top;
    const editor = canvasElement.querySelector<HTMLElement>('.efs-editor');
    if (!editor) throw new Error('the editor is missing');
    editor.style.height = `${editor.getBoundingClientRect().height - 40}px`;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    editor.style.height = '';
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await expect(node?.getBoundingClientRect().top).toBe(dropped);
  },
};

/** The demo pipeline ingest → classify → enrich → alert with a shared DLQ. */
export const Typical: Story = {
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__edge')).toHaveLength(8));
    expect(canvasElement.querySelector('.react-flow__node[data-id="t-dlq"] .efs-node')?.getAttribute('data-dlq')).toBe('true');
  },
};

/** The pipeline in the dark theme, set as the toolbar's switch sets it: the editor and the page behind it turn dark. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('.efs-editor')).toHaveAttribute('data-theme', 'dark');
    const page = canvasElement.querySelector('.efs-story');
    if (!page) throw new Error('the story has no themed page');
    // --efs-bg of the dark theme, #14171d.
    await expect(getComputedStyle(page).backgroundColor).toBe('rgb(20, 23, 29)');
    await showWholeFlow(canvasElement);
    // The mini map and the attribution are dark too: the attribution on the mini map's panel colour, and
    // the veil over what lies outside the view darkens that colour rather than greying it.
    const minimap = canvasElement.querySelector<HTMLElement>('.react-flow__minimap');
    const attribution = canvasElement.querySelector<HTMLElement>('.react-flow__attribution');
    if (!minimap || !attribution) throw new Error('the mini map or the attribution is missing');
    const panel = getComputedStyle(minimap).backgroundColor;
    await expect(panel).toBe('rgb(28, 32, 41)'); // --efs-panel-bg of the dark theme, #1c2029
    await expect(getComputedStyle(attribution).backgroundColor).toBe(panel);
    const style = getComputedStyle(minimap);
    const veil = (style.getPropertyValue('--xy-minimap-mask-background-color') || style.getPropertyValue('--xy-minimap-mask-background-color-default')).trim();
    await expect(veiledLightness(veil, [28, 32, 41])).toBeLessThan(lightness([28, 32, 41]));
  },
};

/** A flow with errors: the problems panel lists them and focuses the node on click. */
export const InvalidWithDiagnostics: Story = {
  args: { graph: invalidGraph() },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const canvas = within(canvasElement);
    const problems = within(canvas.getByRole('region', { name: /^Problems/ }));
    const first = problems.getAllByRole('button').find((b) => b.textContent?.includes('9.9.9'));
    if (!first) throw new Error('the unknown version is not reported');
    first.click();
    await waitFor(() => expect(canvas.getByRole('heading', { name: 'alert' })).toBeVisible());
    expect(canvasElement.querySelector('.react-flow__node[data-id="a-alert"] .efs-node')?.getAttribute('data-mark')).toBe('error');
  },
};

/** Connecting from the inspector with the keyboard; a refused connection says why. */
export const RefusedConnection: Story = {
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const canvas = within(canvasElement);
    const node = canvasElement.querySelector('.react-flow__node[data-id="a-alert"]');
    if (!(node instanceof HTMLElement)) throw new Error('no alert node');
    node.click();
    const inspector = within(canvas.getByRole('region', { name: 'Inspector' }));
    const topic = await waitFor(() => inspector.getByLabelText('Topic', { exact: true }));
    if (!(topic instanceof HTMLSelectElement)) throw new Error('the topic picker is not a select');
    topic.value = 't-orders';
    topic.dispatchEvent(new Event('change', { bubbles: true }));
    inspector.getByRole('button', { name: 'Publish to topic' }).click();
    await waitFor(() => expect(inspector.getByRole('status')).toHaveTextContent(/^Refused: /));
  },
};

/** A deployed flow with live status: msgs/s and counts on edges; lag, failures and DLQ counts on algorithms. */
export const DeployedWithLiveStatus: Story = {
  args: { status: exampleStatus(pipelineGraph()) },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    // Every edge of the deployed pipeline carries a live label: in, out or dead-lettered.
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__edge-text')).toHaveLength(8));
    expect(canvasElement.querySelector('.react-flow__node[data-id="a-enrich"]')).toHaveTextContent('running · lag 3');
  },
};

const liveStatus = exampleStatus(pipelineGraph());

/**
 * A deployed flow with its bindings' last minutes: enrich's lag rises (an arrow on its node), the
 * others' falls; selecting an algorithm shows its charts in the inspector.
 */
export const DeployedWithHistory: Story = {
  // A fixed last sample, so the story (and its screenshot) is the same whenever it is shown.
  args: { status: liveStatus, history: exampleHistory(liveStatus, { rising: 'acme/enrich', now: Date.UTC(2026, 11, 7, 9, 0, 0) }) },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const enrich = canvasElement.querySelector('.react-flow__node[data-id="a-enrich"]');
    await waitFor(() => expect(enrich?.querySelector('.efs-node__status')?.getAttribute('data-trend')).toBe('rising'));
    (enrich as HTMLElement).click();
    const inspector = within(canvasElement).getByRole('region', { name: 'Inspector' });
    await waitFor(() => expect(within(inspector).getAllByRole('img', { name: /over the last 5 minutes/ })).toHaveLength(5));
  },
};

/** A binding in error: its algorithm stands out with the error message. */
export const BindingInError: Story = {
  args: { status: exampleStatus(pipelineGraph(), { failing: 'acme/alert' }) },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const alert = canvasElement.querySelector('.react-flow__node[data-id="a-alert"] .efs-node');
    await waitFor(() => expect(alert?.getAttribute('data-binding-state')).toBe('error'));
    expect(alert).toHaveTextContent('Error: No DLQ');
  },
};

/** A binding waiting to try a message again: its subscription says "retrying 3/5" in the warning colour. */
export const BindingRetrying: Story = {
  args: { status: exampleStatus(pipelineGraph(), { retrying: 'acme/enrich' }) },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const label = () => canvasElement.querySelector('.react-flow__edge[data-id="e4"] .react-flow__edge-text');
    await waitFor(() => expect(label()).toHaveTextContent('retrying 3/5'));
  },
};

/** Alerts firing on a binding: its subscription and its algorithm carry a mark naming the rules (hover for all of them). */
export const AlertFiring: Story = {
  args: {
    status: exampleStatus(pipelineGraph(), { retrying: 'acme/enrich' }),
    alerts: [
      { rule: 'Enrich falling behind', binding: { algorithm: 'acme/enrich', connection: 'local', topic: 'orders.classified' } },
      { rule: 'Dead letters piling up', binding: { algorithm: 'acme/enrich', connection: 'local', topic: 'orders.classified' } },
    ],
  },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvasElement.querySelector('.react-flow__node[data-id="a-enrich"] .efs-node')?.getAttribute('data-alert')).toBe('true'));
    expect(canvas.getByRole('img', { name: 'Alert firing: Enrich falling behind, Dead letters piling up' })).toBeVisible();
    expect(canvas.getByRole('img', { name: 'Alert firing on this subscription: Enrich falling behind, Dead letters piling up' })).toBeVisible();
    expect(canvasElement.querySelector('.react-flow__edge[data-id="e4"] [data-alert="true"]')).not.toBeNull();
    expect(canvasElement.querySelector('.react-flow__node[data-id="a-classify"] .efs-node')?.getAttribute('data-alert')).toBe('false');
  },
};

/** A viewer sees the flow without the palette and cannot change it. */
export const ReadOnlyViewer: Story = {
  args: { readOnly: true },
  play: async ({ canvasElement }) => {
    await showWholeFlow(canvasElement);
    expect(within(canvasElement).queryByRole('region', { name: 'Palette' })).toBeNull();
    await waitFor(() => expect(canvasElement.querySelectorAll('.react-flow__node')).toHaveLength(8));
  },
};

/** 2,000 nodes (generated by the model's fixtures); only what is in view is rendered. */
export const Large: Story = {
  args: { graph: large.graph, catalog: large.catalog },
  // axe over hundreds of rendered nodes takes longer than a test may; it checks the panels beside the
  // canvas here, and the same node views in every other story.
  parameters: { a11y: { context: { include: ['.efs-palette', '.efs-sidebar'] } } },
  play: async ({ canvasElement }) => {
    // The flow's first algorithm is on screen with its name, as a person opening the flow sees it ...
    const first = await waitFor(() => {
      const node = canvasElement.querySelector<HTMLElement>('.react-flow__node[data-id="a0"]');
      if (!node) throw new Error('the first algorithm is not drawn');
      return node;
    });
    await expect(first).toBeVisible();
    await expect(first).toHaveTextContent('algo-0');
    // ... and the far end of the flow is not drawn until it is scrolled to.
    expect(canvasElement.querySelector('.react-flow__node[data-id="a999"]')).toBeNull();
    expect(canvasElement.querySelectorAll('.react-flow__node').length).toBeLessThan(2_000);
  },
};
