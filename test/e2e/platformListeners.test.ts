// The platform's event listeners in a real Chromium against `pnpm start`'s server, connected to the
// platform's stand-in over HTTP (server/src/testing/platformStub.ts, the one stand-in: the platform
// cannot be reached from here): an admin lists the org members' listeners, adopts one, and sees the flow
// on the canvas; deploying it and disabling the subscription deletes the listener on the stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatformStub, type PlatformStub } from '../../server/src/testing/platformStub.ts';
import { callApi, nodeIds, openStudio, tokens } from './studioPages.ts';
import { eventually, studioForTests } from './studioServer.ts';

const apiKey = 'e2e-stand-in-key';
let stub: PlatformStub;
beforeAll(async () => {
  stub = await startPlatformStub(apiKey);
  stub.versions = { 'acme/classify': ['1.0.0', '1.1.0', '1.2.0'], 'acme/enrich': ['1.0.0'], 'acme/alert': ['2.0.0'], 'acme/echo': ['1.0.0'] };
});
afterAll(() => stub?.close());
// Registered after the stand-in's hook: Vitest runs beforeAll hooks in order, so its URL is known.
const studio = studioForTests(() => ({ ALGORITHMIA_API_URL: stub.url, ALGORITHMIA_API_KEY: apiKey }));

describe('the platform listeners page', () => {
  it('adopts a listener into a flow shown on the canvas; disabling it removes the listener on the platform', async () => {
    stub.listeners.set('max', [
      { id: 'l-orders', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'classify', algoVersion: '1.1.0', algoTimeoutSeconds: 60, credentials: { topic: 'orders', bootstrapServers: studio.server.kafka } },
      { id: 'l-far', sourceType: 'Kafka', algoOwner: 'acme', algoName: 'echo', algoVersion: '1.0.0', credentials: { topic: 'far.away', bootstrapServers: 'kafka.elsewhere:9092' } },
    ]);
    const page = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
    await page.getByRole('navigation', { name: 'Studio' }).getByRole('button', { name: 'Platform listeners' }).click();
    const table = page.getByRole('table', { name: 'Platform listeners' });
    const orders = table.getByRole('row').filter({ hasText: 'acme/classify' });
    await orders.waitFor({ timeout: 30_000 });
    expect(await orders.getByRole('cell').allTextContents()).toEqual(['', 'acme/classify @1.1.0', '60 s', 'Max (Acme member)', 'Embedded Kafka', 'Can be adopted']);
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'far.away' }).textContent()).toContain('Cannot be adopted: no studio connection has its bootstrap servers kafka.elsewhere:9092');

    await page.getByRole('checkbox', { name: 'Adopt orders → acme/classify (listener l-orders)' }).check();
    await page.getByLabel("New flow's name").fill('Adopted from the platform');
    await page.getByRole('button', { name: 'Adopt 1 listener' }).click();
    await page.getByRole('status').filter({ hasText: 'Adopted 1 listener into the flow at revision 1.' }).waitFor();
    await expect.poll(() => orders.textContent()).toContain('Adopted into Adopted from the platform');

    await page.getByRole('button', { name: 'Open the flow' }).click();
    await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('h1.efs-app__flow-name').textContent()).toBe('Adopted from the platform');
    expect(await nodeIds(page)).toEqual(['listener-topic-1', 'listener-algorithm-1']);
    expect(await page.locator('.react-flow__node[data-id="listener-algorithm-1"]').textContent()).toContain('v 1.1.0');
    expect(await page.locator('.react-flow__edge-path.efs-edge--subscribe').count()).toBe(1);
    const flowId = decodeURIComponent(/#\/flows\/([^/]+)/.exec(page.url())?.[1] ?? '');

    const deployed = await callApi<{ status: string }>(studio, tokens.admin, 'mutation', 'flows.deploy', { id: flowId, revision: 1 });
    expect(deployed.status).toBe('deployed');
    await callApi(studio, tokens.admin, 'mutation', 'bindings.disable', { algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe' });
    await eventually('the listener removed on the platform', async () => stub.listeners.get('max')?.every((l) => l.id !== 'l-orders'));
    expect(stub.requests.filter((r) => r.startsWith('DELETE'))).toEqual(['DELETE /v1/users/max/event-listeners/l-orders']);
    await page.close();
  }, 120_000);
});
