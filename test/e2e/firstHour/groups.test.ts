/// <reference lib="dom" />
// Groups of nodes through the real studio, served as `pnpm start` serves it: a member groups two
// algorithms, collapses the group, saves, and after a reload the group is still there, collapsed,
// and expands again.
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, nodeIds, openFlow, tokens, toolbarStatus } from '../studioPages.ts';

const studio = studioForTests();

interface SavedFlow {
  id: string;
  name: string;
  graph: { groups?: Array<{ name: string; nodeIds: string[]; collapsed: boolean }> };
}

describe('groups in the studio', () => {
  it('keeps a collapsed group through a save and a reload', async () => {
    const page = await openFlow(studio, tokens.member, 'Order pipeline');
    await page.locator('.react-flow__controls-fitview').click();
    const algorithms = page.locator('.react-flow__node-algorithm');
    await algorithms.nth(1).waitFor();
    const members = await algorithms.evaluateAll((nodes) => nodes.slice(0, 2).map((n) => n.getAttribute('data-id') ?? ''));
    await algorithms.nth(0).click();
    await algorithms.nth(1).click({ modifiers: ['Control'] });
    await page.getByRole('button', { name: 'Group…' }).click();
    await page.getByLabel('Group name').fill('Scoring');
    await page.getByRole('button', { name: 'Group', exact: true }).click();
    await page.getByRole('button', { name: 'Collapse group Scoring' }).click();
    await expect.poll(async () => (await nodeIds(page)).filter((id) => members.includes(id))).toEqual([]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => toolbarStatus(page), { timeout: 30_000 }).not.toMatch(/unsaved/i);
    const flows = await callApi<Array<{ id: string; name: string }>>(studio, tokens.member, 'query', 'flows.list', { orgId: 'acme' });
    const id = flows.find((f) => f.name === 'Order pipeline')?.id;
    const saved = await callApi<SavedFlow>(studio, tokens.member, 'query', 'flows.get', { id });
    expect(saved.graph.groups).toEqual([{ id: expect.any(String), name: 'Scoring', nodeIds: members, collapsed: true }]);

    await page.reload();
    const group = page.locator('.react-flow__node-collapsedGroup');
    await group.waitFor({ timeout: 30_000 });
    await expect.poll(() => group.textContent()).toMatch(/Group · 2 nodes.*Scoring/);
    expect((await nodeIds(page)).filter((n) => members.includes(n))).toEqual([]);
    await page.getByRole('button', { name: 'Expand group Scoring' }).click();
    await expect.poll(async () => (await nodeIds(page)).filter((n) => members.includes(n)).sort()).toEqual([...members].sort());
    await page.close();
  });
});
