import { describe, expect, it } from 'vitest';
import { demoCatalog, demoMember, pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { subscriptionWithDlq } from './ownDlq.ts';
import { validate } from './validate/validate.ts';

const catalog = demoCatalog();
const withEdges = (graph: FlowGraph, ...edges: FlowGraph['edges']): FlowGraph => ({ ...graph, edges: [...graph.edges, ...edges] });

describe("publishing to one's own DLQ", () => {
  it("is an error when an algorithm publishes to its subscription's DLQ (the algorithm's DLQ edge)", () => {
    const graph = withEdges(pipelineGraph(), { id: 'e9', kind: 'publish', source: 'a-classify', target: 't-dlq' });
    const found = validate(graph, catalog, demoMember, { flowId: 'f1' }).filter((d) => d.code === 'publishes-to-own-dlq');
    expect(found).toEqual([
      {
        code: 'publishes-to-own-dlq',
        severity: 'error',
        message: expect.stringMatching(/"orders\.dlq" is the Dead Letter Queue of acme\/classify's subscription to "orders"/),
        nodeIds: ['a-classify', 't-dlq'],
        edgeIds: ['e9', 'e1'],
      },
    ]);
  });

  it("is an error for a subscription's own DLQ too, and not for another algorithm's DLQ", () => {
    const graph = pipelineGraph();
    const edges = graph.edges.map((e) => (e.id === 'e7' ? { ...e, dlq: 't-classified' } : e));
    const found = validate(withEdges({ ...graph, edges }, { id: 'e9', kind: 'publish', source: 'a-alert', target: 't-classified' }), catalog, demoMember, { flowId: 'f1' });
    expect(found.filter((d) => d.code === 'publishes-to-own-dlq').map((d) => d.edgeIds)).toEqual([['e9', 'e7']]);
    // a-classify publishes to orders.classified, which is only alert's DLQ: no diagnostic on e2.
    expect(found.some((d) => d.code === 'publishes-to-own-dlq' && d.edgeIds.includes('e2'))).toBe(false);
  });

  it('finds, among enabled bindings, the subscription whose DLQ a topic is', () => {
    const dlq = { connection: 'local', topic: 'orders.dlq' };
    const subscription = { direction: 'subscribe' as const, topic: 'orders', dlq };
    expect(subscriptionWithDlq([{ direction: 'publish' as const, topic: 'x' }, subscription], dlq)).toBe(subscription);
    expect(subscriptionWithDlq([subscription], { connection: 'other', topic: 'orders.dlq' })).toBeUndefined();
    expect(subscriptionWithDlq([{ ...subscription, dlq: null }], dlq)).toBeUndefined();
  });
});
