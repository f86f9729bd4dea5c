import { describe, expect, it } from 'vitest';
import { compile, compiledNumbersOf, type CompiledNumbers } from './compile.ts';
import type { Desired, SubscribeBinding } from './desired.ts';
import { demoCatalog, pipelineGraph } from './fixtures.ts';
import type { FlowGraph } from './graph.ts';
import { topicIdsOn } from './graphIndex.ts';

const classifyBinding = (graph: FlowGraph) =>
  compile(graph, demoCatalog(), { flowId: 'f' }).bindings.find(
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

describe('compile, the numbers it leaves for plan', () => {
  const catalog = demoCatalog();

  it("number every grant, binding and topic as the graph's index numbers their names", () => {
    const graph = pipelineGraph();
    const desired = compile(graph, catalog, { flowId: 'f' });
    const numbers = compiledNumbersOf(desired);
    expect(numbers).toBeDefined();
    const { index } = numbers as CompiledNumbers;
    const topicId = (connection: string, topic: string) => topicIdsOn(index, connection)?.get(topic);
    desired.grants.forEach((g, i) => {
      expect(numbers?.grantTopicIds[i]).toBe(topicId(g.connection, g.topic));
      expect(numbers?.grantRefNos[i]).toBe(index.refNos.get(g.algorithm));
    });
    desired.bindings.forEach((b, i) => {
      expect(numbers?.bindingTopicIds[i]).toBe(topicId(b.connection, b.topic));
      expect(numbers?.bindingRefNos[i]).toBe(index.refNos.get(b.algorithm));
    });
    desired.topics.forEach((t, i) => expect(numbers?.topicIds[i]).toBe(topicId(t.connection, t.topic)));
  });

  it('are not there for a copy, nor once a list is replaced, resized or reversed', () => {
    const desired = compile(pipelineGraph(), catalog, { flowId: 'f' });
    expect(compiledNumbersOf(desired)).toBeDefined();
    expect(compiledNumbersOf(JSON.parse(JSON.stringify(desired)) as Desired)).toBeUndefined();
    expect(compiledNumbersOf({ ...desired })).toBeUndefined();
    const resized = compile(pipelineGraph(), catalog, { flowId: 'f' });
    resized.grants.pop();
    expect(compiledNumbersOf(resized)).toBeUndefined();
    const replaced = compile(pipelineGraph(), catalog, { flowId: 'f' });
    replaced.bindings = [...replaced.bindings];
    expect(compiledNumbersOf(replaced)).toBeUndefined();
    const reversed = compile(pipelineGraph(), catalog, { flowId: 'f' });
    reversed.grants.reverse();
    expect(compiledNumbersOf(reversed)).toBeUndefined();
  });

  it('are not made when a topic name holds U+0000, the separator of the keys plan compares', () => {
    const graph = pipelineGraph();
    const nodes = graph.nodes.map((n) => (n.kind === 'topic' && n.id === 't-alerts' ? { ...n, topic: 'alerts\u0000x' } : n));
    expect(compiledNumbersOf(compile({ ...graph, nodes }, catalog, { flowId: 'f' }))).toBeUndefined();
  });
});
