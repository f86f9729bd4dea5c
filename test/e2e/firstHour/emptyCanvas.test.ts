/// <reference lib="dom" />
// A new member's first flow, in Debian's Chromium against a server started as `pnpm start` starts it,
// on a fresh data directory whose broker has no topics: from an empty canvas the member makes the
// topics the flow needs, connects an algorithm to them, deploys (a cluster admin approving the grant
// requests the first deploy files) and sees a test message go through. Nothing uses the example flow.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eventually, studioForTests } from '../studioServer.ts';
import { callApi, connect, handle, nodeIds, openStudio, readmeScreenshot, readmeWindow, showWholeFlow, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

/** Runs `act` and returns the id of the node it added to the canvas. */
async function newNode(page: Page, what: string, act: () => Promise<void>): Promise<string> {
  const before = new Set(await nodeIds(page));
  await act();
  return eventually(`a node for ${what}`, async () => (await nodeIds(page)).find((id) => !before.has(id)), 10_000);
}

/** The id of the topic node showing `topic`. */
const topicNode = (page: Page, topic: string) =>
  eventually(`the node of ${topic}`, async () => {
    const node = page.locator('.react-flow__node').filter({ has: page.getByText(topic, { exact: true }) });
    return (await node.count()) === 1 ? ((await node.getAttribute('data-id')) ?? undefined) : undefined;
  }, 10_000);

/** A binding's counter in the live status table, 0 until it shows. */
const counter = (page: Page, binding: string, name: string) => async () =>
  Number(await page.locator(`table[aria-label="Live status"] tr[data-binding="${binding}"] [data-counter="${name}"]`).textContent({ timeout: 1_000 }).catch(() => '0'));

describe('a member on a fresh installation', () => {
  it('goes from an empty canvas to payments → classify → payments.classified with a DLQ, deployed, and a message counted', async () => {
    const member = await openStudio(studio, tokens.member);
    await member.getByLabel('New flow name').fill('Payments');
    await member.getByRole('button', { name: 'Create flow' }).click();
    await member.getByRole('toolbar', { name: 'Flow actions' }).getByRole('heading', { name: 'Payments' }).waitFor({ timeout: 30_000 });
    expect(await nodeIds(member)).toEqual([]);
    const palette = member.getByRole('region', { name: 'Palette' });

    // 1. A name the palette does not know is offered for creation, with the connection's defaults.
    await palette.getByRole('searchbox').fill('payments');
    const create = palette.getByRole('button', { name: /^Create topic “payments” on / });
    await create.waitFor({ timeout: 10_000 });
    expect(await palette.getByText(/Nothing matches/).count()).toBe(0);
    await create.click();
    const form = palette.getByRole('form', { name: 'New topic' });
    expect(await form.getByLabel('Partitions').inputValue()).toBe('1');
    expect(await form.getByLabel('Replication factor').inputValue()).toBe('1');
    expect(await form.getByLabel('Retention (hours)').inputValue()).toBe('168');
    const payments = await newNode(member, 'payments', () => form.getByRole('button', { name: 'Add topic' }).click());

    // 2. "New topic" asks for a name; a bad one is refused with a sentence.
    await palette.getByRole('button', { name: 'New topic' }).click();
    await form.getByLabel('Topic name').fill('payments classified');
    await form.getByRole('button', { name: 'Add topic' }).click();
    expect(await form.getByRole('alert').textContent()).toContain('is not a legal Kafka topic name');
    await form.getByLabel('Topic name').fill('payments.classified');
    const classified = await newNode(member, 'payments.classified', () => form.getByRole('button', { name: 'Add topic' }).click());

    // 3. The algorithm, from the palette onto the canvas, right of the topics.
    const pane = member.locator('.react-flow__pane');
    const box = await pane.boundingBox();
    if (!box) throw new Error('the canvas pane is not visible');
    const classify = await newNode(member, 'classify', () =>
      palette.getByRole('button', { name: /^Add algorithm classify/ }).dragTo(pane, { targetPosition: { x: box.width * 0.8, y: box.height * 0.15 } }),
    );

    // 4. Subscribe and publish edges drawn with the pointer; the DLQ topic and edge made from the algorithm.
    await connect(member, handle(member, payments, 'out'), handle(member, classify, 'subscribe'), 'subscribe');
    await connect(member, handle(member, classify, 'publish'), handle(member, classified, 'in'), 'publish');
    await member.locator(`.react-flow__node[data-id="${classify}"]`).click();
    const dlqEdges = () => member.locator('.react-flow__edge-path.efs-edge--dlq').count();
    expect(await dlqEdges()).toBe(0);
    const inspector = member.getByRole('region', { name: 'Inspector' });
    await inspector.getByRole('button', { name: 'New DLQ topic' }).click();
    await inspector.getByRole('form', { name: 'New topic' }).getByLabel('Topic name').fill('payments.dlq');
    const dlq = await newNode(member, 'payments.dlq', () => inspector.getByRole('form', { name: 'New topic' }).getByRole('button', { name: 'Add topic' }).click());
    await expect.poll(dlqEdges).toBeGreaterThan(0);
    expect(await topicNode(member, 'payments.dlq')).toBe(dlq);

    // Laid out left to right in message order, as a person tidies a new flow before saving it.
    await member.getByRole('button', { name: 'Arrange' }).click();
    // The layout runs in a Web Worker that the built plugin loads from beside itself: it starts and finishes.
    await expect.poll(() => member.getByText(/^Arranging/).count()).toBe(0);
    expect(await member.getByText(/^Could not arrange/).count()).toBe(0);

    // The only errors are the grants a cluster admin has to give; creating the topics is not refused.
    const problems = member.locator('.efs-problems__item[data-severity="error"]');
    await expect.poll(async () => (await problems.allTextContents()).map((t) => /access-not-granted|topic-creation-not-granted/.exec(t)?.[0] ?? t).sort()).toEqual([
      'access-not-granted',
      'access-not-granted',
      'access-not-granted',
    ]);

    // 5. Review plan saves; the plan creates the three topics and is blocked on the grants; the member asks for them.
    await member.getByRole('button', { name: 'Review plan' }).click();
    const panel = member.getByRole('complementary', { name: 'Flow panel' });
    for (const topic of ['payments', 'payments.classified', 'payments.dlq']) {
      await panel.getByText(new RegExp(`[Cc]reate topic "?${topic.replace('.', '\\.')}"?\\b`)).first().waitFor({ timeout: 30_000 });
    }
    await panel.getByRole('button', { name: 'Request access' }).first().click();
    await panel.getByRole('status').filter({ hasText: 'Access requested: 3 grant requests filed' }).waitFor({ timeout: 30_000 });

    // 6. A cluster admin approves the three requests (through the API).
    const pending = (await api('query', 'admin.grantRequests.list', { status: 'pending' }, 'demo-admin-token')) as Array<{ id: number; topic: string }>;
    expect(pending.map((r) => r.topic).sort()).toEqual(['payments', 'payments.classified', 'payments.dlq']);
    for (const request of pending) await api('mutation', 'admin.grantRequests.approve', { id: request.id }, 'demo-admin-token');

    // 7. The member plans again and deploys.
    await panel.getByRole('button', { name: 'Plan again' }).click();
    const deploy = panel.getByRole('button', { name: 'Deploy', exact: true });
    await expect.poll(() => deploy.isEnabled(), { timeout: 30_000 }).toBe(true);
    await deploy.click();
    await panel.getByRole('status').filter({ hasText: /Deployed revision \d+/ }).waitFor({ timeout: 60_000 });

    // 8. A test message to payments is consumed by classify and its result published.
    await member.getByRole('button', { name: 'Close panel' }).click();
    await member.getByRole('button', { name: 'Send test message' }).click();
    await panel.getByLabel('Topic').selectOption({ label: 'payments (Embedded Kafka)' });
    await panel.getByLabel('Value').fill('{"amount":5000}');
    await panel.getByRole('button', { name: 'Send', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: 'Sent to partition' }).waitFor({ timeout: 30_000 });
    await expect.poll(counter(member, 'acme/classify payments', 'consumed'), { timeout: 60_000 }).toBe(1);
    await expect.poll(counter(member, 'acme/classify payments', 'published'), { timeout: 60_000 }).toBe(1);
    // Notices clear themselves ("Saved revision 2." goes after a few seconds).
    await member.locator('.efs-app__notice').waitFor({ state: 'detached', timeout: 15_000 });
    // The README's first screenshot: the member's first flow, deployed, with its live status; then the same in the dark theme.
    await member.setViewportSize(readmeWindow);
    await showWholeFlow(member);
    await readmeScreenshot(member, 'canvas-live-status');
    await member.getByLabel('Theme').selectOption('dark');
    await member.locator('.efs-app[data-theme="dark"]').waitFor();
    await readmeScreenshot(member, 'canvas-live-status-dark');

    // Nothing came from the example flow: it was never opened, deployed or changed.
    const flows = (await api('query', 'flows.list', { orgId: 'acme' }, 'demo-member-token')) as Array<{ name: string; revision: number }>;
    expect(flows.find((f) => f.name === 'Order pipeline')?.revision).toBe(1);
    await member.close();
  }, 240_000);
});
