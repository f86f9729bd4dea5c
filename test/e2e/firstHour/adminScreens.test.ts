/// <reference lib="dom" />
// Parts of this file run in the page (Playwright evaluates them in Chromium), so they use the DOM types.
// The admin screens of the studio served at `/` by a server started as `pnpm start` starts it: a
// connection is added, limited, renamed and (not) deleted from its forms, and pending grant requests
// show in the navigation with the flow that asked.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openAdminPage, openStudio, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.admin) =>
  callApi<T>(studio, token, kind, procedure, input);

interface ConnectionRow {
  id: string;
  name: string;
  auth: { mechanism: string; username?: string };
  tls: { enabled: boolean; hasCaCertificate: boolean };
  hasPassword: boolean;
  memberTopicLimits?: { partitions: number };
}
const connection = async (id: string) => (await api<ConnectionRow[]>('query', 'admin.connections.list', undefined)).find((c) => c.id === id);

/** Everything the studio shows, from inside its shadow root. */
const studioText = (page: Page) => page.evaluate(() => document.querySelector('.efs-plugin-host')?.shadowRoot?.textContent ?? '');

/** The sentence a field points at with `aria-describedby`. */
const problemBeside = (page: Page, field: ReturnType<Page['getByLabel']>) =>
  field.evaluate((input) => {
    const id = input.getAttribute('aria-describedby') ?? '';
    return (input.getRootNode() as ShadowRoot).getElementById(id)?.textContent ?? '';
  });

describe('the admin screens', () => {
  it('add a SASL connection over TLS, limit members on it, rename it keeping its secrets, and refuse a delete while grants use one', async () => {
    const page = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
    await openAdminPage(page, 'Connections');
    const add = page.getByRole('form', { name: 'Add a connection' });
    await add.getByLabel('Id', { exact: false }).fill('eu');
    await add.getByLabel('Name', { exact: true }).fill('Kafka EU');
    await add.getByLabel('Bootstrap servers', { exact: false }).fill('kafka');
    await add.getByLabel('Authentication').selectOption('scram-sha-512');
    await add.getByLabel('User name').fill('studio');
    await add.getByLabel('Password').fill('s3cret');
    await add.getByLabel('Use TLS').check();
    await add.getByLabel('CA certificate', { exact: false }).fill('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    await add.getByRole('button', { name: 'Add connection' }).click();
    expect(await problemBeside(page, add.getByLabel('Bootstrap servers', { exact: false }))).toBe('“kafka” is not host:port (for example kafka-1.example.com:9092).');
    expect(await connection('eu')).toBeUndefined();

    await add.getByLabel('Bootstrap servers', { exact: false }).fill('127.0.0.1:1');
    await add.getByRole('button', { name: 'Add connection' }).click();
    await page.getByRole('table', { name: 'Connections' }).getByText('Kafka EU').waitFor();
    expect(await connection('eu')).toMatchObject({ auth: { mechanism: 'scram-sha-512', username: 'studio' }, tls: { enabled: true, hasCaCertificate: true }, hasPassword: true });

    await page.getByRole('button', { name: 'Member limits and guardrails of eu' }).click();
    const limits = page.getByRole('form', { name: 'Member topic limits on Kafka EU' });
    await limits.getByLabel('Most partitions').fill('999999');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    expect(await problemBeside(page, limits.getByLabel('Most partitions'))).toBe('Most partitions is a whole number from 1 to 10000.');
    await limits.getByLabel('Most partitions').fill('48');
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await limits.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect((await connection('eu'))?.memberTopicLimits).toMatchObject({ partitions: 48 });

    await page.getByRole('button', { name: 'Edit connection eu' }).click();
    const edit = page.getByRole('form', { name: 'Edit Kafka EU' });
    await edit.getByLabel('Name', { exact: true }).fill('Kafka Europe');
    await edit.getByRole('button', { name: 'Save connection' }).click();
    await edit.getByRole('status').filter({ hasText: 'Saved Kafka Europe.' }).waitFor();
    // Neither secret was sent back, and both are kept; so are the member limits.
    expect(await connection('eu')).toMatchObject({ name: 'Kafka Europe', hasPassword: true, tls: { hasCaCertificate: true }, memberTopicLimits: { partitions: 48 } });

    await page.getByRole('button', { name: 'Edit connection local' }).click();
    const local = page.getByRole('form', { name: /^Edit / });
    await local.getByRole('button', { name: 'Delete connection…' }).click();
    await local.getByRole('button', { name: /^Delete (?!connection)/ }).click();
    await expect.poll(() => local.getByRole('alert').textContent()).toMatch(/^Grants on "Embedded Kafka" would be deleted with it: \d+ grants \(.+\)\. Revoke them first\.$/);
    expect(await connection('local')).toBeDefined();
    expect(await studioText(page)).not.toMatch(/\[\{|"code"/);
    await page.close();
  }, 120_000);

  it('counts pending grant requests in the navigation, and each row says which flow asked, who and when', async () => {
    const graph = {
      nodes: [
        { id: 't1', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
        { id: 'a1', kind: 'algorithm', position: { x: 300, y: 0 }, algorithm: 'acme/echo', version: '1.0.0' },
        { id: 't2', kind: 'topic', position: { x: 600, y: 0 }, connection: 'local', topic: 'fraud.alerts', create: { partitions: 1, replicationFactor: 1, config: {} } },
      ],
      edges: [
        { id: 'e1', kind: 'subscribe', source: 't1', target: 'a1' },
        { id: 'e2', kind: 'publish', source: 'a1', target: 't2' },
      ],
    };
    const flow = await api<{ id: string }>('mutation', 'flows.create', { orgId: 'acme', name: 'Fraud checks', description: '', graph }, tokens.member);
    const deployed = await api<{ status: string }>('mutation', 'flows.deploy', { id: flow.id, revision: 1 }, tokens.member);
    expect(deployed.status).toBe('needs-grants');
    const pending = (await api<Array<{ status: string }>>('query', 'admin.grantRequests.list', { status: 'pending' })).length;
    expect(pending).toBeGreaterThan(0);

    const page = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
    // The count shows on "Admin" in the header, and again on Grant requests in the admin pages' row.
    const nav = page.getByRole('navigation', { name: 'Studio' });
    await nav.getByRole('button', { name: `Admin ${pending} pending`, exact: true }).click();
    const adminRow = page.getByRole('navigation', { name: 'Admin' });
    await adminRow.getByRole('button', { name: `Grant requests ${pending} pending`, exact: true }).click();
    const row = page.getByRole('table', { name: 'Grant requests' }).getByRole('row').filter({ hasText: 'acme/echo publish fraud.alerts' });
    await expect.poll(() => row.textContent()).toMatch(/Fraud checks \(acme\)\s*Max \(Acme member\)\s*\d{1,2} \w{3} \d{4}, \d\d:\d\d\s*pending/);

    await page.getByRole('button', { name: 'Approve acme/echo publish fraud.alerts' }).click();
    const fewer = pending - 1;
    await nav.getByRole('button', { name: fewer === 0 ? 'Admin' : `Admin ${fewer} pending`, exact: true }).waitFor({ timeout: 30_000 });
    await adminRow.getByRole('button', { name: fewer === 0 ? 'Grant requests' : `Grant requests ${fewer} pending`, exact: true }).waitFor();
    await page.close();
  }, 120_000);
});
