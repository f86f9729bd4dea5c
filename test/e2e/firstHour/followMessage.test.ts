/// <reference lib="dom" />
// "Follow a message" in Debian's Chromium against a server started as `pnpm start` starts it: the example flow
// deployed, a test message sent from the flow page and followed from there; its path is listed (each call with its
// duration and outcome, each output with its position) and drawn on the canvas (its nodes and edges marked, the
// rest dimmed), the address keeps it, and "Hide path" takes it off the canvas. A malformed order is followed to
// its dead letter from the form.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, signIn, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown) => callApi<T>(studio, tokens.member, kind, procedure, input);
/** Where the screenshots of this test go, for a person to look at (not the README's). */
const shots = path.join(process.env.EFS_SCREENSHOT_DIR ?? path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.screenshots'), 'follow');

let flowId = '';

beforeAll(async () => {
  const [pipeline] = await api<Array<{ id: string; revision: number }>>('query', 'flows.list', { orgId: 'acme' });
  if (!pipeline) throw new Error('the server seeded no example flow');
  flowId = pipeline.id;
  expect((await api<{ status: string }>('mutation', 'flows.deploy', { id: pipeline.id, revision: pipeline.revision })).status).toBe('deployed');
  mkdirSync(shots, { recursive: true });
}, 120_000);

/** The studio at `address` of the flow, signed in as the member, in `theme`, at 1280×720. */
async function flowPage(address: string, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.route('**/studio.js', async (route) => {
    const script = await (await route.fetch()).text();
    await route.fulfill({ contentType: 'text/javascript', body: script.replace("routing: 'hash' }", `routing: 'hash', theme: '${theme}' }`) });
  });
  await page.goto(`${studio.server.url}/`);
  await signIn(page, tokens.member);
  await page.goto(`${studio.server.url}/#/flows/${flowId}${address}`);
  return page;
}

/** Each call of the listed path as "algorithm: outcome". */
const listedCalls = (page: Page) =>
  page.getByRole('region', { name: 'Message path' }).getByRole('listitem').filter({ has: page.locator('.efs-path-list__stage') }).evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));

/** Ids of the canvas's nodes and edges marked as on the path, and how many are dimmed. */
const canvasMarks = (page: Page) =>
  page.locator('.react-flow').evaluate((canvas) => ({
    nodes: [...canvas.querySelectorAll('.react-flow__node.efs-path')].map((n) => n.getAttribute('data-id')).sort(),
    edges: [...canvas.querySelectorAll('.react-flow__edge.efs-path')].length,
    dimmed: canvas.querySelectorAll('.efs-path-dim').length,
    labels: [...canvas.querySelectorAll('.react-flow__edge.efs-path .react-flow__edge-text')].map((t) => t.textContent ?? ''),
  }));

