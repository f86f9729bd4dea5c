/// <reference lib="dom" />
// Parts of this file run in the page (Playwright evaluates them in Chromium), so they use the DOM types.
// People and times as the studio shows them, the same on every page: a time is written one way
// ("7 Dec 2026, 02:00"), a person by their display name with the id in its title (the flow list,
// the history, the admin tables; the seed's example as the studio), and an empty list says that it is empty. Chromium against the server as `pnpm start` runs it, on a fresh data dir.
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openAdminPage, openFlow, openStudio, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

/** The one way the studio writes a time: day, month in words, year, 24-hour time. */
const studioTime = /^\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d$/;

const create = { partitions: 1, replicationFactor: 1, config: {} };
/** acme/echo reading orders and writing a topic of its own: grants no one has given it. */
const echoGraph = {
  nodes: [
    { id: 't-in', kind: 'topic', position: { x: 0, y: 100 }, connection: 'local', topic: 'orders' },
    { id: 'a-echo', kind: 'algorithm', position: { x: 300, y: 100 }, algorithm: 'acme/echo', version: '1.0.0' },
    { id: 't-out', kind: 'topic', position: { x: 600, y: 100 }, connection: 'local', topic: 'people.echoed', create },
  ],
  edges: [
    { id: 'e1', kind: 'subscribe', source: 't-in', target: 'a-echo' },
    { id: 'e2', kind: 'publish', source: 'a-echo', target: 't-out' },
  ],
};

/** A person as the studio shows them: the display name, with the user id in its title. */
async function expectPerson(where: Locator, name: string, id: string): Promise<void> {
  const person = where.getByText(name, { exact: true });
  await person.first().waitFor({ timeout: 10_000 });
  expect(await person.first().getAttribute('title')).toBe(`User id: ${id}`);
  expect(await where.textContent()).not.toMatch(new RegExp(`\\b(by|·) ${id}\\b`));
}

describe('people and times', () => {
  it('the history writes revision times as the rest of the studio does, and says when nothing was deployed', async () => {
    await api('mutation', 'flows.create', { orgId: 'acme', name: 'Times in words', graph: echoGraph });
    const page = await openFlow(studio, tokens.member, 'Times in words');
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const revision = page.getByRole('list', { name: 'Revisions' }).getByRole('listitem').first();
    await revision.waitFor({ timeout: 10_000 });
    const time = revision.getByRole('time');
    expect(await time.textContent()).toMatch(studioTime);
    expect(await time.getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('This flow has not been deployed yet.').waitFor({ timeout: 10_000 });
    await page.close();
  }, 120_000);

  it('the admin tables name who decided and who acted, with the id in the title', async () => {
    const flow = await api<{ id: string }>('mutation', 'flows.create', { orgId: 'acme', name: 'People in words', graph: echoGraph });
    const { filed } = await api<{ filed: number }>('mutation', 'flows.requestAccess', { id: flow.id });
    expect(filed).toBeGreaterThan(0);
    const pending = await api<Array<{ id: number }>>('query', 'admin.grantRequests.list', { status: 'pending' }, tokens.admin);
    await api('mutation', 'admin.grantRequests.reject', { id: pending[0]?.id, reason: 'Not on orders.' }, tokens.admin);

    const page = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
    await openAdminPage(page, 'Grant requests');
    const rejected = page.getByRole('table', { name: 'Grant requests' }).getByRole('row').filter({ hasText: 'rejected' });
    await rejected.waitFor({ timeout: 10_000 });
    expect(await rejected.textContent()).toContain('rejected by Ada (cluster admin): Not on orders.');
    await expectPerson(rejected, 'Ada (cluster admin)', 'ada');

    await openAdminPage(page, 'Audit log');
    const audit = page.getByRole('table');
    const rejection = audit.getByRole('row').filter({ hasText: 'grant-request.reject' });
    await expectPerson(rejection, 'Ada (cluster admin)', 'ada');
    // The detail names the person who asked, not their id (kept in the cell's title).
    expect(await rejection.textContent()).toContain('requestedBy: Max (Acme member)');
    await expectPerson(audit.getByRole('row').filter({ hasText: 'flow.request-access' }), 'Max (Acme member)', 'max');
    expect(await audit.getByRole('time').first().textContent()).toMatch(studioTime);
    await page.close();
  }, 120_000);

  it('the flow list and the history name who saved and who deployed; the seed is the studio', async () => {
    await api('mutation', 'flows.create', { orgId: 'acme', name: 'Names in the list', graph: echoGraph });
    const flows = await api<Array<{ id: string; name: string; revision: number }>>('query', 'flows.list', { orgId: 'acme' });
    const pipeline = flows.find((f) => f.name === 'Order pipeline');
    expect(pipeline?.revision).toBe(1);
    const deployed = await api<{ status: string }>('mutation', 'flows.deploy', { id: pipeline?.id, revision: 1 });
    expect(deployed.status).toBe('deployed');

    const page = await openStudio(studio, tokens.member);
    const table = page.getByRole('table');
    await expectPerson(table.getByRole('row').filter({ hasText: 'Names in the list' }), 'Max (Acme member)', 'max');
    await expectPerson(table.getByRole('row').filter({ hasText: 'Order pipeline' }), 'Event Flows Studio (example)', 'seed');

    await table.getByRole('button', { name: 'Order pipeline', exact: true }).click();
    await page.getByRole('button', { name: 'History', exact: true }).click();
    const revision = page.getByRole('list', { name: 'Revisions' }).getByRole('listitem').filter({ hasText: 'Revision 1' });
    await expectPerson(revision, 'Event Flows Studio (example)', 'seed');
    await expectPerson(page.getByRole('table', { name: 'Deployments' }).getByRole('row').nth(1), 'Max (Acme member)', 'max');
    await page.close();

    // Someone else's save, while the flow is open, is announced by their name.
    const open = await openFlow(studio, tokens.member, 'Names in the list');
    const named = await api<{ id: string; revision: number; name: string; description: string; graph: unknown }>('query', 'flows.get', { id: flows.find((f) => f.name === 'Names in the list')?.id });
    await api('mutation', 'flows.save', { id: named.id, baseRevision: named.revision, name: named.name, description: 'Ada was here', graph: named.graph }, tokens.admin);
    const notice = open.getByRole('status').filter({ hasText: 'saved revision 2.' });
    await expectPerson(notice, 'Ada (cluster admin)', 'ada');
    await open.close();
  }, 120_000);
});
