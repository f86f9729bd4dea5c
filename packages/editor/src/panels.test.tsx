import { demoCatalog, demoMember, pipelineGraph, type FlowGraph, type Grant } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventFlowsEditor, type EditorTheme, type EventFlowsEditorProps } from './EventFlowsEditor.tsx';
import { exampleHistory, exampleStatus } from './status/index.ts';
import { showWholeFlow } from './testing/wholeFlow.ts';
import { detailZooms } from './canvas/detailLevel.ts';
import { createEditorStore } from './store/index.ts';

afterEach(() => cleanup());

async function mount(graph: FlowGraph, theme: EditorTheme = 'light', more: Partial<EventFlowsEditorProps> = {}) {
  const catalog = more.catalog ?? demoCatalog();
  const store = createEditorStore({ graph, catalog, actor: demoMember, readOnly: false });
  await render(
    <div style={{ width: 1260, height: 780 }}>
      <EventFlowsEditor graph={graph} catalog={catalog} actor={demoMember} store={store} theme={theme} {...more} />
    </div>,
  );
  await showWholeFlow(document, graph.nodes.length);
  return store;
}

function withUnknownVersion(): FlowGraph {
  const graph = pipelineGraph();
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === 'a-alert' && n.kind === 'algorithm' ? { ...n, version: '9.9.9' } : n)) };
}

const inspector = () => page.getByRole('region', { name: 'Inspector' });
const problems = () => page.getByRole('region', { name: /^Problems/ });

