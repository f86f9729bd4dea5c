/// <reference lib="dom" />
// The studio's header as a cluster admin sees it (issue 24, "a product a designer can review"): at the
// widths people use, its navigation stays on one row, and nothing in it runs past the window; the
// admin pages are in a row of their own under "Admin", one click apart. Chromium against the server as
// `pnpm start` runs it; parts run in the page, so they use the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { adminPages } from '../../../packages/plugin/src/app/studioNav.ts';
import { openStudio, tokens } from '../studioPages.ts';

const studio = studioForTests();

/** The header's height, the tallest navigation button's, how many rows the buttons take, and how far anything runs past the window. */
const headerLayout = (page: Page) =>
  page.locator('.efs-app__header').evaluate((header) => {
    const buttons = [...header.querySelectorAll('nav button')].map((b) => b.getBoundingClientRect());
    const right = Math.max(...[...header.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right));
    return {
      header: header.getBoundingClientRect().height,
      button: Math.max(...buttons.map((b) => b.height)),
      rows: new Set(buttons.map((b) => Math.round(b.top))).size,
      overflow: Math.max(0, right - document.documentElement.clientWidth, header.scrollWidth - header.clientWidth),
    };
  });

describe("a cluster admin's header", () => {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ]) {
    it(`keeps its navigation on one row at ${viewport.width}×${viewport.height}`, async () => {
      const page = await openStudio(studio, tokens.admin, viewport);
      const layout = await headerLayout(page);
      expect(layout.rows, 'rows of navigation buttons').toBe(1);
      // One row of buttons and the header's padding; a second row would add another button's height.
      expect(layout.header).toBeLessThan(2 * layout.button);
      expect(layout.overflow).toBe(0);
      await page.close();
    }, 60_000);
  }

  it('runs past no edge of a 1024 px window, and keeps its navigation whole', async () => {
    const page = await openStudio(studio, tokens.admin, { width: 1024, height: 768 });
    const layout = await headerLayout(page);
    expect(layout.overflow).toBe(0);
    expect(layout.rows, 'rows of navigation buttons').toBe(1);
    await page.close();
  }, 60_000);

  it('opens Connections from "Admin", with every admin page one click away in the row under the header', async () => {
    const page = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
    const nav = page.getByRole('navigation', { name: 'Studio' });
    expect(await nav.getByRole('button').allTextContents()).toEqual(['Flows', 'Discover', 'Platform listeners', 'Admin']);
    expect(await page.getByRole('navigation', { name: 'Admin' }).count()).toBe(0);
    await nav.getByRole('button', { name: 'Admin', exact: true }).click();
    const adminRow = page.getByRole('navigation', { name: 'Admin' });
    expect(await adminRow.getByRole('button').allTextContents()).toEqual(adminPages.map((p) => p.label));
    for (const { label } of adminPages) {
      await adminRow.getByRole('button', { name: label, exact: true }).click();
      await page.getByRole('heading', { name: label, exact: true, level: 1 }).waitFor();
      expect(await adminRow.locator('[aria-current="page"]').allTextContents()).toEqual([label]);
      // "Admin" shows that it holds the page shown.
      expect(await nav.getByRole('button', { name: 'Admin', exact: true }).getAttribute('aria-current')).toBe('true');
    }
    const rowTops = await adminRow.getByRole('button').evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size);
    expect(rowTops, 'rows of admin pages').toBe(1);
    await nav.getByRole('button', { name: 'Flows', exact: true }).click();
    await adminRow.waitFor({ state: 'detached' });
    expect(await nav.getByRole('button', { name: 'Admin', exact: true }).getAttribute('aria-current')).toBeNull();
    await page.close();
  }, 60_000);
});
