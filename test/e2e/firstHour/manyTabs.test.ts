// A person keeps the studio open in many tabs of one browser. A browser holds at most six HTTP/1.1
// connections to one server, so a tab must not hold one for its live updates: eight tabs all load,
// and all hear a save made elsewhere. Chromium against the server as `pnpm start` runs it.
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, signIn, tokens, toolbarStatus } from '../studioPages.ts';

const studio = studioForTests();

interface ServerFlow {
  id: string;
  revision: number;
  graph: { nodes: unknown[]; edges: unknown[] };
}

describe('many tabs of one browser', () => {
  it('opens a flow in eight tabs, and every tab shows a save made elsewhere', async () => {
    const flow = await callApi<ServerFlow>(studio, tokens.member, 'mutation', 'flows.create', { orgId: 'acme', name: 'Open everywhere' });
    const browser = await studio.browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const tabs = [];
      for (let i = 0; i < 8; i++) {
        const tab = await browser.newPage();
        await tab.goto(`${studio.server.url}/#/flows/${flow.id}`, { timeout: 15_000 });
        await signIn(tab, tokens.member);
        await tab.locator('.react-flow__pane').waitFor({ timeout: 15_000 }).catch(() => {
          throw new Error(`tab ${i + 1} of 8 did not show the flow`);
        });
        tabs.push(tab);
      }
      for (const tab of tabs) expect(await toolbarStatus(tab)).toMatch(/^revision 1\b/);

      const node = { id: 'a-echo', kind: 'algorithm', position: { x: 0, y: 0 }, algorithm: 'acme/echo', version: '1.0.0' };
      await callApi(studio, tokens.member, 'mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: 'Open everywhere', description: '', graph: { nodes: [node], edges: [] } });
      for (const tab of tabs) await expect.poll(() => toolbarStatus(tab), { timeout: 10_000 }).toMatch(/^revision 2\b/);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