describe('problems panel', () => {
  it('lists the model’s diagnostics, marks the node, and focuses it on click', async () => {
    const store = await mount(withUnknownVersion());
    const unknown = store.getState().diagnostics.find((d) => d.code === 'unknown-version');
    expect(unknown?.nodeIds).toEqual(['a-alert']);
    expect(document.querySelector('.react-flow__node[data-id="a-alert"] .efs-node')?.getAttribute('data-mark')).toBe('error');

    await problems().getByRole('button', { name: new RegExp(unknown?.message.slice(0, 20) ?? '') }).click();
    expect([...store.getState().selection.nodeIds]).toEqual(['a-alert']);
    await expect.element(inspector().getByRole('heading', { name: 'alert' })).toBeVisible();
    await expect.poll(() => document.querySelector('.react-flow__node[data-id="a-alert"]')?.classList.contains('selected')).toBe(true);
  });

  it('requests access for every missing grant with the plan review\u2019s "Request access for all"', async () => {
    const asked: Grant[][] = [];
    const withoutGrants = { ...demoCatalog(), grants: [] };
    const store = await mount(pipelineGraph(), 'light', { catalog: withoutGrants, onRequestAccess: (grants) => asked.push(grants), accessRequests: [] });
    const missing = store.getState().diagnostics.filter((d) => d.code === 'access-not-granted');
    expect(missing.length).toBeGreaterThan(0);
    await expect.element(problems()).toHaveTextContent(`${missing.length} grants not requested`);
    await problems().getByRole('button', { name: 'Request access for all' }).click();
    expect(asked).toHaveLength(1);
    expect(asked[0]).toHaveLength(missing.length);
    expect(asked[0]).toContainEqual({ connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' });
  });

  it('offers no access request when every grant is there', async () => {
    await mount(pipelineGraph(), 'light', { onRequestAccess: () => undefined, accessRequests: [] });
    await expect.element(problems()).toBeVisible();
    await expect.element(problems().getByRole('button', { name: 'Request access for all' })).not.toBeInTheDocument();
  });

  it('says so when there is nothing to report', async () => {
    await mount({ nodes: [], edges: [] });
    await expect.element(problems()).toHaveTextContent('No problems found.');
  });
});

describe('inspector', () => {
  it('changes an algorithm’s version with a warning on latest, and its concurrency, each undoable', async () => {
    const store = await mount(pipelineGraph());
    await page.elementLocator(document.querySelector('.react-flow__node[data-id="a-classify"]') as Element).click();
    await inspector().getByLabelText('Version').selectOptions('latest');
    expect(store.getState().nodesById.get('a-classify')).toMatchObject({ version: 'latest' });
    await expect.element(inspector().getByRole('note')).toHaveTextContent('follows every new release');

    await inspector().getByLabelText('Concurrency').fill('4');
    await userEvent.keyboard('{Enter}');
    expect(store.getState().nodesById.get('a-classify')).toMatchObject({ concurrency: 4 });
    store.getState().actions.undo();
    await expect.element(inspector().getByLabelText('Concurrency')).toHaveValue(null);
  });

  it('gives one subscription its own version; empty runs the algorithm’s again', async () => {
    const store = await mount(pipelineGraph());
    store.getState().actions.select({ edgeIds: ['e1'] });
    const field = inspector().getByLabelText('Version for this binding');
    await expect.element(field).toHaveValue('');
    await expect.element(field.getByRole('option', { name: "The algorithm's (1.2.0)" })).toBeInTheDocument();
    await field.selectOptions('1.0.0');
    expect(store.getState().graph.edges.find((e) => e.id === 'e1')).toMatchObject({ version: '1.0.0' });
    // The algorithm node and its other bindings keep their version.
    expect(store.getState().nodesById.get('a-classify')).toMatchObject({ version: '1.2.0' });
    expect(store.getState().graph.edges.find((e) => e.id === 'e2')?.version).toBeUndefined();
    await field.selectOptions("The algorithm's (1.2.0)");
    expect(store.getState().graph.edges.find((e) => e.id === 'e1')?.version).toBeUndefined();
    // A DLQ edge has no version of its own.
    store.getState().actions.select({ edgeIds: ['e3'] });
    await expect.element(inspector().getByRole('heading', { name: 'Dead-letter queue' })).toBeVisible();
    expect(inspector().getByLabelText('Version for this binding').query()).toBeNull();
  });

  it('chooses an algorithm’s DLQ topic', async () => {
    const store = await mount(pipelineGraph());
    store.getState().actions.select({ nodeIds: ['a-alert'] });
    await inspector().getByLabelText('Dead-letter queue').selectOptions('orders.dlq');
    expect(store.getState().graph.edges.filter((e) => e.kind === 'dlq' && e.source === 'a-alert').map((e) => e.target)).toEqual([
      't-dlq',
    ]);
  });

  it('connects from the keyboard, and shows why the model refuses a connection', async () => {
    const store = await mount(pipelineGraph());
    store.getState().actions.select({ nodeIds: ['a-alert'] });
    const topic = inspector().getByLabelText('Topic', { exact: true });
    await topic.selectOptions('orders');
    // Publishing to its own upstream topic would make alert feed itself through classify and enrich.
    inspector().getByRole('button', { name: 'Publish to topic' }).element().focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(inspector().getByRole('status')).toHaveTextContent(/^Refused: /);
    expect(store.getState().graph.edges).toHaveLength(8);

    await topic.selectOptions('orders.classified');
    inspector().getByRole('button', { name: 'Subscribe to topic' }).element().focus();
    await userEvent.keyboard('{Enter}');
    expect(store.getState().graph.edges.at(-1)).toMatchObject({ kind: 'subscribe', source: 't-classified', target: 'a-alert' });
    expect([...store.getState().selection.nodeIds]).toEqual(['a-alert']);
  });
});

describe('inspector with a multi-selection', () => {
  it('counts what is selected in English, without zero parts', async () => {
    const store = await mount(pipelineGraph());
    store.getState().actions.select({ nodeIds: ['a-classify', 'a-enrich'] });
    await expect.element(inspector()).toHaveTextContent('2 nodes selected.');
    const [edge] = store.getState().graph.edges;
    store.getState().actions.select({ nodeIds: ['a-classify'], edgeIds: [edge?.id ?? ''] });
    await expect.element(inspector()).toHaveTextContent('1 node and 1 edge selected.');
    store.getState().actions.select({ edgeIds: store.getState().graph.edges.slice(0, 2).map((e) => e.id) });
    await expect.element(inspector()).toHaveTextContent('2 edges selected.');
  });
});

describe('live status', () => {
  it('shows throughput on edges and lag, failures and DLQ counts on nodes; a binding in error stands out', async () => {
    const graph = pipelineGraph();
    const status = exampleStatus(graph, { failing: 'acme/alert' });
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: true, bindingStatus: status });
    await render(
      <div style={{ width: 1260, height: 780 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly status={status} />
      </div>,
    );
    await showWholeFlow(document, graph.nodes.length);
    const node = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"] .efs-node`);
    await expect.poll(() => node('a-enrich')?.textContent).toContain('running · lag 3 · 1 failed · 1 DLQ');
    expect(node('a-alert')?.getAttribute('data-binding-state')).toBe('error');
    expect(node('a-alert')?.textContent).toContain('Error: No DLQ');
    expect(getComputedStyle(node('a-alert') as Element).borderTopColor).not.toBe(getComputedStyle(node('a-enrich') as Element).borderTopColor);
    const labels = [...document.querySelectorAll('.react-flow__edge-text')].map((t) => t.textContent);
    // Counts are written with thousands separators, as everywhere else in the studio.
    expect(labels.sort()).toEqual(
      ['0 dead-lettered', '0 msg/s · 7 in', '0 out', '1 dead-lettered', '1,000 out', '12 msg/s · 1,000 in', '1,999 out', '22 msg/s · 2,000 in'].sort(),
    );
  });
});

describe('live history', () => {
  it('puts a trend arrow on a node whose lag rises and draws its last hour as small charts in the inspector', async () => {
    const graph = pipelineGraph();
    const status = exampleStatus(graph);
    const history = exampleHistory(status, { rising: 'acme/enrich' });
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: true, bindingStatus: status, bindingHistory: history });
    await render(
      <div style={{ width: 1260, height: 780 }}>
        <EventFlowsEditor graph={graph} catalog={demoCatalog()} actor={demoMember} store={store} readOnly status={status} history={history} />
      </div>,
    );
    await showWholeFlow(document, graph.nodes.length);
    const status$ = (id: string) => document.querySelector(`.react-flow__node[data-id="${id}"] .efs-node__status`);
    await expect.poll(() => status$('a-enrich')?.textContent).toMatch(/lag \d+ ↗/);
    expect(status$('a-enrich')?.getAttribute('data-trend')).toBe('rising');
    expect(status$('a-enrich')?.getAttribute('title')).toBe('Lag rising over the last minute');
    expect(status$('a-classify')?.getAttribute('data-trend')).toBe('falling');
    expect(status$('a-classify')?.textContent).toMatch(/lag \d+ ↘/);

    store.getState().actions.select({ nodeIds: ['a-enrich'] });
    const live = inspector().getByRole('region', { name: 'Live history of orders.classified' });
    await expect.element(live).toBeVisible();
    const charts = live.getByRole('img');
    expect(charts.elements()).toHaveLength(5);
    const enrich = history.find((h) => h.algorithm === 'acme/enrich');
    const lagNow = enrich?.lag.at(-1);
    await expect.element(live.getByRole('img', { name: `Lag in messages over the last 5 minutes: highest ${lagNow} msgs, now ${lagNow} msgs` })).toBeVisible();
    // The line has a point per sample, and rises to the top of the chart at its end.
    const line = live.getByRole('img', { name: /^Lag in messages/ }).element().querySelector('polyline');
    const points = (line?.getAttribute('points') ?? '').split(' ').map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(60);
    expect(points.at(-1)).toEqual([150, 1]);
  });
});

