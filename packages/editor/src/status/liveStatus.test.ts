import { demoCatalog, demoMember, pipelineGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../store/index.ts';
import { exampleStatus } from './exampleStatus.ts';
import { layOutStatus, type BindingStatusView } from './liveStatus.ts';

const running = (algorithm: string, topic: string, extra: Partial<BindingStatusView> = {}): BindingStatusView => ({
  algorithm,
  connection: 'local',
  topic,
  state: 'running',
  msgsPerSecond: 5,
  consumed: 40,
  published: 36,
  failed: 1,
  deadLettered: 2,
  lag: { '0': 3, '1': 4 },
  lagSeconds: 1.5,
  lastError: null,
  ...extra,
});

describe('layOutStatus', () => {
  it("gives an algorithm node the trend of its subscriptions' lag over the last minute, rising first", () => {
    const graph = pipelineGraph();
    const history = (topic: string, lag: number[]) => ({ algorithm: 'acme/enrich', connection: 'local', topic, at: lag.map((_, i) => i * 5_000), lag });
    const statuses = [running('acme/enrich', 'orders.classified'), running('acme/classify', 'orders')];
    expect(layOutStatus(graph, statuses, [history('orders.classified', [0, 40, 400])]).nodes.get('a-enrich')?.trend).toBe('rising');
    expect(layOutStatus(graph, statuses, [history('orders.classified', [900, 400, 20])]).nodes.get('a-enrich')?.trend).toBe('falling');
    expect(layOutStatus(graph, statuses).nodes.get('a-enrich')?.trend).toBe('steady');
    // Another algorithm's history is not this node's.
    expect(layOutStatus(graph, statuses, [history('orders.classified', [0, 40, 400])]).nodes.get('a-classify')?.trend).toBe('steady');
  });

  it('puts each binding on its subscribe edge, sums it on the algorithm node, and counts its outputs', () => {
    const live = layOutStatus(pipelineGraph(), [running('acme/enrich', 'orders.classified')]);
    expect(live.edges.get('e4')).toEqual({ state: 'running', msgsPerSecond: 5, count: 40, label: '5 msg/s · 40 in' });
    expect(live.nodes.get('a-enrich')).toEqual({ state: 'running', lag: 7, lagSeconds: 1.5, trend: 'steady', failed: 1, deadLettered: 2, consumed: 40, published: 36, error: undefined });
    // enrich's publish edge (e5) carries what it wrote; its DLQ edge (e6) what it dead-lettered.
    expect(live.edges.get('e5')).toMatchObject({ count: 36, label: '36 out' });
    expect(live.edges.get('e6')).toMatchObject({ count: 2, label: '2 dead-lettered' });
    expect(live.nodes.has('a-classify')).toBe(false);
    expect(live.edges.size).toBe(3);
  });

  it('says "retrying n/m" on a subscribe edge while its binding waits to try a message again', () => {
    const live = layOutStatus(pipelineGraph(), [running('acme/enrich', 'orders.classified', { retrying: { attempt: 3, maxAttempts: 5, messages: 1 } })]);
    expect(live.edges.get('e4')).toEqual({ state: 'running', msgsPerSecond: 5, count: 40, label: 'retrying 3/5', retrying: 'retrying 3/5' });
    expect(layOutStatus(pipelineGraph(), [running('acme/enrich', 'orders.classified', { retrying: null })]).edges.get('e4')?.label).toBe('5 msg/s · 40 in');
  });

  it('splits the records written across an algorithm’s outputs, each result going to every output', () => {
    const graph = pipelineGraph();
    graph.nodes.push({ id: 't-copy', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders.copy' });
    graph.edges.push({ id: 'e9', kind: 'publish', source: 'a-enrich', target: 't-copy' });
    const live = layOutStatus(graph, [running('acme/enrich', 'orders.classified', { published: 36 })]);
    expect(live.edges.get('e5')?.count).toBe(18);
    expect(live.edges.get('e9')?.count).toBe(18);
  });

  it('shows the state that needs attention most when an algorithm has several subscriptions', () => {
    const graph = pipelineGraph();
    graph.edges.push({ id: 'e9', kind: 'subscribe', source: 't-orders', target: 'a-enrich' });
    const live = layOutStatus(graph, [
      running('acme/enrich', 'orders.classified'),
      running('acme/enrich', 'orders', { state: 'error', lastError: { message: 'boom' } }),
    ]);
    expect(live.nodes.get('a-enrich')).toMatchObject({ state: 'error', lag: 14, failed: 2, error: 'boom' });
  });

  it('ignores bindings no edge shows', () => {
    const live = layOutStatus(pipelineGraph(), [running('acme/other', 'orders')]);
    expect(live.nodes.size + live.edges.size).toBe(0);
  });
});

describe('the store’s live status', () => {
  it('follows both new statuses and edits of the graph', () => {
    const graph = pipelineGraph();
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
    expect(store.getState().liveStatus).toBeNull();
    store.getState().actions.setBindingStatus(exampleStatus(graph, { failing: 'acme/alert' }));
    expect(store.getState().liveStatus?.nodes.get('a-alert')?.state).toBe('error');
    expect(store.getState().liveStatus?.edges.get('e1')?.msgsPerSecond).toBe(12);

    store.getState().actions.deleteElements([], ['e7']);
    expect(store.getState().liveStatus?.nodes.has('a-alert')).toBe(false);
    store.getState().actions.setBindingStatus(null);
    expect(store.getState().liveStatus).toBeNull();
  });
});
