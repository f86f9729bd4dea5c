import { demoCatalog, demoMember, type FlowGraph } from '@event-flows/model';
import { describe, expect, it } from 'vitest';
import { createEditorStore } from '../store/index.ts';
import { selectTopicNode } from './nodeViewModel.ts';

const graph: FlowGraph = {
  nodes: [
    { id: 't-new', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'payments', create: { partitions: 2, replicationFactor: 1, config: {} } },
    { id: 't-made', kind: 'topic', position: { x: 0, y: 200 }, connection: 'local', topic: 'orders', create: { partitions: 2, replicationFactor: 1, config: {} } },
    { id: 't-adopted', kind: 'topic', position: { x: 0, y: 400 }, connection: 'local', topic: 'orders', adopted: true },
  ],
  edges: [],
};

describe('what a topic node shows', () => {
  it('says "to be created" only while Kafka does not have the topic, and then shows what Kafka has', () => {
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
    expect(selectTopicNode(store.getState(), 't-new')).toMatchObject({ created: true, partitions: 2, connection: 'Local Kafka' });
    // orders exists on the demo catalog's connection with 3 partitions: a deploy made it, or it was there.
    expect(selectTopicNode(store.getState(), 't-made')).toMatchObject({ created: false, partitions: 3, adopted: false });
  });

  it('marks a topic adopted from the cluster as existing', () => {
    const store = createEditorStore({ graph, catalog: demoCatalog(), actor: demoMember, readOnly: false });
    expect(selectTopicNode(store.getState(), 't-adopted')).toMatchObject({ created: false, partitions: 3, adopted: true });
  });
});