describe('arrange', () => {
  it('lays the flow out as one undo step', async () => {
    const graph = pipelineGraph();
    const scattered = { ...graph, nodes: graph.nodes.map((n, i) => ({ ...n, position: { x: (i * 37) % 200, y: (i * 53) % 300 } })) };
    const store = await mount(scattered);
    await page.getByRole('button', { name: 'Arrange', exact: true }).click();
    // The layout runs in a worker: the move lands when it answers.
    await expect.poll(() => store.getState().past.length, { timeout: 60_000 }).toBe(1);
    const x = new Map(store.getState().graph.nodes.map((n) => [n.id, n.position.x]));
    expect(x.get('t-orders') as number).toBeLessThan(x.get('a-classify') as number);
    expect(x.get('a-classify') as number).toBeLessThan(x.get('t-classified') as number);
    expect(store.getState().past).toHaveLength(1);
    store.getState().actions.undo();
    expect(store.getState().graph).toEqual(scattered);
  }, 90_000);

  it('keeps a small flow at a zoom where its text is read, showing its start, when fitting it would shrink it further', async () => {
    const store = await mount(pipelineGraph());
    await page.getByRole('button', { name: 'Arrange', exact: true }).click();
    await expect.poll(() => store.getState().past.length, { timeout: 60_000 }).toBe(1);
    const viewport = () => document.querySelector<HTMLElement>('.react-flow__viewport')?.style.transform ?? '';
    const zoomOf = (transform: string) => Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
    await expect.poll(() => zoomOf(viewport())).toBeGreaterThanOrEqual(detailZooms.fullAbove);
    // The flow's start (its source topic, at its left end) is in view.
    const canvas = document.querySelector('.react-flow')?.getBoundingClientRect();
    const start = document.querySelector('.react-flow__node[data-id="t-orders"]')?.getBoundingClientRect();
    expect(start && canvas && start.left >= canvas.left && start.right <= canvas.right && start.top >= canvas.top && start.bottom <= canvas.bottom).toBe(true);
  }, 90_000);
});

describe('accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`has no axe violations with a node selected (${theme})`, async () => {
      const store = await mount(withUnknownVersion(), theme);
      store.getState().actions.select({ nodeIds: ['a-classify'] });
      await expect.element(inspector().getByLabelText('Version')).toBeVisible();
      const root = document.querySelector('.efs-editor');
      if (!root) throw new Error('no editor root');
      const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