describe('following a message', () => {
  it('follows a test message just sent: its path in the list and on the canvas, kept in the address', async () => {
    const page = await flowPage('/test-message');
    const form = page.getByRole('form', { name: 'Send test message' });
    await form.getByLabel('Topic').selectOption({ index: 0 });
    expect(await form.getByLabel('Topic').locator('option:checked').textContent()).toMatch(/^orders /);
    await form.getByLabel('Key (optional)').fill('o-follow');
    await form.getByLabel('Value').fill(JSON.stringify({ id: 'o-follow', amount: 5_000 }));
    await form.getByRole('button', { name: 'Send' }).click();
    await form.getByRole('status').filter({ hasText: /Sent to partition \d+ at offset \d+\./ }).waitFor();
    // The "Sent" notice goes after a few seconds; the offer to follow what was sent stays while the form is as it was.
    await form.getByRole('status').filter({ hasText: /Sent to partition/ }).waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('button', { name: 'Follow this message' }).click();
    await page.waitForURL(/\/follow\?connection=local&topic=orders&partition=\d+&offset=\d+$/);

    // The runtime may still be on it: "Follow again" until the last stage has published.
    await expect
      .poll(
        async () => {
          const calls = await listedCalls(page).catch(() => []);
          if (calls.at(-1) !== 'Stage 3: acme/alert, published') await page.getByRole('button', { name: 'Follow again' }).click();
          return calls;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toEqual(['Stage 1: acme/classify, published', 'Stage 2: acme/enrich, published', 'Stage 3: acme/alert, published']);
    const list = page.getByRole('region', { name: 'Message path' });
    expect(await list.getByRole('list', { name: 'Outputs' }).allTextContents()).toEqual([
      expect.stringMatching(/^→ orders\.classified · partition \d+ · offset \d+$/),
      expect.stringMatching(/^→ orders\.enriched · partition \d+ · offset \d+$/),
      expect.stringMatching(/^→ alerts · partition \d+ · offset \d+$/),
    ]);
    expect(await list.locator('.efs-path-list__duration').allTextContents()).toEqual([expect.stringMatching(/^(< )?\d+ ms$/), expect.stringMatching(/^(< )?\d+ ms$/), expect.stringMatching(/^(< )?\d+ ms$/)]);

    const marks = await canvasMarks(page);
    expect(marks.nodes).toEqual(['a-alert', 'a-classify', 'a-enrich', 't-alerts', 't-classified', 't-enriched', 't-orders']);
    expect(marks.edges).toBe(6);
    expect(marks.dimmed).toBeGreaterThan(0);
    // Durations on the three subscriptions, positions on the three publications.
    expect(marks.labels.filter((l) => /^(< )?\d+ ms$/.test(l))).toHaveLength(3);
    expect(marks.labels.filter((l) => /^\d+\/\d+$/.test(l))).toHaveLength(3);
    expect(await page.getByRole('region', { name: /^Path of orders \d+\/\d+$/ }).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, 'published-light.png') });

    // The address brings the same path back.
    await page.reload();
    await page.getByRole('region', { name: 'Message path' }).waitFor({ timeout: 30_000 });
    expect(await listedCalls(page)).toHaveLength(3);

    await page.getByRole('button', { name: 'Hide path' }).click();
    expect(await page.locator('.efs-path, .efs-path-dim').count()).toBe(0);
    expect(page.url()).toMatch(new RegExp(`#/flows/${flowId}$`));
    await page.close();
  }, 120_000);

  it('follows a malformed order by key from the form to its dead letter, in the dark theme', async () => {
    await api('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', key: 'o-follow-bad', value: 'not json at all' });
    const page = await flowPage('/follow', 'dark');
    const form = page.getByRole('form', { name: 'Follow a message' });
    await form.getByLabel('Topic').selectOption({ label: 'orders' });
    await form.getByLabel('by key (the newest)').check();
    await form.getByRole('textbox', { name: 'Key' }).fill('o-follow-bad');
    await form.getByRole('button', { name: 'Follow' }).click();
    await page.waitForURL(/\/follow\?connection=local&topic=orders&key=o-follow-bad$/);
    await expect
      .poll(
        async () => {
          const calls = await listedCalls(page).catch(() => []);
          if (calls[0] !== 'Stage 1: acme/classify, dead-lettered') await page.getByRole('button', { name: 'Follow again' }).click();
          return calls;
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toEqual(['Stage 1: acme/classify, dead-lettered']);
    const letter = page.getByRole('group', { name: 'Dead letter' });
    expect(await letter.textContent()).toMatch(/^→ orders\.dlq · partition \d+ · offset \d+permanent · invoke: acme\/classify expects a JSON object$/);
    const marks = await canvasMarks(page);
    expect(marks.nodes).toEqual(['a-classify', 't-dlq', 't-orders']);
    expect(marks.edges).toBe(2);
    await page.screenshot({ path: path.join(shots, 'dead-lettered-dark.png') });
    await page.close();
  }, 120_000);
});
