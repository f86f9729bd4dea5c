// A flow's history in domain words (issue 18, "History in domain words"): the differences between two
// revisions name algorithms, topics and bindings with old → new values, never internal ids, and the
// revision Kafka runs is marked. Chromium against the server as `pnpm start` runs it, on a fresh data dir.
import { describe, expect, it } from 'vitest';
import { eventually, studioForTests } from '../studioServer.ts';
import { callApi, openFlow, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

const create = { partitions: 1, replicationFactor: 1, config: {} };
const topic = (id: string, name: string, x: number, y = 100) => ({ id, kind: 'topic', position: { x, y }, connection: 'local', topic: name, create });
const algorithm = (id: string, ref: string, version: string, x: number) => ({ id, kind: 'algorithm', position: { x, y: 100 }, algorithm: ref, version });
const subscribe = { id: 'e1', kind: 'subscribe', source: 't-orders', target: 'a-classify' };
const publish = { id: 'e2', kind: 'publish', source: 'a-classify', target: 't-classified' };

describe('the history of a flow', () => {
  it('says what changed between revisions in domain words and marks the deployed revision', async () => {
    const first = {
      nodes: [topic('t-orders', 'orders', 0), algorithm('a-classify', 'acme/classify', '1.1.0', 300), topic('t-classified', 'orders.classified', 600)],
      edges: [subscribe, publish],
    };
    const second = {
      nodes: [...first.nodes.map((n) => (n.id === 'a-classify' ? { ...n, version: '1.2.0' } : n)), topic('t-dlq', 'orders.dlq', 300, 300)],
      edges: [{ ...subscribe, dlq: 't-dlq' }, publish],
    };
    const flow = await api<{ id: string; name: string }>('mutation', 'flows.create', { orgId: 'acme', name: 'History words', graph: first });
    // Revision 1 is deployed (the member's deploy files the grant requests; an admin approves them).
    const filed = await api<{ status: string; requests?: Array<{ id: number }> }>('mutation', 'flows.deploy', { id: flow.id, revision: 1 });
    for (const request of filed.requests ?? []) await api('mutation', 'admin.grantRequests.approve', { id: request.id }, tokens.admin);
    if (filed.status === 'needs-grants') await api('mutation', 'flows.deploy', { id: flow.id, revision: 1 });
    await eventually('revision 1 deployed', async () => (await api<{ deployedRevision: number | null }>('query', 'flows.get', { id: flow.id })).deployedRevision === 1, 90_000);
    await api('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: flow.name, description: '', graph: second });

    for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
      const page = await openFlow(studio, tokens.member, 'History words');
      await page.setViewportSize(viewport);
      await page.getByRole('button', { name: 'History', exact: true }).click();
      const revisions = page.getByRole('list', { name: 'Revisions' });
      await revisions.getByRole('listitem').filter({ hasText: 'Revision 1' }).getByText('Deployed', { exact: true }).waitFor({ timeout: 10_000 });
      expect(await revisions.getByText('Deployed', { exact: true }).count()).toBe(1);

      await page.getByRole('button', { name: 'Compare' }).click();
      const differences = page.getByRole('list', { name: 'Differences' });
      await differences.getByRole('listitem').first().waitFor({ timeout: 10_000 });
      const lines = (await differences.getByRole('listitem').allTextContents()).map((l) => l.replace(/^\W+\s*/, '').trim());
      expect(lines).toEqual([
        'Added: topic orders.dlq on Embedded Kafka',
        'Changed: version of acme/classify: 1.1.0 → 1.2.0',
        'Changed: DLQ of classify ← orders: none → orders.dlq',
      ]);
      // No internal id (t-…, a-…, e1) reaches the page.
      expect(await differences.textContent()).not.toMatch(/\b(t-|a-)[a-z]|\be\d\b/);
      await page.screenshot({ path: `/tmp/i18h-shots/history-${viewport.width}.png` });
      await page.close();
    }
  }, 180_000);
});
