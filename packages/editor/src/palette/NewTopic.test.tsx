import { demoAdmin, demoCatalog, demoMember, emptyGraph, memberTopicLimits, pipelineGraph, type Catalog, type FlowGraph } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor } from '../EventFlowsEditor.tsx';
import { createEditorStore } from '../store/index.ts';

afterEach(() => cleanup());

/** A catalog as a fresh installation has it: one connection with no topics, and one topic a saved flow names. */
function freshCatalog(): Catalog {
  const catalog = demoCatalog();
  return {
    ...catalog,
    connections: [
      {
        id: 'local',
        name: 'Embedded Kafka',
        topics: [],
        defaults: { partitions: 2, replicationFactor: 1, retentionMs: 86_400_000 },
        plannedTopics: [{ name: 'orders.planned', flow: 'Order pipeline' }],
      },
    ],
  };
}

async function mount(graph: FlowGraph, catalog: Catalog, actor = demoMember) {
  const store = createEditorStore({ graph, catalog, actor, readOnly: false });
  await render(
    <div style={{ width: 1260, height: 780 }}>
      <EventFlowsEditor graph={graph} catalog={catalog} actor={actor} store={store} />
    </div>,
  );
  return store;
}

const palette = () => page.getByRole('region', { name: 'Palette' });
const inspector = () => page.getByRole('region', { name: 'Inspector' });

describe('making a new topic from the palette', () => {
  it('offers to create a searched name that matches nothing, with the connection’s defaults', async () => {
    const store = await mount(emptyGraph(), freshCatalog());
    await userEvent.fill(palette().getByRole('searchbox'), 'payments');
    await expect.element(palette().getByText(/Nothing matches/)).not.toBeInTheDocument();
    await palette().getByRole('button', { name: 'Create topic “payments” on Embedded Kafka' }).click();

    const form = palette().getByRole('form', { name: 'New topic' });
    await expect.element(form.getByLabelText('Topic name')).toHaveValue('payments');
    await expect.element(form.getByLabelText('Connection')).toHaveValue('local');
    await expect.element(form.getByLabelText('Partitions')).toHaveValue(2);
    await expect.element(form.getByLabelText('Replication factor')).toHaveValue(1);
    await expect.element(form.getByLabelText('Retention (hours)')).toHaveValue(24);
    await form.getByRole('button', { name: 'Add topic' }).click();

    const topics = store.getState().graph.nodes.filter((n) => n.kind === 'topic');
    expect(topics).toMatchObject([
      { connection: 'local', topic: 'payments', create: { partitions: 2, replicationFactor: 1, config: { 'retention.ms': '86400000' } } },
    ]);
    // One undo step takes it away again.
    store.getState().actions.undo();
    expect(store.getState().graph.nodes).toEqual([]);
  });

  it('offers "New topic" as the studio’s button: solid-edged while it can be pressed, as dashed means disabled', async () => {
    await mount(emptyGraph(), freshCatalog());
    const button = palette().getByRole('button', { name: 'New topic' });
    await expect.element(button).toBeEnabled();
    // Drawn as every other button of the studio is: a design-system Button placed beside it is the measure.
    const measure = document.createElement('button');
    measure.className = 'efs-button efs-button--secondary';
    button.element().after(measure);
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return [s.borderTopStyle, s.borderTopColor, s.borderRadius, s.backgroundColor, s.color];
    };
    expect(look(button.element())).toEqual(look(measure));
    expect(getComputedStyle(button.element()).borderTopStyle).toBe('solid');
    measure.remove();
  });

  it('refuses an illegal name with a sentence, and adds nothing', async () => {
    const store = await mount(emptyGraph(), freshCatalog());
    await palette().getByRole('button', { name: 'New topic' }).click();
    const form = palette().getByRole('form', { name: 'New topic' });
    await form.getByLabelText('Topic name').fill('pay ments!');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('"pay ments!" is not a legal Kafka topic name');
    expect(store.getState().graph.nodes).toEqual([]);
  });

  it('lists topics the org’s flows name that do not exist yet, marked as such', async () => {
    await mount(emptyGraph(), freshCatalog());
    const planned = palette().getByRole('button', { name: /^Add topic orders\.planned/ });
    await expect.element(planned).toHaveTextContent('not created yet · in flow Order pipeline');
  });
});

