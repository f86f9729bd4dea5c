// Adopt and "leave alone" in a real Chromium against `pnpm start`'s server, on a broker this test
// starts (so it can count the requests the broker serves): topics and ACLs made by a plain kafkajs
// admin client (not by the studio) are chosen on the Discover page and adopted into a new flow, then
// one more topic into that existing flow; the flow shows them on its canvas, and deploying it sends
// not one CreateTopics or CreateAcls; a second plan has nothing to do. An admin leaves a topic alone,
// finds it under its own status after a reload (the filter is in the address), and proposes it again.
import { startBroker, type RunningBroker } from '@event-flows/broker';
import kafkajs from 'kafkajs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStudio, tokens } from './studioPages.ts';
import { eventually, launchChromium, startStudioServer, type Studio } from './studioServer.ts';

const { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes, logLevel } = kafkajs;

const adminPassword = 'e2e-admin-secret';
const classify = 'User:eventflows.acme.classify';
const mutating = ['CreateTopics', 'CreateAcls', 'DeleteAcls', 'CreatePartitions', 'DeleteTopics'];

let broker: RunningBroker;
const studio = {} as Studio;

const mutatingCounts = () => {
  const counts = broker.requestCounts();
  return Object.fromEntries(mutating.map((name) => [name, counts[name] ?? 0]));
};

const acl = (principal: string, resourceType: number, resourceName: string, operation: number) => ({
  resourceType,
  resourceName,
  resourcePatternType: ResourcePatternTypes.LITERAL,
  principal,
  host: '*',
  operation,
  permissionType: AclPermissionTypes.ALLOW,
});

beforeAll(async () => {
  broker = await startBroker({ port: 0, saslUsers: { admin: adminPassword }, superUsers: ['admin'], log: () => undefined });
  // What ran before the studio: classify reads payments (with its group) and writes scores; ops reads payments.
  const admin = new Kafka({ clientId: 'outsider', brokers: [broker.address], sasl: { mechanism: 'plain', username: 'admin', password: adminPassword }, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: ['legacy.payments', 'legacy.scores', 'legacy.audit', 'legacy.noise'].map((topic) => ({ topic, numPartitions: 2 })) });
    await admin.createAcls({
      acl: [
        acl(classify, AclResourceTypes.TOPIC, 'legacy.payments', AclOperationTypes.READ),
        acl(classify, AclResourceTypes.GROUP, 'eventflows.acme.classify.legacy.payments', AclOperationTypes.READ),
        acl(classify, AclResourceTypes.TOPIC, 'legacy.scores', AclOperationTypes.WRITE),
        acl('User:ops', AclResourceTypes.TOPIC, 'legacy.payments', AclOperationTypes.READ),
      ],
    });
  } finally {
    await admin.disconnect();
  }
  const [server, browser] = await Promise.all([startStudioServer({ kafka: { address: broker.address, adminPassword } }), launchChromium()]);
  Object.assign(studio, { server, browser });
}, 90_000);

afterAll(async () => {
  await studio.browser?.close();
  await studio.server?.stop();
  await broker?.close();
}, 30_000);

async function openDiscover(): Promise<Page> {
  const page = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
  await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Discover' }).click();
  await page.getByRole('table', { name: 'Topics' }).waitFor({ timeout: 30_000 });
  return page;
}

