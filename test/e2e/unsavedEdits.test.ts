/// <reference lib="dom" />
// Parts of this file run in the page (Playwright evaluates them in Chromium), so they use the DOM types.
// Unsaved edits in the studio (served at `/` by a server started as `pnpm start` starts it): they are
// neither lost when a save conflicts nor dropped without asking when the person leaves the flow.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from './studioServer.ts';
import { addAlgorithm, callApi, openFlow, tokens, toolbarStatus } from './studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

interface ServerFlow {
  id: string;
  name: string;
  description: string;
  revision: number;
  graph: { nodes: Array<{ kind: string; algorithm?: string }>; edges: unknown[] };
}

const getFlow = (id: string) => api<ServerFlow>('query', 'flows.get', { id });
const algorithmsOf = (flow: ServerFlow) => flow.graph.nodes.map((n) => n.algorithm).filter(Boolean).sort();

let flows = 0;
/** A new flow of acme, opened in the studio by the demo member. */
async function openNewFlow(): Promise<{ page: Page; flowId: string }> {
  const name = `Unsaved edits ${++flows}`;
  const { id } = await api<{ id: string }>('mutation', 'flows.create', { orgId: 'acme', name });
  return { page: await openFlow(studio, tokens.member, name), flowId: id };
}

/** Whether a beforeunload now would make the browser ask before leaving the page. */
const asksBeforeUnload = (page: Page) =>
  page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

describe('a save conflict', () => {
  it('asks in a modal alert dialog, and "Keep mine" saves the edit on top of their revision', async () => {
    const { page, flowId } = await openNewFlow();
    await addAlgorithm(page, 'acme/echo');
    // Someone else saves first.
    const theirs = await getFlow(flowId);
    await api('mutation', 'flows.save', { id: flowId, baseRevision: theirs.revision, name: theirs.name, description: theirs.description, graph: theirs.graph });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = page.getByRole('alertdialog');
    await conflict.waitFor();
    // The other save was this person's own (an API call, as another tab would make): it says so.
    expect(await conflict.textContent()).toContain('You, in another tab, saved revision');
    // The studio's one modal dialog: the editor behind it waits for the answer, and Escape is no answer.
    expect(await conflict.evaluate((dialog) => dialog.matches(':modal'))).toBe(true);
    await page.keyboard.press('Escape');
    expect(await conflict.isVisible()).toBe(true);
    await conflict.getByRole('button', { name: /Keep mine/ }).click();
    await page.getByRole('status').filter({ hasText: 'on top of theirs' }).waitFor();

    const saved = await getFlow(flowId);
    expect(saved.revision).toBe(theirs.revision + 2);
    expect(algorithmsOf(saved)).toEqual(['acme/echo']);
    expect(await toolbarStatus(page)).not.toContain('unsaved changes');
    await page.close();
  }, 60_000);
});
describe('Review plan right after Save', () => {
  it('waits for the save instead of sending a second one that conflicts with it', async () => {
    const { page, flowId } = await openNewFlow();
    // A slow network: the save is still under way when Review plan is clicked.
    await page.route('**/trpc/flows.save**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await addAlgorithm(page, 'acme/echo');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('button', { name: 'Review plan' }).click();
    await page.getByRole('complementary', { name: 'Flow panel' }).waitFor();
    expect(await page.getByRole('alertdialog').count()).toBe(0);
    const saved = await getFlow(flowId);
    expect(saved.revision).toBe(2);
    expect(await toolbarStatus(page)).toContain('revision 2');
    expect(await toolbarStatus(page)).not.toContain('unsaved changes');
    await page.close();
  }, 60_000);
});

describe('leaving a flow with unsaved edits', () => {
  it('asks in the page before going back to the flow list, and the browser asks before unloading', async () => {
    const { page } = await openNewFlow();
    const browserDialogs: string[] = [];
    page.on('dialog', (dialog) => {
      browserDialogs.push(dialog.type());
      void dialog.dismiss();
    });
    expect(await asksBeforeUnload(page)).toBe(false);
    await addAlgorithm(page, 'acme/echo');
    expect(await asksBeforeUnload(page)).toBe(true);

    await page.getByRole('button', { name: '← Flows' }).click();
    const ask = page.getByRole('dialog', { name: /unsaved/i });
    await ask.waitFor();
    expect(await ask.getAttribute('aria-modal')).toBe('true');
    // Focus starts on the safe choice; cancelling stays on the flow with the edit.
    await ask.getByRole('button', { name: 'Cancel' }).press('Enter');
    await ask.waitFor({ state: 'detached' });
    expect(await toolbarStatus(page)).toContain('unsaved changes');
    expect(await page.locator('.react-flow__node').count()).toBe(1);

    // Signing out asks too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await toolbarStatus(page)).toContain('unsaved changes');

    // The studio's own Flows navigation asks too; going ahead leaves without saving.
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Flows' }).click();
    await ask.getByRole('button', { name: /Leave/ }).click();
    await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).waitFor();
    expect(await asksBeforeUnload(page)).toBe(false);
    expect(browserDialogs).toEqual([]);
    await page.close();
  }, 60_000);

  it('goes back without asking when everything is saved', async () => {
    const { page } = await openNewFlow();
    await addAlgorithm(page, 'acme/echo');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved revision 2' }).waitFor();
    expect(await asksBeforeUnload(page)).toBe(false);
    await page.getByRole('button', { name: '← Flows' }).click();
    await page.getByRole('heading', { name: 'Flows of Acme Analytics' }).waitFor();
    await page.close();
  }, 60_000);

  it('asks before a rollback replaces unsaved edits', async () => {
    const { page, flowId } = await openNewFlow();
    await addAlgorithm(page, 'acme/echo');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved revision 2' }).waitFor();
    await addAlgorithm(page, 'acme/alert');
    await page.getByRole('button', { name: 'History' }).click();

    await page.getByRole('button', { name: 'Roll back to 1' }).click();
    const ask = page.getByRole('dialog', { name: /unsaved/i });
    await ask.waitFor();
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await page.locator('.react-flow__node').count()).toBe(2);
    expect((await getFlow(flowId)).revision).toBe(2);

    await page.getByRole('button', { name: 'Roll back to 1' }).click();
    await ask.getByRole('button', { name: /Roll back/ }).click();
    // The editor shows revision 1 (the new flow's empty graph) again, saved as revision 3.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    expect(await toolbarStatus(page)).toContain('revision 3');
    expect((await getFlow(flowId)).revision).toBe(3);
    await page.close();
  }, 60_000);
});
