/*
 * The built Storybook as a reviewer opens it.
 *
 * Every docs page (autodocs and the .mdx pages), in both toolbar themes, has a
 * structure a screen reader can walk: headings in order, list items in lists, each landmark once.
 *
 * Two kinds of markup are out of these checks, each for one rule only, because they are not ours:
 * - landmark-unique inside a story preview: a docs page shows a component several times (one preview per
 *   story), so the landmarks the app names once (the palette, the inspector) are there once per story.
 *   Each story is checked alone, with axe, by the storybook projects (.storybook/vitest.config.ts).
 * - listitem inside Storybook's object control (`.rejt-tree`, its JSON editor in the controls table),
 *   which puts `<li>` straight into a `<div>`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AxeResults, RunOptions } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../.config/chromium.ts';

const root = path.resolve(import.meta.dirname, '../..');
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The structural rules checked, and the markup (a selector) each one leaves alone. */
const rules: Record<string, string | null> = {
  'heading-order': null,
  'landmark-unique': '.docs-story',
  listitem: '.rejt-tree',
};

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };

let outDir = '';
let server: Server;
let baseUrl = '';
let browser: Browser;
let docsPages: string[] = [];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'efs-storybook-'));
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '--quiet', '-o', outDir], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  server = createServer((request, response) => {
    const file = path.join(outDir, path.normalize(new URL(request.url ?? '/', 'http://localhost').pathname));
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  baseUrl = `http://127.0.0.1:${address.port}`;
  const index = JSON.parse(await readFile(path.join(outDir, 'index.json'), 'utf8')) as { entries: Record<string, { id: string; type: string }> };
  docsPages = Object.values(index.entries).flatMap((entry) => (entry.type === 'docs' ? [entry.id] : []));
  browser = await chromium.launch(chromiumLaunchOptions);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** What axe finds on one docs page for the structural rules, as `page rule: element` lines, and the stories it shows twice. */
async function findings(page: Page, id: string, theme: 'light' | 'dark'): Promise<string[]> {
  await page.goto(`${baseUrl}/iframe.html?id=${id}&viewMode=docs&globals=theme:${theme}`);
  await page.locator('.sbdocs-content').waitFor();
  // Every story preview on the page has drawn its component.
  await page.waitForFunction(() => [...document.querySelectorAll('.docs-story [id^="story--"][id$="-inner"]')].every((story) => story.childElementCount > 0));
  await page.addScriptTag({ content: await axeSource });
  const found = await page.evaluate(async (rules) => {
    // axe.min.js, added to the page above, sets `window.axe`.
    const axe = (window as unknown as { axe: { run: (context: Document, options: RunOptions) => Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'rule', values: Object.keys(rules) }, elementRef: true });
    const lines = result.violations.flatMap((violation) =>
      violation.nodes
        .filter((node) => {
          const leftAlone = rules[violation.id];
          return !(leftAlone && node.element instanceof Element && node.element.closest(leftAlone));
        })
        .map((node) => `${violation.id}: ${node.html.slice(0, 120)}`),
    );
    // A story drawn twice puts its landmarks on the page twice.
    const stories = [...document.querySelectorAll('.docs-story [id^="story--"][id$="-inner"]')].map((story) => story.id.replace(/(--primary)?-inner$/, ''));
    const twice = stories.filter((story, i) => stories.indexOf(story) !== i).map((story) => `shown twice: ${story}`);
    return [...lines, ...twice];
  }, rules);
  return found.map((line) => `${id} ${line}`);
}

describe('Storybook docs pages', () => {
  it.each(['light', 'dark'] as const)('in the %s theme have headings in order, list items in lists and each landmark once', async (theme) => {
    expect(docsPages.length).toBeGreaterThan(40);
    // Four pages at a time: each waits mostly on its stories' rendering.
    const pages = await Promise.all([1, 2, 3, 4].map(() => browser.newPage({ viewport: { width: 1280, height: 800 } })));
    const queue = [...docsPages];
    const all: string[] = [];
    await Promise.all(
      pages.map(async (page) => {
        for (let id = queue.shift(); id; id = queue.shift()) all.push(...(await findings(page, id, theme)));
        await page.close();
      }),
    );
    expect(all.sort()).toEqual([]);
  }, 600_000);
});

describe('Storybook\'s frame (sidebar, toolbar, panels)', () => {
  /** The sidebar's background: the tokens' panel colour of the theme (rgb(255, 255, 255) light, rgb(28, 32, 41) dark). */
  const sidebar = (page: Page) => page.locator('.sidebar-container').evaluate((element) => getComputedStyle(element).backgroundColor);

  it.each([
    ['light', 'rgb(255, 255, 255)'],
    ['dark', 'rgb(28, 32, 41)'],
  ] as const)('opens in the system\'s theme, %s', async (scheme, background) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
    await page.goto(`${baseUrl}/index.html?path=/story/panels-plan-review--ready`);
    await expect.poll(() => page.getByRole('button', { name: scheme === 'dark' ? 'Dark' : 'Light' }).count(), { timeout: 20_000 }).toBe(1);
    expect(await sidebar(page)).toBe(background);
    await page.close();
  }, 60_000);

  it('follows the toolbar\'s theme switch', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, colorScheme: 'light' });
    await page.goto(`${baseUrl}/index.html?path=/story/panels-plan-review--ready`);
    await page.getByRole('button', { name: 'Light' }).click({ timeout: 20_000 });
    await page.getByRole('option', { name: 'Dark' }).click();
    await expect.poll(() => sidebar(page), { timeout: 10_000 }).toBe('rgb(28, 32, 41)');
    await page.getByRole('button', { name: 'Dark' }).click();
    await page.getByRole('option', { name: 'Light' }).click();
    await expect.poll(() => sidebar(page), { timeout: 10_000 }).toBe('rgb(255, 255, 255)');
    await page.close();
  }, 60_000);
});
