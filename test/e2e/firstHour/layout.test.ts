// The studio fills its window and keeps the canvas the largest part of it (issue 18, "Layout"): at
// 1280×720 and 1920×1080, with each of the flow's panels open, the canvas keeps at least 60% of the
// width, the studio reaches the bottom of the window, no node label is cut, no live edge label sits on
// a node, and the example flow opens at a readable zoom. Chromium against the server as `pnpm start`
// runs it, with the example flow deployed and carrying a message.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { addAlgorithm, callApi, openFlow, openStudio, tokens, toolbarStatus } from '../studioPages.ts';

const studio = studioForTests();

beforeAll(async () => {
  const [flow] = await callApi<Array<{ id: string; revision: number }>>(studio, tokens.member, 'query', 'flows.list', { orgId: 'acme' });
  await callApi(studio, tokens.member, 'mutation', 'flows.deploy', { id: flow?.id, revision: flow?.revision });
  await callApi(studio, tokens.member, 'mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', value: '{"amount":5000}' });
}, 120_000);

async function openExample(viewport: { width: number; height: number }): Promise<Page> {
  const page = await openStudio(studio, tokens.member, viewport);
  await page.getByRole('button', { name: 'Order pipeline', exact: true }).click();
  await page.locator('.react-flow__pane').waitFor({ timeout: 30_000 });
  return page;
}

/** The canvas's width as a share of the window's. */
const canvasShare = async (page: Page) => ((await page.locator('.efs-canvas').boundingBox())?.width ?? 0) / (page.viewportSize()?.width ?? 1);

/** The boxes of what `selector` finds on the page, with their text. */
const boxesOf = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((elements) => elements.map((e) => ({ text: e.textContent ?? '', box: e.getBoundingClientRect().toJSON() as { left: number; right: number; top: number; bottom: number } })));

const panels = ['Review plan', 'Send test message', 'Follow a message', 'Dead letters', 'History'] as const;

type Box = { left: number; right: number; top: number; bottom: number };
const meet = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The boxes of the canvas's overlays: the minimap and the zoom controls. */
const overlaysOf = (page: Page) => boxesOf(page, '.react-flow__minimap, .react-flow__controls');

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  describe(`at ${viewport.width}×${viewport.height}`, () => {
    it('fills the window, and keeps at least 60% of the width for the canvas with each panel open', async () => {
      const page = await openExample(viewport);
      const bottom = await page.locator('.efs-app').evaluate((app) => app.getBoundingClientRect().bottom);
      expect(Math.round(bottom)).toBe(viewport.height);
      expect(await canvasShare(page)).toBeGreaterThanOrEqual(0.6);
      for (const panel of panels) {
        await page.getByRole('button', { name: panel, exact: true }).click();
        await page.getByRole('complementary', { name: 'Flow panel' }).waitFor();
        const share = await canvasShare(page);
        expect(share, `canvas share with "${panel}" open`).toBeGreaterThanOrEqual(0.6);
        const [content] = await boxesOf(page, '[role="complementary"][aria-label="Flow panel"]');
        const covering = (await overlaysOf(page)).filter((o) => content && meet(o.box, content.box));
        expect(covering.length, `minimap or controls over the "${panel}" panel`).toBe(0);
        await page.getByRole('button', { name: 'Close panel' }).click();
      }
      await page.close();
    }, 90_000);

    it('cuts no node label, puts no live edge label on a node, and opens at a readable zoom', async () => {
      const page = await openExample(viewport);
      const zoom = await page.locator('.react-flow__viewport').evaluate((v) => new DOMMatrix(getComputedStyle(v).transform).a);
      expect(zoom).toBeGreaterThanOrEqual(0.75);
      // Fit the whole flow in view to see every label at once.
      await page.locator('.react-flow__controls-fitview').click();
      // The widest labels carry a rate ("0 msg/s · 1 in"), which comes with the second status update.
      await expect.poll(() => page.locator('.react-flow__edge-text', { hasText: 'msg/s' }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const cut = await page.locator('.efs-node__kind > span, .efs-node__title').evaluateAll((labels) =>
        labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent),
      );
      expect(cut).toEqual([]);
      const nodes = await boxesOf(page, '.react-flow__node');
      const labels = await boxesOf(page, '.react-flow__edge-textwrapper');
      const overlaps = labels.flatMap((l) => nodes.filter((n) => meet(l.box, n.box)).map((n) => `${l.text} on ${n.text}`));
      expect(overlaps).toEqual([]);
      await page.close();
    }, 90_000);

    it('opens with no node under the minimap or the zoom controls', async () => {
      const page = await openExample(viewport);
      await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const overlays = await overlaysOf(page);
      expect(overlays.length).toBe(2);
      const nodes = await boxesOf(page, '.react-flow__node');
      const covered = nodes.flatMap((n) => overlays.filter((o) => meet(o.box, n.box)).map(() => n.text));
      expect(covered).toEqual([]);
      await page.close();
    }, 90_000);
  });
}

describe('the flow page as it is edited and saved', () => {
  /** The canvas's top edge, and the top of each of the toolbar's buttons (one row: one top). */
  const layoutOf = async (page: Page) => ({
    canvasTop: (await page.locator('.efs-canvas').boundingBox())?.y,
    toolbarRows: new Set(await page.getByRole('toolbar', { name: 'Flow actions' }).getByRole('button').evaluateAll((buttons) => buttons.map((b) => Math.round(b.getBoundingClientRect().top)))).size,
  });

  it('keeps the toolbar one row at 1280 and the canvas where it is through an edit and a save', async () => {
    const name = 'Orders to fraud checks and the warehouse';
    await callApi(studio, tokens.member, 'mutation', 'flows.create', { orgId: 'acme', name });
    const page = await openFlow(studio, tokens.member, name);
    await page.setViewportSize({ width: 1280, height: 720 });
    const before = await layoutOf(page);
    expect(before.toolbarRows).toBe(1);

    await addAlgorithm(page, 'acme/echo');
    expect(await toolbarStatus(page)).toContain('unsaved changes');
    expect(await layoutOf(page), 'with unsaved changes').toEqual(before);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved revision \d+\./).waitFor();
    expect(await layoutOf(page), 'saved, with "Saved revision …" shown').toEqual(before);

    // At 1024 the toolbar may take two rows, but nothing runs past the window's edge.
    await page.setViewportSize({ width: 1024, height: 720 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.close();
  }, 60_000);
});
