// A revision's changes on the canvas (issue 18, "History in domain words"): in the history a person
// picks a revision and sees on the canvas what changed since it — added nodes and edges marked "+",
// removed ones as dashed ghosts at their old places, changed ones "~" — with a legend and a way out.
// Chromium against the server as `pnpm start` runs it, on a fresh data dir.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openFlow, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown) => callApi<T>(studio, tokens.member, kind, procedure, input);

const create = { partitions: 1, replicationFactor: 1, config: {} };
const topic = (id: string, name: string, x: number, y = 100) => ({ id, kind: 'topic', position: { x, y }, connection: 'local', topic: name, create });
const algorithm = (id: string, ref: string, version: string, x: number) => ({ id, kind: 'algorithm', position: { x, y: 100 }, algorithm: ref, version });
const subscribe = { id: 'e1', kind: 'subscribe', source: 't-orders', target: 'a-classify' };
const publish = { id: 'e2', kind: 'publish', source: 'a-classify', target: 't-classified' };
const audit = { id: 'e3', kind: 'publish', source: 'a-classify', target: 't-audit' };

/** The change class (`efs-diff--added`, …) of each element by id, or `none` (locators reach into the studio's shadow root). */
const marks = (page: Page, kind: 'node' | 'edge', ids: string[]) =>
  Promise.all(
    ids.map(async (id) => {
      const classes = (await page.locator(`.react-flow__${kind}[data-id="${id}"]`).getAttribute('class', { timeout: 5_000 })) ?? '';
      return classes.split(' ').find((c) => c.startsWith('efs-diff--')) ?? 'none';
    }),
  );

describe('a revision diff on the canvas', () => {
  it('shows what changed since a revision, marked added, removed and changed, and hides it again', async () => {
    const first = {
      nodes: [topic('t-orders', 'orders', 0), algorithm('a-classify', 'acme/classify', '1.1.0', 300), topic('t-classified', 'orders.classified', 600), topic('t-audit', 'orders.audit', 600, 260)],
      edges: [subscribe, publish, audit],
    };
    const second = {
      nodes: [...first.nodes.filter((n) => n.id !== 't-audit').map((n) => (n.id === 'a-classify' ? { ...n, version: '1.2.0' } : n)), topic('t-dlq', 'orders.dlq', 300, 300)],
      edges: [subscribe, publish, { id: 'e4', kind: 'dlq', source: 'a-classify', target: 't-dlq' }],
    };
    const flow = await api<{ id: string; name: string }>('mutation', 'flows.create', { orgId: 'acme', name: 'Changes on canvas', graph: first });
    await api('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: flow.name, description: '', graph: second });

    for (const theme of ['light', 'dark'] as const) {
      for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
        const page = await openFlow(studio, tokens.member, 'Changes on canvas');
        await page.setViewportSize(viewport);
        await page.getByLabel('Theme').selectOption(theme);
        await page.getByRole('button', { name: 'History', exact: true }).click();
        await page.getByRole('button', { name: 'Show changes since revision 1 on the canvas' }).click();

        const legend = page.getByRole('region', { name: 'Changes since revision 1' });
        await legend.waitFor({ timeout: 10_000 });
        expect(await legend.textContent()).toMatch(/\+ 2 added.*− 2 removed.*~ 1 changed/);
        await page.locator('.react-flow__node[data-id="t-audit"]').waitFor({ timeout: 10_000 });
        expect(await marks(page, 'node', ['t-dlq', 't-audit', 'a-classify', 't-orders'])).toEqual(['efs-diff--added', 'efs-diff--removed', 'efs-diff--changed', 'none']);
        expect(await marks(page, 'edge', ['e4', 'e3', 'e1'])).toEqual(['efs-diff--added', 'efs-diff--removed', 'none']);
        // The removed topic is a ghost: marked "−" and in words, not movable.
        const ghost = page.locator('.react-flow__node[data-id="t-audit"]');
        expect(await ghost.getAttribute('aria-label')).toBe('Topic orders.audit, removed since revision 1');
        expect(await ghost.locator('.efs-diff-badge').textContent()).toBe('−');
        await page.screenshot({ path: `/tmp/i18h-shots/history-diff-${theme}-${viewport.width}.png` });
        // Its place in the flow (React Flow's transform of the node), which a drag would change.
        const place = () => ghost.evaluate((node) => (node as HTMLElement).style.transform);
        const placed = await place();
        const before = await ghost.boundingBox();
        if (!before) throw new Error('the removed topic is not drawn');
        // Grabbed by its top-left corner: the mini map may cover the rest of it.
        await page.mouse.move(before.x + 20, before.y + 12);
        await page.mouse.down();
        await page.mouse.move(before.x + 100, before.y + 72, { steps: 5 });
        await page.mouse.up();
        expect(await place()).toBe(placed);

        await legend.getByRole('button', { name: 'Hide changes' }).click();
        await legend.waitFor({ state: 'detached', timeout: 10_000 });
        expect(await page.locator('.react-flow__node[data-id="t-audit"]').count()).toBe(0);
        expect(await page.locator('[class*="efs-diff--"]').count()).toBe(0);
        await page.getByRole('button', { name: 'Show changes since revision 1 on the canvas' }).waitFor({ timeout: 10_000 });
        await page.close();
      }
    }
  }, 180_000);
});
