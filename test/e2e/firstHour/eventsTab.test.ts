/// <reference lib="dom" />
// The platform's Events tab on /host, in Debian's Chromium against a server started as `pnpm start` starts
// it: each row has its own version and DLQ, a binding disabled and enabled again goes back to its flow, a
// refused enable leaves no trace, and the DLQ picker offers only what the algorithm may publish to.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, studioForTests } from '../studioServer.ts';
import { callApi, readmeScreenshot, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

interface Row {
  connection: string;
  topic: string;
  access: 'subscribe' | 'publish';
  state: string;
  flowId: string | null;
  version: string | null;
  dlq: { connection: string; topic: string } | null;
}
interface FlowView {
  id: string;
  name: string;
  revision: number;
  graph: { nodes: Array<{ id: string }>; edges: Array<{ id: string; kind: string; source: string; target: string; version?: string }> };
}

const rowsOf = (algorithm: string) => api<Row[]>('query', 'bindings.list', { algorithm });
const flowList = () => api<Array<{ id: string; name: string; revision: number }>>('query', 'flows.list', { orgId: 'acme' });

/** Every flow of acme as flows.get returns it: what each canvas shows. */
async function canvases(): Promise<Map<string, FlowView>> {
  const flows = await flowList();
  return new Map(await Promise.all(flows.map(async (f) => [f.id, await api<FlowView>('query', 'flows.get', { id: f.id })] as const)));
}

/** The /host page (the platform's algorithm profile) with the plugin as its Events tab. */
async function host(algorithm: string, beforeLoad?: (page: Page) => Promise<unknown>): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await beforeLoad?.(page);
  await page.goto(`${studio.server.url}/host?token=demo-member-token&algorithm=${encodeURIComponent(algorithm)}`);
  await page.getByRole('heading', { level: 1, name: algorithm }).waitFor({ timeout: 30_000 });
  await page.getByRole('table', { name: `Topics ${algorithm} may access` }).waitFor({ timeout: 30_000 });
  return page;
}

let pipelineId = '';

beforeAll(async () => {
  // The seeded example flow, deployed: classify, enrich and alert hold their bindings there.
  const [pipeline] = await flowList();
  if (!pipeline) throw new Error('the server seeded no example flow');
  pipelineId = pipeline.id;
  const deployed = await api<{ status: string }>('mutation', 'flows.deploy', { id: pipeline.id, revision: pipeline.revision });
  expect(deployed.status).toBe('deployed');
  // A second canvas that names the same algorithms, never deployed.
  await api('mutation', 'flows.create', { orgId: 'acme', name: 'Draft copy', graph: (await api<FlowView>('query', 'flows.get', { id: pipeline.id })).graph });
}, 90_000);

