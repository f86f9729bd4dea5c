/// <reference lib="dom" />
// The redrive permission as a member sees it, in Debian's Chromium against a server started as `pnpm start`
// starts it: without a redrive grant, the flow's dead letters show no redrive, replay or edit button, but a
// sentence saying who can give the permission; a cluster admin gives it on the Redrive grants page; then the
// member redrives a dead letter, and the run is listed with its result; the admin takes the permission back. At 1280×720, light and dark.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, studioForTests } from '../studioServer.ts';
import { callApi, openAdminPage, signIn, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) => callApi<T>(studio, token, kind, procedure, input);
const subscription = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
/** Where the screenshots of this test go, for a person to look at (not the README's). */
const shots = path.join(process.env.EFS_SCREENSHOT_DIR ?? path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.screenshots'), 'redrive-permission');

let flowId = '';

beforeAll(async () => {
  const [pipeline] = await api<Array<{ id: string; revision: number }>>('query', 'flows.list', { orgId: 'acme' });
  if (!pipeline) throw new Error('the server seeded no example flow');
  flowId = pipeline.id;
  expect((await api<{ status: string }>('mutation', 'flows.deploy', { id: pipeline.id, revision: pipeline.revision })).status).toBe('deployed');
  await api('mutation', 'runtime.sendTestMessage', { orgId: 'acme', connection: 'local', topic: 'orders', key: 'o-bad', value: 'not json at all' });
  await eventually('the malformed order in the DLQ', async () => (await api<{ records: unknown[] }>('query', 'runtime.dlq.peek', { ...subscription, limit: 10 })).records.length === 1, 60_000);
  // The demo gives its member the permission: taken back, so the member starts without it.
  await api('mutation', 'admin.redriveGrants.remove', { orgId: 'acme', userId: 'max' }, tokens.admin);
  mkdirSync(shots, { recursive: true });
}, 120_000);

/** The studio at `address` as the holder of `token`, at 1280×720 in `theme` (given to the page's script as the embedding option). */
async function studioAt(token: string, address: string, theme: 'light' | 'dark'): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.route('**/studio.js', async (route) => {
    const script = await (await route.fetch()).text();
    await route.fulfill({ contentType: 'text/javascript', body: script.replace("routing: 'hash' }", `routing: 'hash', theme: '${theme}' }`) });
  });
  await page.goto(`${studio.server.url}/`);
  await signIn(page, token);
  await page.goto(`${studio.server.url}/#${address}`);
  return page;
}

/** The member's view of the flow's dead letters, classify ← orders picked. */
async function deadLetters(theme: 'light' | 'dark'): Promise<Page> {
  const page = await studioAt(tokens.member, `/flows/${flowId}/dead-letters`, theme);
  await page.getByRole('heading', { name: 'Dead letters' }).waitFor({ timeout: 30_000 });
  await page.getByLabel('Subscription').selectOption({ label: 'acme/classify ← orders' });
  await page.getByRole('list', { name: 'Dead-letter records' }).waitFor({ timeout: 30_000 });
  return page;
}

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });

describe('the redrive permission', () => {
  it('hides redrive from a member without it, with who can give it, and shows it once a cluster admin has', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await deadLetters(theme);
      const note = page.getByTestId('redrive-refused');
      await note.waitFor({ timeout: 30_000 });
      expect(await note.textContent()).toBe('Redriving or replaying dead letters of acme needs the redrive permission, which you do not have: a cluster admin gives it on the Redrive grants page.');
      // No button that the server would refuse: neither bulk nor per record nor per group.
      for (const name of [/^Redrive/, /^Replay/, 'Edit and replay']) expect(await page.getByRole('button', { name }).count(), String(name)).toBe(0);
      expect(await page.getByRole('checkbox', { name: /^Pick record/ }).count()).toBe(0);
      await screenshot(page, `member-without-${theme}`);
      await page.close();
    }

    // A cluster admin gives it on the admin page.
    for (const theme of ['light', 'dark'] as const) {
      const admin = await studioAt(tokens.admin, '/flows', theme);
      await openAdminPage(admin, 'Redrive grants');
      await admin.getByRole('heading', { name: 'Redrive grants' }).waitFor();
      if (theme === 'light') {
        await admin.getByLabel('Org').selectOption({ label: 'Acme Analytics' });
        // The org's people are offered by name, their user id beside it; the cluster admin is not offered.
        const person = admin.getByLabel('Person');
        await person.getByRole('option', { name: 'Max (Acme member) · max' }).waitFor({ state: 'attached' });
        expect(await person.getByRole('option', { name: /^Ada \(cluster admin\)/ }).isDisabled()).toBe(true);
        await person.selectOption({ label: 'Max (Acme member) · max' });
        await admin.getByRole('button', { name: 'Give permission' }).click();
        await admin.getByText('Max (Acme member) may now redrive the dead letters of Acme Analytics.').waitFor();
      }
      await admin.getByRole('table', { name: 'Who may redrive dead letters' }).getByText('max', { exact: false }).first().waitFor();
      await screenshot(admin, `admin-page-${theme}`);
      await admin.close();
    }
    const [entry] = await api<Array<{ actor: string; target: string }>>('query', 'admin.audit', { action: 'redrive-grant.add', limit: 1 }, tokens.admin);
    expect(entry).toMatchObject({ actor: 'ada', target: 'acme max' });

    // With it, the member redrives the dead letter and sees the run among the earlier ones.
    const page = await deadLetters('light');
    expect(await page.getByTestId('redrive-refused').count()).toBe(0);
    await page.getByRole('button', { name: 'Redrive all…' }).click();
    await page.getByRole('button', { name: 'Start redrive' }).click();
    await page.getByRole('region', { name: 'Redrive' }).getByText(/^Redrove 1 record to orders/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'member-with-light');
    await page.close();
    const again = await deadLetters('dark');
    await again.getByRole('region', { name: 'Earlier redrives' }).getByText(/^Done: 1 record redriven to orders by max/).waitFor({ timeout: 30_000 });
    await screenshot(again, 'member-with-dark');
    await again.close();

    // The cluster admin takes it back: the row goes, and the note names the person as giving did.
    const admin = await studioAt(tokens.admin, '/flows', 'light');
    await openAdminPage(admin, 'Redrive grants');
    const grants = admin.getByRole('table', { name: 'Who may redrive dead letters' });
    await grants.getByText('Max (Acme member)').first().waitFor();
    await grants.getByRole('row', { name: /Max \(Acme member\)/ }).getByRole('button', { name: /^Take back/ }).click();
    await admin.getByText(/may no longer redrive/).or(admin.getByRole('alert')).first().waitFor();
    expect(await admin.getByRole('alert').allTextContents()).toEqual([]);
    await admin.getByText('Max (Acme member) may no longer redrive the dead letters of Acme Analytics.').waitFor();
    await admin.getByText('No one besides cluster admins may redrive').waitFor();
    await screenshot(admin, 'admin-taken-back-light');
    await admin.close();
    const [taken] = await api<Array<{ actor: string; target: string; result: string }>>('query', 'admin.audit', { action: 'redrive-grant.remove', limit: 1 }, tokens.admin);
    expect(taken).toMatchObject({ actor: 'ada', target: 'acme max', result: 'ok' });
  }, 180_000);
});
