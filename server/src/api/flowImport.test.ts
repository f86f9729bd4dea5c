/**
 * `flows.import` parses a document off the event loop (the process also holds the broker and the
 * runtime), reads at most what a flow at the product's limits needs, and refuses anything else with
 * a sentence.
 */
import { exportFlow, flowDocumentFormat, generateFlow, limits } from '@event-flows/model';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpBed, tokens, type HttpBed } from '../testing/httpBed.ts';

let bed: HttpBed;
beforeAll(async () => {
  bed = await startHttpBed();
}, 60_000);
afterAll(async () => bed?.close());

const importText = (text: string) => bed.call('mutation', 'flows.import', { orgId: 'acme', text }, tokens.member);

describe('flows.import', () => {
  it('imports a 5,000-node YAML flow without holding the event loop for a second', async () => {
    const { graph } = generateFlow(limits.nodes, 3);
    const text = exportFlow({ format: flowDocumentFormat, name: 'Large', description: '', graph }, 'yaml');
    // The server runs in this process: the longest the event loop was held while the import ran is
    // how long /healthz, the broker and the runtime would have waited (the bound is 1 s; the
    // YAML parse alone takes about 3 s on these machines).
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const { status, body } = await importText(text);
    loop.disable();
    expect(body.error?.message).toBeUndefined();
    expect(status).toBe(200);
    expect(body.result?.data).toMatchObject({ name: 'Large' });
    expect(loop.max / 1e6).toBeLessThan(1_000);
  }, 120_000);

  it(`refuses a document over ${limits.documentChars} characters with a sentence, without parsing it`, async () => {
    const text = `- ${'x'.repeat(60)}\n`.repeat(Math.ceil((limits.documentChars + 1) / 63));
    const { status, body } = await importText(text);
    expect(status).toBe(400);
    expect(body.error?.message).toMatch(new RegExp(`at most ${limits.documentChars} characters`));
  });

  it('refuses a 6 MB YAML list with a sentence while /healthz goes on answering within a second', async () => {
    // The document that once froze the process for 31-59 s: a YAML list of 6,000,000 characters.
    const text = '- x\n'.repeat(1_500_000);
    const importing = importText(text);
    const healthz: Array<{ status: number; ms: number }> = [];
    let done = false;
    void importing.finally(() => (done = true));
    while (!done || healthz.length === 0) {
      const started = performance.now();
      const response = await fetch(`${bed.url}/healthz`);
      await response.text();
      healthz.push({ status: response.status, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const { status, body } = await importing;
    expect(status).toBe(400);
    expect(body.error?.message).toMatch(new RegExp(`at most ${limits.documentChars} characters`));
    expect(healthz.filter((h) => h.status !== 200)).toEqual([]);
    // The bound.
    expect(Math.max(...healthz.map((h) => h.ms))).toBeLessThan(1_000);
  });

  it('refuses YAML that is not a flow, or not YAML, with a sentence, and the server goes on', async () => {
    const notAFlow = await importText('- 1\n- 2\n');
    expect(notAFlow.status).toBe(400);
    expect(notAFlow.body.error?.message).toMatch(/^The document cannot be imported: /);
    const broken = await importText('a: [1, 2\nb: }');
    expect(broken.status).toBe(400);
    expect(broken.body.error?.message).toMatch(/not valid JSON or YAML/);
    expect((await fetch(`${bed.url}/healthz`)).status).toBe(200);
  });
});
