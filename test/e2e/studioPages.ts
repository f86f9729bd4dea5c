/// <reference lib="dom" />
// What the end-to-end tests do on a studio as a person (or another client) would: call its API,
// sign in, open a flow and draw on its canvas. Parts run in the page, so they use the DOM types.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { adminPages } from '../../packages/plugin/src/app/studioNav.ts';
import { demoTokens } from '../../server/src/platform/demoConfig.ts';
import { eventually, type Studio } from './studioServer.ts';

/** The demo users' bearer tokens, as `pnpm start` prints them. */
export const tokens = demoTokens;

/**
 * Calls one procedure of the studio's API over HTTP as the person whose token this is, as any client
 * would: a query by GET, a mutation by POST. Returns its data; throws with the server's message.
 */
export async function callApi<T>(studio: Studio, token: string, kind: 'query' | 'mutation', procedure: string, input: unknown): Promise<T> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const url = `${studio.server.url}/trpc/${procedure}`;
  const response =
    kind === 'query'
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(url, { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!body.result) throw new Error(`${procedure}: ${body.error?.message ?? response.status}`);
  return body.result.data;
}

/** Signs in on the studio's own sign-in form and waits for the studio. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Studio' }).waitFor({ timeout: 30_000 });
}

/** A desktop-sized page of the studio (`/`), signed in as `token` (or at its sign-in form with `null`). */
export async function openStudio(studio: Studio, token: string | null, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const page = await studio.browser.newPage({ viewport });
  await page.goto(`${studio.server.url}/`);
  if (token !== null) await signIn(page, token);
  return page;
}

/** The name of a cluster admin's page, as the admin pages' row shows it ("Grant requests"). */
export type AdminPageLabel = (typeof adminPages)[number]['label'];

/**
 * Shows a cluster admin's page as they reach it: "Admin" in the header (unless an admin page is shown
 * already), then the page in the admin pages' row under it.
 */
export async function openAdminPage(page: Page, label: AdminPageLabel): Promise<void> {
  const row = page.getByRole('navigation', { name: 'Admin' });
  if (!(await row.isVisible())) await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: /^Admin( \d+ pending)?$/ }).click();
  // An entry's name carries its count of pending requests, if any ("Grant requests 3 pending").
  await row.getByRole('button', { name: new RegExp(`^${label}( \\d+ pending)?$`) }).click();
}

/** A studio page signed in as `token`, on the flow named `name` (opened from the flow list), its canvas shown. */
export async function openFlow(studio: Studio, token: string, name: string): Promise<Page> {
  const page = await openStudio(studio, token);
  await page.getByRole('button', { name, exact: true }).click();
  await page.locator('.react-flow__pane').waitFor({ timeout: 30_000 });
  return page;
}

/** What the toolbar says about the open flow: its revision, unsaved changes, and the revision deployed. */
export const toolbarStatus = (page: Page) => page.getByRole('toolbar', { name: 'Flow actions' }).locator('[aria-live]').textContent();

/** The ids of the nodes on the canvas. */
export const nodeIds = (page: Page) => page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));

/** A handle of a node on the canvas (`out`, `in`, `subscribe`, `publish`, `dlq`). */
export const handle = (page: Page, nodeId: string, handleId: string): Locator =>
  page.locator(`.react-flow__node[data-id="${nodeId}"] .react-flow__handle[data-handleid="${handleId}"]`);

/** Draws an edge with the pointer, from one handle to another, and waits for it. */
export async function connect(page: Page, from: Locator, to: Locator, kind: 'subscribe' | 'publish' | 'dlq'): Promise<void> {
  const count = () => page.locator(`.react-flow__edge-path.efs-edge--${kind}`).count();
  const before = await count();
  await from.dragTo(to);
  await eventually(`a new ${kind} edge`, async () => (await count()) > before, 10_000);
}

/** Adds an algorithm node by clicking it in the palette (as Enter does). */
export async function addAlgorithm(page: Page, algorithm: string): Promise<void> {
  const before = await page.locator('.react-flow__node').count();
  await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: new RegExp(algorithm.replace('/', '\\/')) }).first().click();
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(before + 1);
}

/** The window size of the README's screenshots. */
export const readmeWindow = { width: 1440, height: 900 };

/**
 * Saves a screenshot of the page, in a window of {@link readmeWindow}, as one of the README's
 * (`test/e2e/screenshots/<name>.png`). Size the window first where the layout depends on it (a fitted canvas).
 */
export async function readmeScreenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(readmeWindow);
  await page.screenshot({ path: path.resolve(import.meta.dirname, 'screenshots', `${name}.png`) });
}

/** Closes the flow's side panel, clears the selection and fits the canvas to the flow, waiting until every node is in view. */
export async function showWholeFlow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Close panel' }).click();
  await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
  await page.locator('.react-flow__controls-fitview').click();
  await eventually('the whole flow in view', async () => {
    const pane = await page.locator('.react-flow__pane').boundingBox();
    const boxes = await page.locator('.react-flow__node').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((b) => ({ x: b.x, width: b.width, y: b.y, height: b.height })));
    return pane !== null && boxes.every((b) => b.x >= pane.x && b.x + b.width <= pane.x + pane.width && b.y >= pane.y && b.y + b.height <= pane.y + pane.height);
  }, 10_000);
}