describe('adopting from the Discover page', () => {
  it('adopts chosen principals and topics into a flow that deploys without creating anything', async () => {
    const page = await openDiscover();
    // A topic no flow manages can be chosen.
    await page.getByRole('checkbox', { name: 'Choose legacy.payments' }).check();

    await page.getByRole('tab', { name: 'ACLs' }).click();
    await page.getByRole('table', { name: 'ACLs by principal' }).waitFor();
    await page.getByRole('checkbox', { name: `Choose ${classify}` }).check();
    await page.getByRole('checkbox', { name: 'Choose User:ops' }).check();
    const chosen = page.getByRole('group', { name: 'Chosen items' });
    expect(await chosen.locator('span').first().textContent()).toBe('1 topic and 2 principals chosen');
    await chosen.getByRole('button', { name: 'Adopt into flow… (3)' }).click();

    await page.getByRole('dialog', { name: 'Adopt 1 topic and 2 principals into a flow' }).waitFor();
    // Once adopted, the dialog is titled "Adopted".
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Flow name').fill('Legacy payments');
    // Kafka does not know the version: it starts at the newest published one, and a person chooses another.
    const version = dialog.getByLabel('acme/classify', { exact: true });
    await expect.poll(() => version.inputValue(), { timeout: 30_000 }).toBe('1.2.0');
    expect(await version.locator('option').allTextContents()).toEqual(['1.2.0', '1.1.0', '1.0.0']);
    await version.selectOption('1.1.0');
    await dialog.getByRole('button', { name: 'Adopt', exact: true }).click();
    await dialog.getByRole('status').filter({ hasText: 'Added 3 nodes and 2 edges to Legacy payments (revision 1).' }).waitFor({ timeout: 30_000 });
    expect(await dialog.getByRole('list', { name: 'Left out' }).textContent()).toBe('User:ops: does not follow the naming template User:{prefix}.{org}.{algorithm}');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await chosen.textContent()).toContain('Choose unmanaged principals');
    // Until the flow is deployed, what was adopted says so, with a link to the flow.
    const adoptedRow = page.getByRole('table', { name: 'ACLs by principal' }).getByRole('row').filter({ hasText: classify });
    await expect.poll(() => adoptedRow.getByRole('cell').nth(1).textContent(), { timeout: 30_000 }).toBe('adopted · not deployed into Legacy payments');
    expect(await adoptedRow.getByRole('button', { name: 'Legacy payments' }).count()).toBe(1);

    // One more topic, into the flow just made.
    await page.getByRole('tab', { name: 'Topics' }).click();
    await page.getByRole('checkbox', { name: 'Choose legacy.audit' }).check();
    await chosen.getByRole('button', { name: 'Adopt into flow… (1)' }).click();
    await page.getByRole('dialog', { name: 'Adopt 1 topic into a flow' }).waitFor();
    const more = page.getByRole('dialog');
    await more.getByLabel('an existing flow of Acme Analytics').check();
    await more.getByLabel('Flow', { exact: true }).selectOption({ label: 'Legacy payments (revision 1)' });
    await more.getByRole('button', { name: 'Adopt', exact: true }).click();
    await more.getByRole('status').filter({ hasText: 'Added 1 node and 0 edges to Legacy payments (revision 2).' }).waitFor({ timeout: 30_000 });
    await more.getByRole('button', { name: 'Open the flow' }).click();

    // The canvas shows what was adopted: three topics marked as existing, the algorithm, two edges.
    await page.getByRole('toolbar', { name: 'Flow actions' }).getByRole('heading', { name: 'Legacy payments' }).waitFor({ timeout: 30_000 });
    const topicNodes = page.locator('.react-flow__node .efs-node--topic');
    await expect.poll(() => topicNodes.count(), { timeout: 30_000 }).toBe(3);
    expect((await topicNodes.locator('.efs-node__title').allTextContents()).sort()).toEqual(['legacy.audit', 'legacy.payments', 'legacy.scores']);
    expect(await topicNodes.filter({ hasText: 'existing · adopted' }).count()).toBe(3);
    expect(await page.locator('.react-flow__node .efs-node--algorithm').count()).toBe(1);
    expect(await page.locator('.react-flow__node .efs-node--algorithm').textContent()).toContain('1.1.0');
    expect(await page.locator('.react-flow__edge').count()).toBe(2);

    // Deploying takes over what exists: the broker serves no request that creates or deletes anything.
    const before = mutatingCounts();
    await page.getByRole('button', { name: 'Review plan' }).click();
    const panel = page.getByRole('complementary', { name: 'Flow panel' });
    expect(await panel.locator('.efs-plan__summary').textContent({ timeout: 30_000 })).toMatch(/3 topics to adopt, 3 ACLs to adopt/);
    await panel.getByRole('button', { name: 'Deploy', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: /Deployed revision 2/ }).waitFor({ timeout: 60_000 });
    expect(mutatingCounts()).toEqual(before);

    // A second plan has nothing to do.
    await page.getByRole('button', { name: 'Close panel' }).click();
    await page.getByRole('button', { name: 'Review plan' }).click();
    await eventually('an empty plan', async () => (await panel.locator('.efs-plan__summary').textContent()) === 'Nothing to change: Kafka already matches this flow.');
    expect(mutatingCounts()).toEqual(before);

    // Discover now shows them managed by the flow; a managed item cannot be chosen, and says why.
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Discover' }).click();
    const payments = page.getByRole('table', { name: 'Topics' }).getByRole('row').filter({ hasText: 'legacy.payments' });
    await expect.poll(() => payments.getByRole('cell').nth(3).textContent(), { timeout: 30_000 }).toBe('Legacy payments');
    expect(await payments.getByRole('checkbox').isDisabled()).toBe(true);
    expect(await payments.getByRole('cell').first().getAttribute('title')).toBe('A flow manages it already: there is nothing to adopt or leave alone.');
    await page.close();
  }, 180_000);

  it('leaves a topic alone, keeps the filter over a reload, and proposes it again', async () => {
    const page = await openDiscover();
    await page.getByRole('checkbox', { name: 'Choose legacy.noise' }).check();
    await page.getByRole('group', { name: 'Chosen items' }).getByRole('button', { name: 'Leave alone (1)' }).click();
    await page.getByRole('status').filter({ hasText: 'Left 1 topic alone' }).waitFor({ timeout: 30_000 });
    const noise = page.getByRole('table', { name: 'Topics' }).getByRole('row').filter({ hasText: 'legacy.noise' });
    await expect.poll(() => noise.getByRole('cell').nth(1).textContent(), { timeout: 30_000 }).toBe('left alone by ada');

    await page.getByLabel('Status').selectOption('left-alone');
    await page.getByLabel('Name contains').fill('legacy');
    await expect.poll(() => page.url()).toContain('#/admin/discover?search=legacy&status=left-alone');
    await page.reload();
    await page.getByLabel('Bearer token').or(page.getByRole('navigation', { name: 'Studio' })).first().waitFor({ timeout: 30_000 });
    if (await page.getByLabel('Bearer token').isVisible()) {
      await page.getByLabel('Bearer token').fill(tokens.admin);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    const rows = page.getByRole('table', { name: 'Topics' }).getByRole('row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    expect(await rows.nth(1).getByRole('rowheader').textContent()).toBe('legacy.noise');
    expect(await page.getByLabel('Status').inputValue()).toBe('left-alone');
    expect(await page.getByLabel('Name contains').inputValue()).toBe('legacy');

    await rows.nth(1).getByRole('checkbox').check();
    await page.getByRole('group', { name: 'Chosen items' }).getByRole('button', { name: 'Propose again (1)' }).click();
    await page.getByText('Nothing matches.').waitFor({ timeout: 30_000 });
    await page.getByLabel('Status').selectOption('unmanaged');
    await expect.poll(() => page.getByRole('table', { name: 'Topics' }).getByRole('rowheader').allTextContents(), { timeout: 30_000 }).toEqual(['legacy.noise']);
    await page.close();
  }, 120_000);
});