describe("a member's new topic stays within the member limits", () => {
  /** A connection whose defaults are beyond what a member may ask: 50 partitions, kept forever. */
  function roomyCatalog(): Catalog {
    const catalog = freshCatalog();
    return { ...catalog, connections: [{ id: 'local', name: 'Embedded Kafka', topics: [], defaults: { partitions: 50, replicationFactor: 1, retentionMs: -1 } }] };
  }

  async function openForm(actor = demoMember) {
    const store = await mount(emptyGraph(), roomyCatalog(), actor);
    await palette().getByRole('button', { name: 'New topic' }).click();
    const form = palette().getByRole('form', { name: 'New topic' });
    await form.getByLabelText('Topic name').fill('payments');
    return { store, form };
  }

  it('starts within the limits, says what they are, and refuses more with a sentence', async () => {
    const { store, form } = await openForm();
    await expect.element(form.getByLabelText('Partitions')).toHaveValue(12);
    await expect.element(form.getByLabelText('Retention (hours)')).toHaveValue(720);
    await expect
      .element(form.getByText(/As a member you may ask for up to 12 partitions, a replication factor up to 1 and a retention from 1 to 720 hours/))
      .toBeInTheDocument();
    // The field's bound and its sentence are the member limit the text above states, not the schema's.
    await expect.element(form.getByLabelText('Partitions')).toHaveAttribute('max', '12');
    await form.getByLabelText('Partitions').fill('999999');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('Partitions is a whole number from 1 to 12.');
    expect(store.getState().graph.nodes).toEqual([]);

    await form.getByLabelText('Partitions').fill('12');
    await form.getByLabelText('Retention (hours)').fill('721');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('retention.ms to a whole number from 3600000 (1 hour) to 2592000000 (30 days)');
    expect(store.getState().graph.nodes).toEqual([]);

    await form.getByLabelText('Retention (hours)').fill('720');
    await form.getByRole('button', { name: 'Add topic' }).click();
    expect(store.getState().graph.nodes).toMatchObject([{ topic: 'payments', create: { partitions: 12, replicationFactor: 1, config: { 'retention.ms': '2592000000' } } }]);
  });

  it("leaves a cluster admin the connection's own defaults and any size", async () => {
    const { store, form } = await openForm(demoAdmin);
    await expect.element(form.getByLabelText('Partitions')).toHaveValue(50);
    await expect.element(form.getByText(/As a member/)).not.toBeInTheDocument();
    await form.getByLabelText('Partitions').fill('100');
    await form.getByRole('button', { name: 'Add topic' }).click();
    expect(store.getState().graph.nodes).toMatchObject([{ topic: 'payments', create: { partitions: 100, config: {} } }]);
  });
});

describe('making a new topic from an algorithm', () => {
  it('adds an output topic beside the algorithm and the publish edge in one undoable step', async () => {
    const graph: FlowGraph = { nodes: [{ id: 'a1', kind: 'algorithm', position: { x: 100, y: 100 }, algorithm: 'acme/classify', version: '1.2.0' }], edges: [] };
    const store = await mount(graph, freshCatalog());
    store.getState().actions.select({ nodeIds: ['a1'] });
    await inspector().getByRole('button', { name: 'New output topic' }).click();
    const form = inspector().getByRole('form', { name: 'New topic' });
    await form.getByLabelText('Topic name').fill('payments.classified');
    await form.getByRole('button', { name: 'Add topic' }).click();

    const state = store.getState();
    const topic = state.graph.nodes.find((n) => n.kind === 'topic');
    expect(topic).toMatchObject({ topic: 'payments.classified', connection: 'local' });
    expect(topic?.position.x).toBeGreaterThan(100);
    expect(state.graph.edges).toMatchObject([{ kind: 'publish', source: 'a1', target: topic?.id }]);
    state.actions.undo();
    expect(store.getState().graph).toMatchObject({ nodes: [{ id: 'a1' }], edges: [] });
  });

  it('adds a DLQ topic connected from the DLQ handle', async () => {
    const graph = pipelineGraph();
    const store = await mount(graph, demoCatalog());
    store.getState().actions.select({ nodeIds: ['a-classify'] });
    await inspector().getByRole('button', { name: 'New DLQ topic' }).click();
    const form = inspector().getByRole('form', { name: 'New topic' });
    await form.getByLabelText('Topic name').fill('orders.classify.dlq');
    await form.getByRole('button', { name: 'Add topic' }).click();
    const state = store.getState();
    const topic = state.graph.nodes.find((n) => n.kind === 'topic' && n.topic === 'orders.classify.dlq');
    expect(state.graph.edges.filter((e) => e.kind === 'dlq' && e.source === 'a-classify').map((e) => e.target)).toEqual([topic?.id]);
  });
});

