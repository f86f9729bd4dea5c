/**
 * Groups of nodes are UI data saved with a flow: a save keeps them, the next load and an export give
 * them back, an import takes them, and a flow saved without groups (before they existed) still loads.
 */
import { exportFlow, flowDocumentFormat, importFlow, pipelineGraph, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

interface FlowAnswer {
  id: string;
  revision: number;
  graph: FlowGraph;
}

async function call(kind: 'query' | 'mutation', path: string, input: unknown): Promise<unknown> {
  const { status, body } = await bed.call(kind, path, input, tokens.member);
  expect(body.error?.message, path).toBeUndefined();
  expect(status).toBe(200);
  return body.result?.data;
}

const grouped: FlowGraph = {
  ...pipelineGraph(),
  groups: [
    { id: 'g-ingest', name: 'Ingest', nodeIds: ['t-orders', 'a-classify'], collapsed: true },
    { id: 'g-alert', name: 'Alerting', nodeIds: ['a-alert', 't-alerts'], collapsed: false },
  ],
};

describe('groups saved with a flow', () => {
  it('are kept by a save, the next load and an export', async () => {
    const flow = (await call('mutation', 'flows.create', { orgId: 'acme', name: 'Grouped orders' })) as FlowAnswer;
    await call('mutation', 'flows.save', { id: flow.id, baseRevision: flow.revision, name: 'Grouped orders', description: '', graph: grouped });
    const loaded = (await call('query', 'flows.get', { id: flow.id })) as FlowAnswer;
    expect(loaded.graph.groups).toEqual(grouped.groups);
    const exported = (await call('query', 'flows.export', { id: flow.id, format: 'yaml' })) as { text: string };
    const read = importFlow(exported.text);
    expect(read.ok && read.document.graph.groups).toEqual(grouped.groups);
  });

  it('are taken by an import', async () => {
    const text = exportFlow({ format: flowDocumentFormat, name: 'Imported groups', description: '', graph: grouped }, 'json');
    const flow = (await call('mutation', 'flows.import', { orgId: 'acme', text })) as FlowAnswer;
    const loaded = (await call('query', 'flows.get', { id: flow.id })) as FlowAnswer;
    expect(loaded.graph.groups).toEqual(grouped.groups);
  });

  it('are absent from a flow saved without them, which loads as before', async () => {
    const flow = (await call('mutation', 'flows.create', { orgId: 'acme', name: 'No groups', graph: pipelineGraph() })) as FlowAnswer;
    const loaded = (await call('query', 'flows.get', { id: flow.id })) as FlowAnswer;
    expect(loaded.graph).toEqual(pipelineGraph());
  });
});
