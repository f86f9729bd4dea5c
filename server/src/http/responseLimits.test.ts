/**
 * One response holds at most `apiLimits.responseBytes`, a batch's answers together: a batch asking for
 * more gets the answers that fit, and a sentence with the size and the limit for the others, and the
 * server goes on serving.
 */
import { apiLimits, type FlowGraph } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow } from '../store/flows.ts';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

/**
 * A flow document of about 9 MB, as large as a save's body allows with room to spare: 5,000 topics with
 * long ids and names, and 20,000 edges.
 */
function largeGraph(): FlowGraph {
  const id = (prefix: string, i: number) => `${prefix}-${i}`.padEnd(100, '-');
  const nodes: FlowGraph['nodes'] = Array.from({ length: 5_000 }, (_, i) => ({
    id: id('topic', i),
    kind: 'topic',
    position: { x: i * 300, y: i * 200 },
    connection: 'local',
    topic: `orders.region-${i}`.padEnd(200, '.x'),
  }));
  const edges: FlowGraph['edges'] = Array.from({ length: 20_000 }, (_, i) => ({ id: id('edge', i), kind: 'subscribe', source: id('topic', i % 5_000), target: id('topic', (i * 7) % 5_000) }));
  return { nodes, edges };
}

let bed: HttpBed;
let flowId: string;
let flowBytes: number;
beforeAll(async () => {
  bed = await startHttpBed();
  const graph = largeGraph();
  flowBytes = JSON.stringify(graph).length;
  flowId = (await createFlow(bed.services.db, { orgId: 'acme', name: 'Large', description: '', graph, actor: 'max' })).id;
}, 60_000);
afterAll(async () => bed?.close());

/** One batched GET of the given procedures, each asked about the large flow. */
async function batch(paths: readonly string[]): Promise<{ status: number; bytes: number; items: BatchItem[] }> {
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(paths.map((_, i) => [i, { id: flowId }]))));
  const response = await fetch(`${bed.url}/trpc/${paths.join(',')}?batch=1&input=${input}`, { headers: { authorization: `Bearer ${tokens.viewer}` } });
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), items: JSON.parse(text) as BatchItem[] };
}

type BatchItem = { result: { data: unknown } } | { error: { message: string; data: { code: string; httpStatus: number } } };

describe('the size of one response', () => {
  it(`a batch whose answers add up to more than ${apiLimits.responseBytes} bytes gets those that fit and a sentence for the rest`, async () => {
    const fit = Math.floor(apiLimits.responseBytes / flowBytes);
    // One more flow than fits, then a small call after it.
    const { status, bytes, items } = await batch([...Array.from({ length: fit + 1 }, () => 'flows.get'), 'flows.history']);
    expect(bytes).toBeLessThanOrEqual(apiLimits.responseBytes);
    expect(status).toBe(207);
    expect(items).toHaveLength(fit + 2);
    for (const item of items.slice(0, fit)) expect('result' in item).toBe(true);
    const [over, after] = items.slice(fit).map((item) => ('error' in item ? item.error : undefined));
    expect(over?.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(over?.data.httpStatus).toBe(413);
    expect(over?.message).toMatch(/^This answer \(\d+(\.\d)? MiB\) would take its batch's response to \d+(\.\d)? MiB, more than the 32 MiB one response may hold; .*\.$/);
    expect(after?.data.code).toBe('PAYLOAD_TOO_LARGE');
    expect(after?.message).toMatch(/^The answers before this call in its batch already hold \d+(\.\d)? MiB of the 32 MiB one response may hold; .*\.$/);
  }, 60_000);

  it('answers the same calls in requests of their own, and the server goes on serving', async () => {
    const single = await batch(['flows.get']);
    expect(single.status).toBe(200);
    expect(single.bytes).toBeGreaterThan(flowBytes);
    expect((await fetch(`${bed.url}/healthz`)).status).toBe(200);
  });
});
