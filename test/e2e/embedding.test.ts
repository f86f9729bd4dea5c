/// <reference lib="dom" />
// Parts of this file run in the page (Playwright evaluates them in Chromium), so they use the DOM types.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { installLeakTracker } from './leakTracker.ts';
import { studioForTests } from './studioServer.ts';

type Leaks = { listeners: string[]; timeouts: number; intervals: number; styleElements: number; adoptedStyleSheets: number; pluginHosts: number };

const studio = studioForTests();

async function examplePage(): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(installLeakTracker);
  await page.goto(`${studio.server.url}/plugin/example/index.html?token=demo-member-token`);
  await page.getByRole('button', { name: 'Mount studio' }).waitFor();
  return page;
}

const leaks = (page: Page) => page.evaluate(() => (window as unknown as { efsLeaks: () => Leaks }).efsLeaks());

describe('embedding the plugin in a host with its own React and CSS', () => {
  it('leaves no stylesheet, shadow host, listener or timer behind after 50 mounts and unmounts', async () => {
    const page = await examplePage();
    const before = await leaks(page);
    for (let i = 0; i < 50; i += 1) {
      await page.getByRole('button', { name: 'Mount studio' }).click();
      // The plugin is up: it has signed in and listed the org's flows (Playwright's locators pierce the shadow root).
      await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).waitFor({ timeout: 20_000 });
      await page.getByRole('button', { name: 'Unmount studio' }).click();
    }
    expect(await page.getByTestId('mounts').textContent()).toBe('50');
    const after = await leaks(page);
    expect(after.pluginHosts).toBe(0);
    expect(after.styleElements).toBe(before.styleElements);
    expect(after.adoptedStyleSheets).toBe(before.adoptedStyleSheets);
    expect(after.listeners).toEqual(before.listeners);
    // Timers already due (a zero-delay batch flush) may still be queued for a moment.
    await expect.poll(async () => (await leaks(page)).timeouts, { timeout: 5_000 }).toBe(before.timeouts);
    expect(after.intervals).toBe(before.intervals);
    await page.close();
  }, 120_000);

  it('works as the <event-flows-studio> custom element, and removing the element unmounts it', async () => {
    const page = await studio.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(installLeakTracker);
    await page.goto(`${studio.server.url}/healthz`);
    await page.setContent('<!doctype html><html><body><h1>Host</h1><div id="slot"></div></body></html>');
    // A string, so the test runner does not rewrite the page's dynamic import.
    await page.evaluate(`(async () => {
      const plugin = await import('${studio.server.url}/plugin/bundled/event-flows-studio.js');
      plugin.defineEventFlowsStudio();
      plugin.defineEventFlowsStudio(); // a second call is harmless
      const seen = [];
      const element = document.createElement('event-flows-studio');
      element.setAttribute('api-url', '${studio.server.url}');
      element.setAttribute('org-id', 'acme');
      element.getToken = () => 'demo-member-token';
      element.addEventListener('studio-event', (event) => seen.push(event.detail.type));
      document.getElementById('slot').append(element);
      window.efsSeen = seen;
    })()`);
    await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { efsSeen: string[] }).efsSeen.length)).toBeGreaterThan(0);
    expect((await leaks(page)).pluginHosts).toBe(1);
    await page.evaluate(() => document.querySelector('event-flows-studio')?.remove());
    expect((await leaks(page)).pluginHosts).toBe(0);
    expect(await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('switches the custom element’s theme, org and token in place, keeping an open flow’s unsaved edits', async () => {
    const page = await studio.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${studio.server.url}/healthz`);
    await page.setContent('<!doctype html><html><body><div id="slot" style="height: 800px"></div></body></html>');
    await page.evaluate(`(async () => {
      const plugin = await import('${studio.server.url}/plugin/bundled/event-flows-studio.js');
      const element = document.createElement('event-flows-studio');
      element.setAttribute('api-url', '${studio.server.url}');
      element.setAttribute('token', 'demo-member-token');
      document.getElementById('slot').append(element);
      plugin.defineEventFlowsStudio();
    })()`);
    await page.getByRole('button', { name: 'Create flow' }).waitFor({ timeout: 20_000 });
    await page.getByLabel('New flow name').fill('Theme switch');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.getByRole('region', { name: 'Palette' }).getByRole('button', { name: /acme\/echo/ }).click();
    const toolbarStatus = page.getByRole('toolbar', { name: 'Flow actions' }).locator('[aria-live]');
    await expect.poll(() => toolbarStatus.textContent()).toContain('unsaved changes');

    await page.evaluate(() => {
      const element = document.querySelector('event-flows-studio');
      element?.setAttribute('theme', 'dark');
      element?.setAttribute('org-id', 'acme');
      element?.setAttribute('token', 'demo-member-token');
    });
    await expect.poll(() => page.locator('.efs-app').getAttribute('data-theme')).toBe('dark');
    expect(await toolbarStatus.textContent()).toContain('unsaved changes');
    expect(await page.locator('.react-flow__node').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('keeps the host styles out of the plugin and the plugin styles out of the host', async () => {
    const page = await examplePage();
    const hostLook = () =>
      page.evaluate(() => {
        const button = document.querySelector('#host-root button');
        const heading = document.querySelector('#host-root h1');
        if (!button || !heading) throw new Error('the host page did not render');
        const b = getComputedStyle(button);
        const h = getComputedStyle(heading);
        const body = getComputedStyle(document.body);
        return { buttonBackground: b.backgroundColor, buttonFont: b.fontSize, headingColor: h.color, headingFont: h.fontSize, bodyFont: body.fontFamily, bodyColor: body.color };
      });
    const hostBefore = await hostLook();
    await page.getByRole('button', { name: 'Mount studio' }).click();
    const flowsButton = page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Flows' });
    await flowsButton.waitFor();
    expect(await hostLook()).toEqual(hostBefore);
    expect(hostBefore.buttonBackground).toBe('rgb(255, 0, 0)');

    const pluginLook = await page.evaluate(() => {
      const shadow = document.querySelector('.efs-plugin-host')?.shadowRoot;
      const app = shadow?.querySelector('.efs-app');
      const button = shadow?.querySelector('.efs-app__nav button');
      const heading = shadow?.querySelector('h1');
      if (!app || !button || !heading) throw new Error('the plugin did not render in its shadow root');
      const a = getComputedStyle(app);
      const b = getComputedStyle(button);
      const h = getComputedStyle(heading);
      return { appDisplay: a.display, appColor: a.color, appFont: a.fontFamily, buttonBackground: b.backgroundColor, buttonFont: b.fontSize, headingColor: h.color, headingFont: h.fontSize };
    });
    // The host's `.efs-app { display: none !important }`, its button and heading rules and its inherited font and colour do not apply.
    expect(pluginLook.appDisplay).toBe('flex');
    expect(pluginLook.appColor).not.toBe(hostBefore.bodyColor);
    expect(pluginLook.appFont).not.toBe(hostBefore.bodyFont);
    expect(pluginLook.buttonBackground).not.toBe('rgb(255, 0, 0)');
    expect(pluginLook.buttonFont).toBe('14px');
    expect(pluginLook.headingColor).not.toBe('rgb(128, 0, 128)');
    expect(pluginLook.headingFont).toBe('18px');
    await page.close();
  }, 60_000);
});

describe('loading the plugin as a Module Federation remote into a host that shares its React', () => {
  it('mounts the studio with the host’s React and React DOM, fetching no React of its own', async () => {
    const page = await studio.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(`${studio.server.url}/plugin/federation-host/index.html?token=demo-member-token`);
    await page.getByRole('button', { name: 'Mount studio' }).click();
    await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).waitFor({ timeout: 20_000 });

    const fromRemote = requested.filter((p) => p.startsWith('/plugin/federation/'));
    expect(fromRemote).toContain('/plugin/federation/remoteEntry.js');
    // The remote carries React and React DOM as fallback chunks (named after the packages) for hosts
    // that share none; with the host's singletons in the share scope it must load none of them.
    expect(fromRemote.filter((p) => /react/i.test(p.slice(p.lastIndexOf('/'))))).toEqual([]);
    const shared = await page.evaluate(() => [...(window as unknown as { efsFederationHost: { sharedWithRemote: Set<string> } }).efsFederationHost.sharedWithRemote].sort());
    expect(shared).toEqual(['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']);

    await page.getByRole('button', { name: 'Unmount studio' }).click();
    expect(await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).count()).toBe(0);
    expect(await page.locator('.efs-plugin-host').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