describe('the Events tab on /host', () => {
  it('offers as DLQ only the topics the algorithm may publish to, never the subscription’s input, and preselects none', async () => {
    const page = await host('acme/classify');
    await page.getByRole('button', { name: 'Edit orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Save subscribe access to orders' });
    const picker = form.getByLabel('Dead-letter topic');
    // orders (the input) exists in Kafka, and so do alerts and orders.enriched, which classify has no grant for.
    expect(await picker.locator('option').allTextContents()).toEqual(['Pick a topic', 'orders.classified (Embedded Kafka)', 'orders.dlq (Embedded Kafka)']);
    await form.getByRole('button', { name: 'Cancel' }).click();
    const echo = await host('acme/echo');
    await echo.getByRole('button', { name: 'Enable orders (subscribe)' }).click();
    const enableForm = echo.getByRole('form', { name: 'Enable subscribe access to orders' });
    await enableForm.getByLabel('Enable Dead Letter Queue').check();
    expect(await enableForm.getByLabel('Dead-letter topic').inputValue()).toBe('');
    expect(await enableForm.getByLabel('Dead-letter topic').locator('option').allTextContents()).toEqual(['Pick a topic', 'orders.echo (Embedded Kafka)']);
    await page.close();
    await echo.close();
  }, 90_000);

  it('changes one row’s version and nothing else: no other row, no canvas', async () => {
    const before = { classify: await rowsOf('acme/classify'), enrich: await rowsOf('acme/enrich'), alert: await rowsOf('acme/alert'), canvases: await canvases() };
    const page = await host('acme/classify');
    await page.getByRole('button', { name: 'Edit orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Save subscribe access to orders' });
    await form.getByLabel('Version').selectOption('1.0.0');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByRole('row', { name: /^orders Embedded Kafka Subscribe Enabled 1\.0\.0/ }).waitFor({ timeout: 30_000 });
    // The README's second screenshot: the algorithm profile's Events tab, one row on its own version.
    await readmeScreenshot(page, 'events-tab');

    const edited = (r: Row) => r.topic === 'orders' && r.access === 'subscribe';
    const classify = await rowsOf('acme/classify');
    expect(classify.find(edited)).toMatchObject({ state: 'enabled', version: '1.0.0', flowId: pipelineId });
    expect(classify.filter((r) => !edited(r))).toEqual(before.classify.filter((r) => !edited(r)));
    expect(await rowsOf('acme/enrich')).toEqual(before.enrich);
    expect(await rowsOf('acme/alert')).toEqual(before.alert);
    const after = await canvases();
    expect([...after.keys()].sort()).toEqual([...before.canvases.keys()].sort());
    for (const [id, flow] of before.canvases) {
      const now = after.get(id) as FlowView;
      if (id !== pipelineId) {
        expect(now).toEqual(flow);
        continue;
      }
      // The pipeline's canvas: the algorithm node keeps its version; only the subscription's edge carries 1.0.0.
      expect(now.graph.nodes).toEqual(flow.graph.nodes);
      const subscription = flow.graph.edges.find((e) => e.kind === 'subscribe' && e.source === 't-orders');
      expect(now.graph.edges).toEqual(flow.graph.edges.map((e) => (e === subscription ? { ...e, version: '1.0.0' } : e)));
    }
    await page.close();
  }, 120_000);

  it('puts a disabled binding back in the flow it came from when it is enabled again', async () => {
    const page = await host('acme/classify');
    const disable = async (label: string) => {
      await page.getByRole('button', { name: `Disable ${label}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Disable', exact: true }).click();
      await page.getByRole('button', { name: `Enable ${label}` }).waitFor({ timeout: 60_000 });
    };
    // classify is left without any binding: only memory says where its subscription was.
    await disable('orders (subscribe)');
    await disable('orders.classified (publish)');
    await page.getByRole('button', { name: 'Enable orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Enable subscribe access to orders' });
    await form.getByLabel('Version').selectOption('1.1.0');
    await form.getByRole('button', { name: 'Enable', exact: true }).click();
    await form.waitFor({ state: 'detached', timeout: 60_000 });

    const row = await eventually('the subscription enabled again', async () => (await rowsOf('acme/classify')).find((r) => r.topic === 'orders' && r.access === 'subscribe' && r.state === 'enabled'));
    expect(row).toMatchObject({ flowId: pipelineId, version: '1.1.0' });
    expect((await flowList()).map((f) => f.name).sort()).toEqual(['Draft copy', 'Order pipeline']);
    const pipeline = await api<FlowView>('query', 'flows.get', { id: pipelineId });
    expect(pipeline.graph.edges.filter((e) => e.kind === 'subscribe' && e.source === 't-orders')).toHaveLength(1);
    await page.close();
  }, 120_000);

  it('leaves no flow and no revision behind when an enable is refused, and offers to request the access', async () => {
    // The revocation below must reach the server before the page hears of it (the live change
    // stream would otherwise drop orders.echo from the picker at once): the race a refusal answers.
    const page = await host('acme/echo', (p) =>
      p.routeWebSocket('**/trpc**', (socket) => {
        const server = socket.connectToServer();
        socket.onMessage((message) => {
          if (!String(message).includes('"flows.changes"')) server.send(message);
        });
      }),
    );
    await page.getByRole('button', { name: 'Enable orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Enable subscribe access to orders' });
    await form.getByLabel('Enable Dead Letter Queue').check();
    await form.getByLabel('Dead-letter topic').selectOption({ label: 'orders.echo (Embedded Kafka)' });
    // Meanwhile a cluster admin revokes echo's access to publish to orders.echo.
    await api('mutation', 'admin.grants.remove', { connection: 'local', topic: 'orders.echo', algorithm: 'acme/echo', access: 'publish' }, 'demo-admin-token');
    const before = await flowList();

    await form.getByRole('button', { name: 'Enable', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'a cluster admin has not granted it' }).waitFor({ timeout: 60_000 });
    expect(await flowList()).toEqual(before);
    expect(await form.getByRole('alert').textContent()).not.toContain('from the plan');

    await form.getByRole('button', { name: 'Request access' }).click();
    await form.getByRole('status').filter({ hasText: 'Access requested — waiting for a cluster admin' }).waitFor({ timeout: 30_000 });
    const pending = await api<Array<{ topic: string; access: string; status: string }>>('query', 'admin.grantRequests.list', { status: 'pending' }, 'demo-admin-token');
    expect(pending).toEqual([expect.objectContaining({ topic: 'orders.echo', access: 'publish', status: 'pending' })]);
    expect(await flowList()).toEqual(before);
    await page.close();
  }, 120_000);
});
