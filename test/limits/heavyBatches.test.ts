/**
 * The batches that once took the server down (issue 16: four concurrent GET batches of `flows.plan` of a
 * 5,000-node flow ran it out of memory and held `/healthz` for seconds) now leave it serving: run
 * against a server started as `pnpm start` starts it, in a process of its own, so that its memory and
 * its event loop are its own and not this test's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { apiLimits, generateFlow, limits } from '@event-flows/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type StudioServer } from '../e2e/studioServer.ts';

const tokens = { admin: 'demo-admin-token', member: 'demo-member-token', viewer: 'demo-viewer-token' } as const;

/**
 * How much the server's resident memory may grow while the batches run. Each request's answers are
 * held to `apiLimits.responseBytes` (32 MiB) and then serialised: as objects (about four times their
 * JSON), the string and the bytes sent, about 0.2 GiB per request and 0.75 GiB for the four. The
 * batches that crashed the server took it past 4.6 GB.
 */
const rssGrowthBytes = 1024 ** 3;

let server: StudioServer;
let flowId: string;
beforeAll(async () => {
  server = await startStudioServer();
  const { graph } = generateFlow(limits.nodes, 7);
  const created = await fetch(`${server.url}/trpc/flows.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.member}`, 'content-type': 'application/json' },
    body: JSON.stringify({ orgId: 'acme', name: 'Large', graph }),
  });
  expect(created.status).toBe(200);
  flowId = ((await created.json()) as { result: { data: { id: string } } }).result.data.id;
}, 90_000);
afterAll(async () => server?.stop(), 30_000);

/** One batched GET of `calls` times `flows.plan` of the large flow, as tRPC's batch link sends it. */
async function planBatch(calls: number, token: string): Promise<Response> {
  const paths = Array.from({ length: calls }, () => 'flows.plan').join(',');
  const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { id: flowId }]))));
  return fetch(`${server.url}/trpc/${paths}?batch=1&input=${input}`, { headers: { authorization: `Bearer ${token}` } });
}

/** One answer of a batch: a result, or an error with its code and sentence. */
type BatchItem = { result: { data: unknown } } | { error: { message: string; data: { code: string } } };

/** The resident memory of the process `pid` and its children (tsx runs the server in a child), in bytes. */
function treeRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const own = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
  return own + children.reduce((sum, child) => sum + treeRss(child), 0);
}

/** One answer of `/healthz`: its status (0 when the request failed, with why) and how long it took. */
type Healthz = { status: number; ms: number; error?: string };

/**
 * Starts asking `/healthz` every 100 ms and sampling the server's memory, then runs `work` until it
 * ends; returns its result and what was seen.
 */
async function whileWatching<T>(work: () => Promise<T>): Promise<{ result: T; healthz: Healthz[]; maxRss: number }> {
  const healthz: Healthz[] = [];
  let maxRss = 0;
  let done = false;
  const watching = (async () => {
    while (!done) {
      maxRss = Math.max(maxRss, treeRss(server.pid));
      const started = performance.now();
      try {
        const response = await fetch(`${server.url}/healthz`);
        await response.text();
        healthz.push({ status: response.status, ms: performance.now() - started });
      } catch (error) {
        healthz.push({ status: 0, ms: performance.now() - started, error: String((error as Error).cause ?? error) });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const result = await work().finally(() => (done = true));
  await watching;
  return { result, healthz, maxRss };
}

describe('batches of plans of a 5,000-node flow', () => {
  it(`refuses the old ${30}-call batch with a sentence`, async () => {
    const response = await planBatch(30, tokens.viewer);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(`at most ${apiLimits.batchCalls} calls`);
  });

  it(`four at once of ${apiLimits.batchCalls} plans each: the server answers every one, /healthz within 1 s, memory bounded`, async () => {
    const started = performance.now();
    const single = await planBatch(1, tokens.viewer);
    expect(single.status).toBe(200);
    await single.text();
    const onePlanMs = performance.now() - started;
    const rssBefore = treeRss(server.pid);

    // The bodies are kept as bytes and parsed once /healthz is no longer asked: parsing them here, on
    // this test's event loop, would delay reading /healthz's answers and count against the server.
    const batches = () => Promise.all([tokens.viewer, tokens.member, tokens.admin, tokens.viewer].map(async (token) => (await planBatch(apiLimits.batchCalls, token)).arrayBuffer()));
    /** One round of four batches, checked; returns the slowest /healthz answer it saw. */
    const round = async (): Promise<number> => {
      const { result, healthz, maxRss } = await whileWatching(batches);
      const items = result.flatMap((body) => JSON.parse(new TextDecoder().decode(body)) as BatchItem[]);
      const answered = items.filter((item) => 'result' in item);
      const refused = items.flatMap((item) => ('error' in item ? [item.error] : []));
      const slowest = Math.max(...healthz.map((h) => h.ms));
      console.log(
        `one plan alone: ${onePlanMs.toFixed(0)} ms; batches: ${answered.length} plans answered, ${refused.length} refused ` +
          `(${[...new Set(refused.map((e) => e.data.code))].join(', ')}); /healthz asked ${healthz.length} times, slowest ${slowest.toFixed(0)} ms; ` +
          `RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, at most ${(maxRss / 2 ** 20).toFixed(0)} MiB during`,
      );
      expect(items).toHaveLength(4 * apiLimits.batchCalls);
      expect(answered.length).toBeGreaterThan(0);
      for (const error of refused) {
        expect(['TOO_MANY_REQUESTS', 'PAYLOAD_TOO_LARGE']).toContain(error.data.code);
        expect(error.message).toMatch(/^[A-Z].{20,}[.)]$/);
      }
      expect(healthz.length).toBeGreaterThan(0);
      expect(healthz.filter((h) => h.status !== 200)).toEqual([]);
      expect(maxRss - rssBefore).toBeLessThan(rssGrowthBytes);
      return slowest;
    };
    // The bound: /healthz answers within a second while the batches run. The machine is shared
    // with other work, so a round slowed by it is run again, up to three rounds; every check above
    // holds in each. The old code held /healthz 2.4 to 3.8 s in every round.
    const slowest: number[] = [];
    while (slowest.length < 3 && !slowest.some((ms) => ms < 1_000)) slowest.push(await round());
    expect(Math.min(...slowest)).toBeLessThan(1_000);

    const after = await fetch(`${server.url}/healthz`);
    expect(after.status).toBe(200);
  }, 400_000);
});
