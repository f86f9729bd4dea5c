// Discover in a real Chromium against `pnpm start`'s server: a topic, an ACL and a consumer group made
// by a plain kafkajs client (not by the studio) show on the admin's Discover page as unmanaged, and the
// page narrows by name and status.
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStudio, signIn, tokens } from './studioPages.ts';
import { kafkaAdmin, studioForTests } from './studioServer.ts';

const studio = studioForTests();

// Registered after studioForTests' own: Vitest runs beforeAll hooks in order, so the studio is up.
beforeAll(async () => {
  const admin = await kafkaAdmin(studio.server, 'outsider');
  try {
    await admin.createTopics({ topics: [{ topic: 'legacy.payments', numPartitions: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }] });
    await admin.createAcls({
      acl: [
        {
          resourceType: AclResourceTypes.TOPIC,
          resourceName: 'legacy.payments',
          resourcePatternType: ResourcePatternTypes.LITERAL,
          principal: 'User:ops',
          host: '*',
          operation: AclOperationTypes.READ,
          permissionType: AclPermissionTypes.ALLOW,
        },
      ],
    });
  } finally {
    await admin.disconnect();
  }
}, 60_000);

describe('the Discover page', () => {
  it("shows what the studio did not make as unmanaged, narrowed by name and status", async () => {
    const page = await openStudio(studio, tokens.admin);
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Discover' }).click();
    const topics = page.getByRole('table', { name: 'Topics' });
    const legacy = topics.getByRole('row').filter({ hasText: 'legacy.payments' });
    await legacy.waitFor({ timeout: 30_000 });
    expect(await legacy.getByRole('cell').allTextContents()).toEqual(['', 'unmanaged', '3 partitions · replication 1 · retention.ms=86400000', 'no flow']);

    await page.getByLabel('Name contains').fill('legacy');
    await expect.poll(() => topics.getByRole('row').count()).toBe(2);
    await page.getByLabel('Status').selectOption('managed');
    await page.getByText('Nothing matches.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Name contains').fill('');

    await page.getByRole('tablist', { name: 'What to list' }).getByRole('tab', { name: 'ACLs' }).click();
    const ops = page.getByRole('table', { name: 'ACLs by principal' }).getByRole('row').filter({ hasText: 'User:ops' });
    await ops.waitFor();
    expect(await ops.getByRole('list', { name: 'ACLs of User:ops' }).textContent()).toBe('allow read on topic legacy.payments (unmanaged)');
    await page.close();
  }, 120_000);

  it('keeps the list shown, chosen with the keyboard, over a reload and Back', async () => {
    const page = await openStudio(studio, tokens.admin);
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Discover' }).click();
    await page.getByRole('table', { name: 'Topics' }).waitFor({ timeout: 30_000 });
    const lists = page.getByRole('tablist', { name: 'What to list' });
    await lists.getByRole('tab', { name: 'Topics' }).press('End');
    expect(await lists.getByRole('tab', { name: 'Consumer groups' }).getAttribute('aria-selected')).toBe('true');
    await lists.getByRole('tab', { name: 'Consumer groups' }).press('ArrowLeft');
    await page.getByRole('tabpanel', { name: 'ACLs' }).getByRole('table', { name: 'ACLs by principal' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.url()).toContain('#/admin/discover?show=acls');

    await page.reload();
    await page.getByLabel('Bearer token').or(page.getByRole('navigation', { name: 'Studio' })).first().waitFor({ timeout: 30_000 });
    if (await page.getByLabel('Bearer token').isVisible()) await signIn(page, tokens.admin);
    await page.getByRole('tabpanel', { name: 'ACLs' }).getByRole('table', { name: 'ACLs by principal' }).waitFor({ timeout: 30_000 });
    expect(await lists.getByRole('tab', { name: 'ACLs' }).getAttribute('aria-selected')).toBe('true');

    // Another page, then Back: Discover opens again on the list it showed.
    await page.evaluate(() => {
      location.hash = '#/flows';
    });
    await page.getByRole('table', { name: 'ACLs by principal' }).waitFor({ state: 'detached' });
    await page.goBack();
    await page.getByRole('tabpanel', { name: 'ACLs' }).getByRole('table', { name: 'ACLs by principal' }).waitFor({ timeout: 30_000 });
    expect(await lists.getByRole('tab', { name: 'ACLs' }).getAttribute('aria-selected')).toBe('true');
    await page.close();
  }, 120_000);

  it('is open to members, showing only what their org is granted, with adopt but not leave-alone', async () => {
    const page = await openStudio(studio, tokens.member);
    const nav = page.getByRole('navigation', { name: 'Studio' });
    // A member's navigation has Discover and the platform's listeners, not the cluster admin's pages.
    expect(await nav.getByRole('button').allTextContents()).toEqual(['Flows', 'Discover', 'Platform listeners']);
    await nav.getByRole('button', { name: 'Discover' }).click();
    await page.getByText('Choose unmanaged topics to adopt them into a flow of your org.').waitFor({ timeout: 30_000 });
    await page.getByText(/\d+ managed · \d+ unmanaged/).waitFor({ timeout: 30_000 });
    // legacy.payments is granted to no algorithm of the member's org: the server leaves it out.
    expect(await page.getByRole('main').textContent()).not.toContain('legacy.payments');
    expect(await page.getByRole('button', { name: /^Leave alone/ }).count()).toBe(0);
    await page.close();
  }, 120_000);
});
