/** The HTTP edge refuses bad input with a clear error and changes nothing. */
import { apiLimits, limits, pipelineGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow, getFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
let flowId: string;
beforeAll(async () => {
  bed = await startHttpBed({ http: { corsOrigins: ['https://platform.example'] } });
  flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Orders', description: '', graph: pipelineGraph(), actor: 'max' })).id;
}, 60_000);
afterAll(async () => bed?.close());

const save = (graph: unknown) => bed.call('mutation', 'flows.save', { id: flowId, baseRevision: 1, name: 'Orders', description: '', graph }, tokens.member);

async function unchanged(): Promise<void> {
  const flow = await getFlow(bed.services.db, flowId);
  expect(flow?.revision).toBe(1);
  expect(flow?.graph).toEqual(pipelineGraph());
}

describe('bad input', () => {
  it('refuses an oversized graph with the limit in the message', async () => {
    const nodes = Array.from({ length: limits.nodes + 1 }, (_, i) => ({ id: `t${i}`, kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: `t${i}` }));
    const { status, body } = await save({ nodes, edges: [] });
    expect(status).toBe(400);
    expect(body.error?.data.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(body.error?.data.issues)).toMatch(/5000/);
    await unchanged();
  });

  it('refuses wrong types, naming the field', async () => {
    const { status, body } = await save({ nodes: [{ id: 1, kind: 'topic' }], edges: 'none' });
    expect(status).toBe(400);
    const paths = (body.error?.data.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['graph.edges']));
    await unchanged();
  });

  it('refuses __proto__ keys instead of merging them', async () => {
    const response = await fetch(`${bed.url}/trpc/flows.save`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.member}`, 'content-type': 'application/json' },
      body: `{"id":"${flowId}","baseRevision":1,"name":"Orders","description":"","graph":{"nodes":[],"edges":[],"__proto__":{"isAdmin":true}}}`,
    });
    expect(response.status).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    await unchanged();
  });

  it('answers 413 to a 12 MB body without reading it', async () => {
    const body = JSON.stringify({ id: flowId, baseRevision: 1, name: 'Orders', description: 'x'.repeat(12 * 1024 * 1024), graph: { nodes: [], edges: [] } });
    const response = await fetch(`${bed.url}/trpc/flows.save`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.member}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    await unchanged();
  });

  it('refuses a cross-site form post', async () => {
    const response = await fetch(`${bed.url}/trpc/flows.delete`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.member}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `id=${flowId}`,
    });
    expect(response.status).toBe(415);
    expect(await getFlow(bed.services.db, flowId)).toBeDefined();
  });

  it('answers 401 without a token and never leaks internals', async () => {
    const { status, body } = await bed.call('query', 'flows.list', { orgId: 'acme' });
    expect(status).toBe(401);
    expect(body.error?.message).toMatch(/bearer token/);
    expect(JSON.stringify(body)).not.toMatch(/stack|\.ts:/);
  });

  it('survives malformed URLs and JSON', async () => {
    const bad = await fetch(`${bed.url}/trpc/flows.list?input=%7Bnot-json`, { headers: { authorization: `Bearer ${tokens.member}` } });
    expect(bad.status).toBe(400);
    const escape = await fetch(`${bed.url}/%E0%A4%A`);
    expect(escape.status).toBe(404);
    expect((await fetch(`${bed.url}/healthz`)).status).toBe(200);
  });
});

describe('headers', () => {
  it('sends security headers on every response', async () => {
    for (const path of ['/healthz', '/trpc/session.status', '/nowhere']) {
      const response = await fetch(`${bed.url}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await fetch(`${bed.url}/trpc/session.status`, { method: 'OPTIONS', headers: { origin: 'https://platform.example' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://platform.example');
    const other = await fetch(`${bed.url}/trpc/session.status`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('batches several calls in one request', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { orgId: 'acme' }, 1: { id: flowId } }));
    const response = await fetch(`${bed.url}/trpc/flows.list,flows.get?batch=1&input=${input}`, { headers: { authorization: `Bearer ${tokens.member}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Array<{ result: { data: unknown } }>;
    expect(body).toHaveLength(2);
    expect(body[1]?.result.data).toMatchObject({ id: flowId, revision: 1 });
  });
});

describe('bounded work per caller', () => {
  it(`refuses a batch of more than ${apiLimits.batchCalls} calls with a sentence, and answers one of that size`, async () => {
    const batch = async (calls: number) => {
      const paths = Array.from({ length: calls }, () => 'flows.get').join(',');
      const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { id: flowId }]))));
      return fetch(`${bed.url}/trpc/${paths}?batch=1&input=${input}`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
    };
    const refused = await batch(apiLimits.batchCalls + 1);
    expect(refused.status).toBe(400);
    const text = await refused.text();
    expect(text).toContain(`at most ${apiLimits.batchCalls} calls`);
    const answered = await batch(apiLimits.batchCalls);
    expect(answered.status).toBe(200);
    expect((await answered.json()) as unknown[]).toHaveLength(apiLimits.batchCalls);
  });

  it('answers an invalid 0.9 MB flow with a short sentence naming the first problems, not every issue', async () => {
    const nodes = Array.from({ length: 4_000 }, (_, i) => ({ id: i, kind: 'nothing', position: 'here', topic: 'x'.repeat(150) }));
    const { status, body } = await save({ nodes, edges: [] });
    expect(status).toBe(400);
    const message = body.error?.message ?? '';
    expect(message.length).toBeLessThanOrEqual(apiLimits.errorMessage);
    expect(message).toMatch(/^The request is not valid: graph\.nodes\.0/);
    expect(message).toMatch(/and \d+ more problems?\.$/);
    expect(message).not.toContain('{');
    expect(JSON.stringify(body).length).toBeLessThan(10_000);
    await unchanged();
  });
});

describe('concurrency', () => {
  it('of two saves on one base revision, one wins and one gets CONFLICT with the newer revision named', async () => {
    const flow = await createFlow(bed.services.db, { orgId: 'acme', name: 'Race', description: '', graph: { nodes: [], edges: [] }, actor: 'max' });
    const input = (description: string) => ({ id: flow.id, baseRevision: 1, name: 'Race', description, graph: { nodes: [], edges: [] } });
    const results = await Promise.all([
      bed.call('mutation', 'flows.save', input('a'), tokens.member),
      bed.call('mutation', 'flows.save', input('b'), tokens.admin),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409);
    expect(loser?.body.error?.data.code).toBe('CONFLICT');
    expect(loser?.body.error?.message).toMatch(/revision 2/);
  });
});
