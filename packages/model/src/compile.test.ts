import { describe, expect, it } from 'vitest';
import { compile } from './compile.ts';
import type { SubscribeBinding } from './desired.ts';
import { pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';

const classifyBinding = (graph: FlowGraph) =>
  compile(graph, { flowId: 'f' }).bindings.find(
    (b): b is SubscribeBinding => b.direction === 'subscribe' && b.algorithm === 'acme/classify',
  );

describe('compile, the DLQ of a subscription', () => {
  it("is the algorithm's DLQ when the subscription names none", () => {
    expect(classifyBinding(pipelineGraph())?.dlq).toEqual({ connection: 'local', topic: 'orders.dlq' });
  });

  it("is the algorithm's DLQ when the subscription's own DLQ is empty (editor state; the schema refuses it)", () => {
    const graph = pipelineGraph();
    const edges = graph.edges.map((e) => (e.id === 'e1' ? { ...e, dlq: '' } : e));
    expect(classifyBinding({ ...graph, edges })?.dlq).toEqual({ connection: 'local', topic: 'orders.dlq' });
  });

  it('is the subscription’s own DLQ topic when it names one', () => {
    const graph = pipelineGraph();
    const edges = graph.edges.map((e) => (e.id === 'e1' ? { ...e, dlq: 't-alerts' } : e));
    expect(classifyBinding({ ...graph, edges })?.dlq).toEqual({ connection: 'local', topic: 'alerts' });
  });
});