describe('the creation settings of a topic on the canvas', () => {
  it("start from the connection's defaults and include retention", async () => {
    const graph: FlowGraph = { nodes: [{ id: 't1', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'payments' }], edges: [] };
    const store = await mount(graph, freshCatalog());
    store.getState().actions.select({ nodeIds: ['t1'] });
    await inspector().getByRole('button', { name: 'Choose partitions, replication and retention' }).click();
    expect(store.getState().nodesById.get('t1')).toMatchObject({ create: { partitions: 2, replicationFactor: 1, config: { 'retention.ms': '86400000' } } });
    await expect.element(inspector().getByLabelText('Retention (hours)')).toHaveValue(24);
    await inspector().getByLabelText('Retention (hours)').fill('48');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().nodesById.get('t1')).toMatchObject({ create: { config: { 'retention.ms': '172800000' } } });
  });

  it("start a member's topic within the member limits, and offer a planned topic within them", async () => {
    const catalog = freshCatalog();
    const roomy: Catalog = { ...catalog, connections: catalog.connections.map((c) => ({ ...c, defaults: { partitions: 50, replicationFactor: 1, retentionMs: -1 } })) };
    const graph: FlowGraph = { nodes: [{ id: 't1', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'payments' }], edges: [] };
    const store = await mount(graph, roomy);
    store.getState().actions.select({ nodeIds: ['t1'] });
    await inspector().getByRole('button', { name: 'Choose partitions, replication and retention' }).click();
    expect(store.getState().nodesById.get('t1')).toMatchObject({ create: { partitions: 12, replicationFactor: 1, config: { 'retention.ms': '2592000000' } } });
    await inspector().getByLabelText('Partitions').fill('13');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().nodesById.get('t1')).toMatchObject({ create: { partitions: 12 } });

    await palette().getByRole('button', { name: /^Add topic orders\.planned/ }).click();
    expect(store.getState().graph.nodes.find((n) => n.kind === 'topic' && n.topic === 'orders.planned')).toMatchObject({ create: { partitions: 12 } });
  });
});

describe("a connection's guardrails, where a member creates topics", () => {
  /** The fresh catalog with guardrails on its connection: a name pattern, at least 3 partitions, a DLQ for every subscription. */
  function guardedCatalog(): Catalog {
    const catalog = freshCatalog();
    return {
      ...catalog,
      connections: catalog.connections.map((c) => ({
        ...c,
        memberTopicLimits: {
          ...memberTopicLimits,
          topicName: { pattern: 'orders\\..+', description: 'orders, a dot, then the event' },
          minPartitions: 3,
          requireDlq: true,
        },
      })),
    };
  }
  const rule = 'Topic names on "Embedded Kafka" must match orders\\..+: orders, a dot, then the event.';

  it('says them in the new topic form, starts within them, and refuses a name off the pattern with the sentence the canvas would show', async () => {
    const store = await mount(emptyGraph(), guardedCatalog());
    await palette().getByRole('button', { name: 'New topic' }).click();
    const form = palette().getByRole('form', { name: 'New topic' });
    await expect.element(form.getByText(rule)).toBeVisible();
    await expect.element(form.getByText('Every subscription to a topic on Embedded Kafka needs a DLQ.')).toBeVisible();
    await expect.element(form.getByLabelText('Partitions')).toHaveValue(3);
    await expect.element(form.getByLabelText('Partitions')).toHaveAttribute('min', '3');
    await expect.element(form.getByText(/As a member you may ask for 3 to 12 partitions/)).toBeVisible();

    await form.getByLabelText('Topic name').fill('payments');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent(`${rule} "payments" does not. Rename the topic, or ask a cluster admin to create it.`);
    expect(store.getState().graph.nodes).toEqual([]);

    await form.getByLabelText('Partitions').fill('2');
    await form.getByLabelText('Topic name').fill('orders.paid');
    await form.getByRole('button', { name: 'Add topic' }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('Partitions is a whole number from 3 to 12.');
    await form.getByLabelText('Partitions').fill('3');
    await form.getByRole('button', { name: 'Add topic' }).click();
    expect(store.getState().graph.nodes).toMatchObject([{ topic: 'orders.paid', create: { partitions: 3 } }]);
  });

  it('says them in the inspector of a topic deploy will create', async () => {
    const graph: FlowGraph = { nodes: [{ id: 't1', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'payments' }], edges: [] };
    const store = await mount(graph, guardedCatalog());
    store.getState().actions.select({ nodeIds: ['t1'] });
    await expect.element(inspector().getByText(rule)).toBeVisible();
    await inspector().getByRole('button', { name: 'Choose partitions, replication and retention' }).click();
    expect(store.getState().nodesById.get('t1')).toMatchObject({ create: { partitions: 3 } });
    await expect.element(inspector().getByLabelText('Partitions')).toHaveAttribute('min', '3');
  });

  it('are not shown to a cluster admin, who is not held to them', async () => {
    await mount(emptyGraph(), guardedCatalog(), demoAdmin);
    await palette().getByRole('button', { name: 'New topic' }).click();
    const form = palette().getByRole('form', { name: 'New topic' });
    await form.getByLabelText('Topic name').fill('payments');
    await expect.element(form.getByText(rule)).not.toBeInTheDocument();
  });
});
