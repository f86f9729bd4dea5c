/// <reference lib="dom" />
// The dead-letter viewer in Debian's Chromium against a server started as `pnpm start` starts it: the example
// flow deployed, a malformed order dead-lettered by classify, read as sentences and a wrapped value inside
// the side panel at 1280×720 and 1920×1080, replayed as it was (and shown as failed again), and replayed
// with an edited value that classify then takes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, studioForTests } from '../studioServer.ts';
import { callApi, signIn, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown) => callApi<T>(studio, tokens.member, kind, procedure, input);
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
/** Where the screenshots of this test go, for a person to look at (not the README's). */
const shots = path.join(process.env.EFS_SCREENSHOT_DIR ?? path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.screenshots'), 'dead-letters');

let flowId = '';

beforeAll(async () => {
  const [pipeline] = await api<Array<{ id: string; revision: number }>>('query', 'flows.list', { orgId: 'acme' });
  if (!pipeline) throw new Error('the server seeded no example flow');
  flowId = pipeline.id;
  expect((await api<{ status: string }>('mutation', 'flows.deploy', { id: pipeline.id, revision: pipeline.revision })).status).toBe('deployed');
  await api('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', key: 'o-bad', value: 'not json at all, order o-bad of customer Ada Lovelace' });
  await eventually('the malformed order in the DLQ', async () => (await api<{ records: unknown[] }>('query', 'runtime.dlq.peek', { ...subscription, limit: 10 })).records.length === 1, 60_000);
  mkdirSync(shots, { recursive: true });
}, 120_000);

/**
 * The studio at the flow's dead letters, classify ← orders picked, in a window of `width`×`height`, in
 * `theme` (the standalone page has no theme switch yet: its script is given the embedding option).
 */
async function deadLetters(width: number, height: number, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width, height } });
  await page.route('**/studio.js', async (route) => {
    const script = await (await route.fetch()).text();
    await route.fulfill({ contentType: 'text/javascript', body: script.replace("routing: 'hash' }", `routing: 'hash', theme: '${theme}' }`) });
  });
  await page.goto(`${studio.server.url}/`);
  await signIn(page, tokens.member);
  await page.goto(`${studio.server.url}/#/flows/${flowId}/dead-letters`);
  await page.getByRole('heading', { name: 'Dead letters' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Subscription').selectOption({ label: 'acme/classify ← orders' });
  await page.getByRole('list', { name: 'Dead-letter records' }).waitFor({ timeout: 30_000 });
  return page;
}

/** Whether the side panel and every value in it fit their width (nothing scrolls sideways). */
const fitsItsPanel = (page: Page) =>
  page.locator('.efs-dlq').evaluate((panel) => [panel, ...panel.querySelectorAll('.efs-dlq__value')].every((e) => e.scrollWidth <= e.clientWidth));

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });

describe('the dead-letter viewer', () => {
  it('shows a dead letter in sentences with its value wrapped inside the panel, at 1280×720 and 1920×1080', async () => {
    for (const [width, height, theme] of [
      [1280, 720, 'light'],
      [1280, 720, 'dark'],
      [1920, 1080, 'light'],
      [1920, 1080, 'dark'],
    ] as const) {
      const page = await deadLetters(width, height, theme);
      const item = page.getByRole('listitem').filter({ hasText: 'o-bad' });
      await expect.poll(() => item.locator('.efs-dlq__error').textContent()).toMatch(/^Permanent error at (decode|invoke), after 1 attempt$/);
      expect(await item.getByText('Value · Text').count()).toBe(1);
      expect(await page.locator('.efs-dlq').textContent()).not.toMatch(/"class"|\{"/);
      expect(await fitsItsPanel(page)).toBe(true);
      expect(await page.locator('.efs-dlq').getAttribute('data-theme')).toBe(theme);
      await screenshot(page, `${width}x${height}-${theme}`);
      await page.close();
    }
  }, 120_000);

  it('marks a replay that failed again on the original, and replays an edited value that classify takes', async () => {
    const page = await deadLetters(1280, 720);
    const original = page.getByRole('listitem').filter({ hasText: 'o-bad' }).filter({ hasNotText: 'Failed replay of' });
    await original.getByRole('checkbox').check();
    // Max may redrive (the demo's redrive grant): a run on the server, at the dialog's rate.
    await page.getByRole('button', { name: 'Redrive picked (1)…' }).click();
    await page.getByRole('dialog', { name: 'Redrive dead letters?' }).getByRole('button', { name: 'Start redrive' }).click();
    await page.getByRole('status').filter({ hasText: 'Redrove 1 record to orders.' }).waitFor({ timeout: 30_000 });
    // Still malformed, it is dead-lettered again, and the page reads the DLQ again by itself.
    await original.locator('.efs-dlq__badge[data-state="failed-again"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText(/^Failed replay of \d+:\d+$/).count()).toBe(1);

    const classified = async () => (await api<Array<{ algorithm: string; published: number }>>('query', 'runtime.status', { orgId: 'acme' })).find((s) => s.algorithm === 'acme/classify')?.published ?? 0;
    const before = await classified();
    await original.getByRole('button', { name: 'Edit and replay' }).click();
    const form = original.getByRole('form');
    await form.getByLabel('Value').fill(JSON.stringify({ id: 'o-bad', amount: 25 }));
    await form.getByRole('button', { name: 'Replay edited' }).click();
    await page.getByRole('status').filter({ hasText: 'Replayed 1 record to orders.' }).waitFor({ timeout: 30_000 });
    await eventually('classify to publish the edited order', async () => (await classified()) > before, 60_000);
    await screenshot(page, 'after-replays-1280x720');
    await page.close();
  }, 120_000);

  it('says when older dead letters are not shown, and shows them on request', async () => {
    for (let i = 0; i < 60; i++) {
      await api('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', key: `o-more-${i}`, value: `not json either, ${i}` });
    }
    await eventually('60 more dead letters', async () => (await api<{ records: unknown[] }>('query', 'runtime.dlq.peek', { ...subscription, limit: 100 })).records.length >= 62, 60_000);
    const page = await deadLetters(1280, 720);
    const list = page.getByRole('list', { name: 'Dead-letter records' });
    await page.getByText(/^Older records not shown: these are the newest 50/).waitFor({ timeout: 30_000 });
    expect(await list.getByRole('listitem').count()).toBe(50);
    await page.getByRole('button', { name: 'Show older records' }).click();
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(62);
    expect(await page.getByText(/Older records not shown/).count()).toBe(0);
    await page.close();
  }, 120_000);
});
