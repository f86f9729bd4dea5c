import { demoAdmin, demoCatalog, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';

afterEach(() => cleanup());

/** One topic deploy creates (with 3 partitions unless `withSettings` is false), selected, so the inspector shows it. */
async function mountTopic(withSettings = true) {
  const create = withSettings ? { create: { partitions: 3, replicationFactor: 1, config: {} } } : {};
  const graph: FlowGraph = {
    nodes: [{ id: 't-new', kind: 'topic', connection: 'local', topic: 'payments.new', position: { x: 0, y: 0 }, ...create }],
    edges: [],
  };
  const catalog = demoCatalog();
  const store = createEditorStore({ graph, catalog, actor: demoAdmin, readOnly: false });
  store.getState().actions.select({ nodeIds: ['t-new'] });
  await render(
    <div style={{ width: 1260, height: 780 }}>
      <EventFlowsEditor graph={graph} catalog={catalog} actor={demoAdmin} store={store} />
    </div>,
  );
  return store;
}

const inspector = () => page.getByRole('region', { name: 'Inspector' });
const createdPartitions = (store: Awaited<ReturnType<typeof mountTopic>>) => {
  const node = store.getState().graph.nodes[0];
  return node?.kind === 'topic' ? node.create?.partitions : undefined;
};

describe('the topic inspector', () => {
  it.each(['999999', '-5', '2.5'])('says the range next to the field for partitions of %s and keeps the topic’s value', async (entry) => {
    const store = await mountTopic();
    const field = inspector().getByLabelText('Partitions');
    await userEvent.fill(field, entry);
    await userEvent.keyboard('{Enter}');
    await expect.element(inspector().getByRole('alert')).toHaveTextContent(`Partitions is a whole number from 1 to 10,000; “${entry}” is not.`);
    await expect.element(field).toHaveAttribute('aria-invalid', 'true');
    expect(createdPartitions(store)).toBe(3);
  });

  it('takes a whole number in range and drops the sentence', async () => {
    const store = await mountTopic();
    const field = inspector().getByLabelText('Partitions');
    await userEvent.fill(field, '-5');
    await userEvent.keyboard('{Enter}');
    await expect.element(inspector().getByRole('alert')).toBeInTheDocument();
    await userEvent.fill(field, '6');
    await userEvent.keyboard('{Enter}');
    await expect.element(inspector().getByRole('alert')).not.toBeInTheDocument();
    expect(createdPartitions(store)).toBe(6);
  });

  it('caps the topic name at Kafka’s 249 characters', async () => {
    await mountTopic();
    await expect.element(inspector().getByLabelText('Topic name')).toHaveAttribute('maxlength', '249');
  });

  it('keeps "Create this topic on deploy" ticked while the topic is missing, settings chosen or not', async () => {
    const store = await mountTopic(false);
    const box = inspector().getByRole('checkbox', { name: 'Create this topic on deploy' });
    await expect.element(box).toBeChecked();
    await expect.element(box).toBeDisabled();
    await expect.element(inspector().getByText("deploy creates it with the cluster's default settings.")).toBeInTheDocument();
    await inspector().getByRole('button', { name: 'Choose partitions, replication and retention' }).click();
    expect(createdPartitions(store)).toBeGreaterThan(0);
    await expect.element(box).toBeChecked();
  });
});
