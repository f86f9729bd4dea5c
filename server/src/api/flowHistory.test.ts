/** Revision history over HTTP: diff between revisions, rollback, and deploy progress streamed step by step. */
import { pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

describe('revisions', () => {
  it('diffs two revisions and rolls back to the first as a new revision', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' });
    const edited = pipelineGraph();
    edited.nodes = edited.nodes.map((n) => (n.id === 'a-classify' && n.kind === 'algorithm' ? { ...n, version: '1.1.0' } : n));
    edited.edges = edited.edges.filter((e) => e.id !== 'e8');
    edited.nodes.push({ id: 't-extra', kind: 'topic', position: { x: 0, y: 400 }, connection: 'local', topic: 'extra' });
    const saved = await bed.call('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: 'Orders', description: '', graph: edited }, tokens.member);
    expect(saved.status).toBe(200);

    const diff = await bed.call('query', 'flows.diff', { id: flow.id, from: 1, to: 2 }, tokens.viewer);
    expect(diff.body.result?.data).toMatchObject({
      changedNodes: [{ before: { id: 'a-classify', version: '1.2.0' }, after: { version: '1.1.0' }, fields: ['version'] }],
      removedEdges: [{ id: 'e8' }],
      addedNodes: [{ id: 't-extra' }],
    });
    // Connections are called as people know them, not by their ids.
    expect((diff.body.result?.data as { changes: unknown[] }).changes).toContainEqual({ change: 'added', text: 'topic extra on Local Kafka' });

    const stale = await bed.call('mutation', 'flows.rollback', { id: flow.id, toRevision: 1, baseRevision: 1 }, tokens.member);
    expect(stale.status).toBe(409);
    const rolled = await bed.call('mutation', 'flows.rollback', { id: flow.id, toRevision: 1, baseRevision: 2 }, tokens.member);
    expect(rolled.body.result?.data).toMatchObject({ revision: 3, graph: pipelineGraph() });
    const history = await bed.call('query', 'flows.history', { id: flow.id }, tokens.viewer);
    expect((history.body.result?.data as Array<{ revision: number }>).map((r) => r.revision)).toEqual([3, 2, 1]);
  });
});

describe('deploy progress', () => {
  it('streams the deploy step by step to a subscriber over SSE', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Progress', description: '', graph: pipelineGraph(), actor: 'max' });
    const input = encodeURIComponent(JSON.stringify({ id: flow.id }));
    const controller = new AbortController();
    const response = await fetch(`${bed.url}/trpc/flows.deployProgress?input=${input}`, { headers: { authorization: `Bearer ${tokens.viewer}` }, signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = '';
    // Wait until the stream is open before deploying.
    while (!received.includes('connected')) received += new TextDecoder().decode((await reader.read()).value);
    const deploy = bed.call('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
    while (!received.includes('"kind":"finished"')) {
      const { value, done } = await reader.read();
      if (done) break;
      received += new TextDecoder().decode(value);
    }
    controller.abort();
    expect((await deploy).body.result?.data).toMatchObject({ status: 'deployed' });
    const kinds = [...received.matchAll(/"kind":"(\w+)"/g)].map((m) => m[1]);
    expect(kinds[0]).toBe('started');
    expect(kinds.at(-1)).toBe('finished');
    expect(received).toMatch(/"title":"Create 5 topics on Local Kafka"/);
    expect(received).toMatch(/"title":"Add 11 ACLs on Local Kafka"/);
  });
});
