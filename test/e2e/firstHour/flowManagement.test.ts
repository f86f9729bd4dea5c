/// <reference lib="dom" />
// A member manages flows from the flow list (issue 18, "Flow management in the UI"), in Debian's
// Chromium against the server as `pnpm start` runs it: rename and describe, duplicate, export as a
// YAML download, import that file (its name is taken, so it gets the next number), delete, and
// undeploy a deployed flow, whose delete is refused with the server's sentence until then.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openStudio, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

const create = { partitions: 1, replicationFactor: 1, config: {} };
const invoices = {
  nodes: [
    { id: 't-invoices', kind: 'topic', position: { x: 0, y: 100 }, connection: 'local', topic: 'invoices', create },
    { id: 'a-echo', kind: 'algorithm', position: { x: 300, y: 100 }, algorithm: 'acme/echo', version: '1.0.0' },
  ],
  edges: [{ id: 'e1', kind: 'subscribe', source: 't-invoices', target: 'a-echo' }],
};

/** The flow list's row of the flow named `name`. */
const row = (page: Page, name: string) => page.getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) });

/** The page's text holds no JSON dump (a zod issue array or an error object). */
const noDump = async (page: Page) => expect(await page.locator('body').innerText()).not.toMatch(/\[\{|"code"/);

describe('flow management from the flow list', () => {
  it('renames, duplicates, exports, imports and deletes a flow as a member, and undeploys a deployed one', async () => {
    const flow = await api<{ id: string; revision: number }>('mutation', 'flows.create', { orgId: 'acme', name: 'Invoices', graph: invoices });
    const first = await api<{ status: string; requests: { id: number }[] }>('mutation', 'flows.deploy', { id: flow.id, revision: flow.revision });
    for (const request of first.requests ?? []) await api('mutation', 'admin.grantRequests.approve', { id: request.id }, tokens.admin);
    const deployed = await api<{ status: string }>('mutation', 'flows.deploy', { id: flow.id, revision: flow.revision });
    expect(deployed.status).toBe('deployed');
    await api('mutation', 'flows.create', { orgId: 'acme', name: 'Drafts' });

    const page = await openStudio(studio, tokens.member, { width: 1280, height: 720 });
    await expect.poll(() => row(page, 'Invoices').innerText(), { timeout: 10_000 }).toMatch(/revision 1/);
    expect(await row(page, 'Invoices').innerText()).toMatch(/by \S+/);

    // Delete while deployed: refused, with the server's reason as a sentence.
    await page.getByRole('button', { name: 'Delete Invoices' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete flow' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toBe('"Invoices" was not deleted. This flow is deployed: undeploy it before deleting it.');
    await noDump(page);

    // Undeploy, confirmed; the list then says "not deployed".
    await page.getByRole('button', { name: 'Undeploy Invoices' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undeploy', exact: true }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 30_000 }).toMatch(/^Undeployed "Invoices": /);
    await expect.poll(() => row(page, 'Invoices').innerText()).toMatch(/not deployed/);

    // Rename and describe: an empty name is refused next to the field, a good one saved.
    await page.getByRole('button', { name: 'Rename or describe Drafts' }).click();
    const details = page.getByRole('form', { name: 'Flow details' });
    await details.getByLabel('Name').fill('');
    await details.getByRole('button', { name: 'Save details' }).click();
    expect(await details.getByRole('alert').innerText()).toBe('Give the flow a name.');
    await details.getByLabel('Name').fill('Drafts EU');
    await details.getByLabel('Description').fill('Drafts from Europe');
    await details.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => row(page, 'Drafts EU').innerText()).toMatch(/Drafts from Europe[\s\S]*2/);

    // Duplicate: "Drafts EU (2)".
    await page.getByRole('button', { name: 'Duplicate Drafts EU' }).click();
    await row(page, 'Drafts EU (2)').waitFor({ timeout: 10_000 });

    // Export as YAML: a file download holding the flow document.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Drafts EU as YAML' }).click()]);
    expect(download.suggestedFilename()).toBe('Drafts-EU.yaml');
    const file = await download.path();
    expect(await readFile(file, 'utf8')).toMatch(/^format: event-flows-studio\/flow@1\nname: Drafts EU\ndescription: Drafts from Europe\n/);

    // Import that file: the name is taken twice, so it becomes "Drafts EU (3)".
    await page.getByRole('button', { name: 'Import flow…' }).click();
    const importForm = page.getByRole('form', { name: 'Import a flow' });
    await importForm.getByLabel('Flow file (JSON or YAML)').setInputFiles({ name: 'not-a-flow.yaml', mimeType: 'application/yaml', buffer: Buffer.from('- 1\n- 2\n') });
    await expect.poll(() => importForm.getByRole('alert').innerText()).toMatch(/^This is not a flow document that can be imported\./);
    await noDump(page);
    await importForm.getByLabel('Flow file (JSON or YAML)').setInputFiles(file);
    await importForm.getByRole('button', { name: 'Import flow' }).click();
    await expect.poll(() => page.getByRole('status').innerText(), { timeout: 10_000 }).toBe('Imported "Drafts EU (3)".');
    await row(page, 'Drafts EU (3)').waitFor();

    // Delete the copy, confirmed; Invoices, undeployed, can be deleted now too.
    for (const name of ['Drafts EU (2)', 'Invoices']) {
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete flow' }).click();
      await expect.poll(() => page.getByRole('status').innerText()).toBe(`Deleted "${name}".`);
      await expect.poll(() => row(page, name).count()).toBe(0);
    }
    const left = await api<{ name: string }[]>('query', 'flows.list', { orgId: 'acme' });
    expect(left.map((f) => f.name).sort()).toEqual(expect.arrayContaining(['Drafts EU', 'Drafts EU (3)']));
    expect(left.map((f) => f.name)).not.toContain('Invoices');
    await page.close();
  }, 120_000);
});
