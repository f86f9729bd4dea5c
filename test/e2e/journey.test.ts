/// <reference lib="dom" />
// The product's end-to-end journey in Debian's Chromium against a server started as `pnpm start` starts it:
// a member builds, fixes, deploys and exercises a flow; an admin approves the member's grant request; the
// host page's Events tab disables the binding, and the broker's ACLs are checked with a real kafkajs admin.
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventually, kafkaAdmin, studioForTests } from './studioServer.ts';
import { connect, handle, nodeIds, openAdminPage, showWholeFlow, signIn } from './studioPages.ts';

const principal = 'User:eventflows.acme.classify';

const studio = studioForTests();

// Registered after studioForTests' own: Vitest runs beforeAll hooks in order, so the studio is up.
beforeAll(async () => {
  // The cluster's existing topics, which the palette offers (a fresh embedded broker has none).
  const admin = await kafkaAdmin(studio.server, 'e2e-journey');
  try {
    await admin.createTopics({ topics: ['orders', 'orders.classified', 'orders.dlq', 'orders.echo'].map((topic) => ({ topic, numPartitions: 1 })) });
  } finally {
    await admin.disconnect();
  }
}, 90_000);

/** Opens `path` on the server in a desktop-sized page. */
async function open(at: string): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${studio.server.url}${at}`);
  return page;
}

/** Drags a palette item onto the canvas at a fraction of the pane's size, and returns the new node's id. */
async function dropFromPalette(page: Page, item: RegExp, at: { x: number; y: number }): Promise<string> {
  const before = new Set(await nodeIds(page));
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  if (!box) throw new Error('the canvas pane is not visible');
  const source = page.getByRole('button', { name: item });
  if ((await source.count()) === 0) {
    const offered = await page.getByRole('region', { name: 'Palette' }).getByRole('button').allTextContents();
    throw new Error(`the palette offers no ${String(item)}; it offers ${offered.join(', ')}`);
  }
  await source.dragTo(pane, { targetPosition: { x: box.width * at.x, y: box.height * at.y } });
  return eventually(`a node for ${String(item)}`, async () => (await nodeIds(page)).find((id) => !before.has(id)), 10_000);
}


/** The ACLs the broker holds for classify's principal on a topic. */
async function aclsOn(topic: string): Promise<{ operation: number; permissionType: number }[]> {
  const admin = await kafkaAdmin(studio.server, 'e2e-journey');
  try {
    const result = await admin.describeAcls({
      resourceType: AclResourceTypes.TOPIC,
      resourceName: topic,
      resourcePatternType: ResourcePatternTypes.LITERAL,
      principal,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    return result.resources.flatMap((r) => r.acls.map((a) => ({ operation: a.operation, permissionType: a.permissionType })));
  } finally {
    await admin.disconnect();
  }
}

const readsOrders = async () => (await aclsOn('orders')).some((a) => a.operation === AclOperationTypes.READ && a.permissionType === AclPermissionTypes.ALLOW);

describe('the journey through the studio', () => {
  it('builds, fixes, deploys and exercises a flow; an admin approves a grant; the Events tab disables the binding', async () => {
    // ---- As a member, on the studio's own page.
    const member = await open('/');
    // What the member's page sends, to check that the token goes in headers or a socket's first
    // message, and never in a URL.
    const requests: Array<{ url: string; authorization: string | undefined }> = [];
    member.on('request', (request) => requests.push({ url: request.url(), authorization: request.headers().authorization }));
    const sockets: Array<{ url: string; sent: string[] }> = [];
    member.on('websocket', (socket) => {
      const seen = { url: socket.url(), sent: [] as string[] };
      sockets.push(seen);
      socket.on('framesent', (frame) => seen.sent.push(String(frame.payload)));
    });
    await signIn(member, 'demo-member-token');
    await member.getByLabel('New flow name').fill('Journey');
    await member.getByRole('button', { name: 'Create flow' }).click();
    await member.getByRole('toolbar', { name: 'Flow actions' }).getByRole('heading', { name: 'Journey' }).waitFor({ timeout: 30_000 });

    const orders = await dropFromPalette(member, /^Add topic orders Embedded/, { x: 0.12, y: 0.35 });
    const classify = await dropFromPalette(member, /^Add algorithm classify/, { x: 0.42, y: 0.35 });
    const classified = await dropFromPalette(member, /^Add topic orders\.classified /, { x: 0.72, y: 0.08 });
    const dlq = await dropFromPalette(member, /^Add topic orders\.dlq /, { x: 0.72, y: 0.33 });
    const echo = await dropFromPalette(member, /^Add topic orders\.echo /, { x: 0.55, y: 0.6 });

    await connect(member, handle(member, orders, 'out'), handle(member, classify, 'subscribe'), 'subscribe');
    await connect(member, handle(member, classify, 'publish'), handle(member, classified, 'in'), 'publish');
    await connect(member, handle(member, classify, 'dlq'), handle(member, dlq, 'in'), 'dlq');
    // classify has no grant to publish to orders.echo: the editor says so, and the member asks for access.
    // This edge takes the inspector's keyboard path (its other feature), which cannot land on the
    // wrong handle when a loaded machine lags behind the pointer.
    await member.locator(`.react-flow__node[data-id="${classify}"]`).click();
    const inspector = member.getByRole('region', { name: 'Inspector' });
    await inspector.getByLabel('Topic', { exact: true }).selectOption({ value: echo });
    await inspector.getByRole('button', { name: 'Publish to topic' }).click();
    await inspector.getByRole('status').filter({ hasText: 'Added a publish edge.' }).waitFor({ timeout: 10_000 });
    const notGranted = member.locator('.efs-problems__item').filter({ hasText: 'access-not-granted' });
    await expect.poll(() => notGranted.count(), { timeout: 10_000 }).toBe(1);
    expect(await notGranted.textContent()).toContain('orders.echo');

    await member.getByRole('button', { name: 'Review plan' }).click();
    const plan = member.getByRole('complementary', { name: 'Flow panel' });
    await plan.getByRole('button', { name: 'Request access' }).first().click();
    await plan.getByRole('status').filter({ hasText: 'Access requested' }).waitFor({ timeout: 30_000 });

    // Fix the diagnostic: take orders.echo off the canvas (select it, press Delete).
    await member.locator(`.react-flow__node[data-id="${echo}"]`).click();
    await member.keyboard.press('Delete');
    await expect.poll(() => notGranted.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => member.locator('.efs-problems__item[data-severity="error"]').count()).toBe(0);

    // Review the plan of the fixed flow and deploy it; progress streams in.
    await member.getByRole('button', { name: 'Close panel' }).click();
    await member.getByRole('button', { name: 'Review plan' }).click();
    await plan.getByRole('button', { name: 'Deploy', exact: true }).click();
    await plan.getByRole('status').filter({ hasText: /Deployed revision \d+/ }).waitFor({ timeout: 60_000 });
    expect(await plan.getByRole('list', { name: 'Deploy steps' }).locator('li[data-kind="finished"]').getAttribute('data-status')).toBe('succeeded');

    // A good order goes through: counted in the live status and shown on the canvas.
    const binding = member.locator('table[aria-label="Live status"] tr[data-binding="acme/classify orders"]');
    await member.getByRole('button', { name: 'Close panel' }).click();
    await member.getByRole('button', { name: 'Send test message' }).click();
    const send = member.getByRole('complementary', { name: 'Flow panel' });
    await send.getByLabel('Topic').selectOption({ label: 'orders (Embedded Kafka)' });
    await send.getByLabel('Value').fill('{"amount":5000}');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await send.getByRole('status').filter({ hasText: 'Sent to partition' }).waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number(await binding.locator('[data-counter="published"]').textContent({ timeout: 1_000 }).catch(() => '0')), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => member.locator(`.react-flow__node[data-id="${classify}"] [data-binding-state="running"]`).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The flow's only publish edge (classify -> orders.classified) counts the result it carried.
    const outputLabel = member.locator('.react-flow__edge-text', { hasText: / out$/ });
    await expect.poll(async () => Number((await outputLabel.textContent({ timeout: 1_000 }).catch(() => '0 out'))?.split(' ')[0]), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    // The live status came on the tab's WebSocket, which named the member in its first message;
    // every call carried the token in its Authorization header; no URL held it.
    const statusSockets = sockets.filter((s) => s.sent.some((message) => message.includes('runtime.statusStream')));
    expect(statusSockets.length).toBeGreaterThan(0);
    expect(statusSockets.map((s) => JSON.parse(s.sent[0] ?? '{}') as unknown)).toEqual(statusSockets.map(() => ({ method: 'connectionParams', data: { token: 'demo-member-token' } })));
    expect(requests.filter((r) => r.url.includes('/trpc/')).every((r) => r.authorization === 'Bearer demo-member-token')).toBe(true);
    expect([...requests, ...sockets].filter((r) => decodeURIComponent(r.url).includes('demo-member-token'))).toEqual([]);
    await showWholeFlow(member);
    await member.getByRole('button', { name: 'Send test message' }).click();

    // A malformed order is dead-lettered, shown in the DLQ viewer, and replayed.
    await send.getByLabel('Value').fill('not json');
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(async () => Number(await binding.locator('[data-counter="dead-lettered"]').textContent({ timeout: 1_000 }).catch(() => '0')), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    await member.getByRole('button', { name: 'Dead letters' }).click();
    const dead = member.getByRole('list', { name: 'Dead-letter records' });
    await eventually('the malformed message in the DLQ viewer', async () => {
      if ((await dead.getByText('not json').count()) > 0) return true;
      await member.getByRole('button', { name: 'Refresh' }).click();
      return false;
    }, 30_000);
    // The demo's member may redrive (a redrive grant): a run on the server, at the dialog's rate.
    await member.getByRole('button', { name: 'Redrive all…' }).click();
    await member.getByRole('dialog', { name: 'Redrive dead letters?' }).getByRole('button', { name: 'Start redrive' }).click();
    await member.getByRole('status').filter({ hasText: 'Redrove 1 record to orders' }).waitFor({ timeout: 30_000 });
    // The replayed message ran through classify again (and, still malformed, was dead-lettered again).
    await expect.poll(async () => Number(await binding.locator('[data-counter="consumed"]').textContent({ timeout: 1_000 }).catch(() => '0')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    await member.close();

    // ---- As an admin: approve the member's grant request.
    const admin = await open('/');
    await signIn(admin, 'demo-admin-token');
    await openAdminPage(admin, 'Grant requests');
    await admin.getByRole('button', { name: 'Approve acme/classify publish orders.echo' }).click();
    const request = admin.getByRole('table', { name: 'Grant requests' }).getByRole('row').filter({ hasText: 'acme/classify publish orders.echo' });
    await expect.poll(() => request.getAttribute('data-status'), { timeout: 30_000 }).toBe('approved');
    await admin.close();

    // ---- In /host's Events tab: disable the binding; the broker no longer lets classify read orders.
    expect(await readsOrders()).toBe(true);
    const host = await open('/host?token=demo-member-token');
    const disable = host.getByRole('button', { name: 'Disable orders (subscribe)' });
    await disable.waitFor({ timeout: 30_000 });
    await disable.click();
    const dialog = host.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Disable', exact: true }).click();
    await host.getByRole('button', { name: 'Enable orders (subscribe)' }).waitFor({ timeout: 30_000 });
    await eventually('the READ ACL of classify on orders to be gone', async () => !(await readsOrders()), 30_000);
    await host.close();
  }, 240_000);
});
