// An open studio stays fresh (issue 15, "Fresh after every change"): an admin's approval, a save in
// another tab and a deploy or rollback show in the open flow without a reload. Chromium against the
// server as `pnpm start` runs it, on a fresh data dir.
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { addAlgorithm, callApi, openFlow, tokens, toolbarStatus } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

type Graph = { nodes: unknown[]; edges: unknown[] };
interface ServerFlow {
  id: string;
  name: string;
  description: string;
  revision: number;
  graph: Graph;
}

const create = { partitions: 1, replicationFactor: 1, config: {} };
const topic = (id: string, name: string, x: number) => ({ id, kind: 'topic', position: { x, y: 100 }, connection: 'local', topic: name, create });
const algorithm = (id: string, ref: string, version: string, x: number) => ({ id, kind: 'algorithm', position: { x, y: 100 }, algorithm: ref, version });

describe('an open flow stays fresh', () => {
  it("loses its 'not granted' diagnostics once an admin approves the member's grant request, without a reload", async () => {
    const graph = {
      nodes: [topic('t-payments', 'payments', 0), algorithm('a-echo', 'acme/echo', '1.0.0', 300)],
      edges: [{ id: 'e1', kind: 'subscribe', source: 't-payments', target: 'a-echo' }],
    };
    const flow = await api<ServerFlow>('mutation', 'flows.create', { orgId: 'acme', name: 'Payments echo', graph });
    const page = await openFlow(studio, tokens.member, 'Payments echo');
    const notGranted = page.locator('.efs-problems__item').filter({ hasText: 'access-not-granted' });
    await expect.poll(() => notGranted.count(), { timeout: 10_000 }).toBe(1);
    const echoMark = page.locator('.react-flow__node[data-id="a-echo"] .efs-node--algorithm');
    expect(await echoMark.getAttribute('data-mark')).toBe('error');

    // The member's deploy files the request (as "Request access" does); an admin approves it elsewhere.
    const deploy = await api<{ status: string; requests: Array<{ id: number }> }>('mutation', 'flows.deploy', { id: flow.id, revision: flow.revision });
    expect(deploy.status).toBe('needs-grants');
    for (const request of deploy.requests) await api('mutation', 'admin.grantRequests.approve', { id: request.id }, tokens.admin);

    await expect.poll(() => notGranted.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('.efs-problems__item[data-severity="error"]').count()).toBe(0);
    expect(await echoMark.getAttribute('data-mark')).not.toBe('error');
    await page.close();
  }, 60_000);

  it('shows a save made in a second tab within seconds, and keeps unsaved edits when there are some', async () => {
    await api<ServerFlow>('mutation', 'flows.create', { orgId: 'acme', name: 'Two tabs' });
    const first = await openFlow(studio, tokens.member, 'Two tabs');
    const second = await openFlow(studio, tokens.member, 'Two tabs');
    expect(await toolbarStatus(first)).toContain('revision 1');

    // The first tab has no unsaved edits: it shows the second tab's revision in place.
    await addAlgorithm(second, 'acme/echo');
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => toolbarStatus(second)).toMatch(/^revision 2\b/);
    await expect.poll(() => toolbarStatus(first), { timeout: 10_000 }).toMatch(/^revision 2\b/);
    expect(await first.locator('.react-flow__node').count()).toBe(1);
    // The same person saved in the other tab: "you", not their name.
    await first.getByRole('status').filter({ hasText: 'You, in another tab, saved revision 2.' }).waitFor({ timeout: 5_000 });

    // Now the first tab has an edit of its own when the second saves again: the edit stays, and the
    // first tab says that a newer revision exists.
    await addAlgorithm(first, 'acme/alert');
    await addAlgorithm(second, 'acme/classify');
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    const newer = first.getByRole('status').filter({ hasText: 'You, in another tab, saved revision 3' });
    await newer.waitFor({ timeout: 10_000 });
    expect(await toolbarStatus(first)).toMatch(/^revision 2 · unsaved changes/);
    expect(await first.locator('.react-flow__node').count()).toBe(2);
    // "Reload theirs" drops the edit for their revision.
    await newer.getByRole('button', { name: 'Reload theirs' }).click();
    await expect.poll(() => toolbarStatus(first)).toMatch(/^revision 3\b/);
    expect(await first.locator('.react-flow__node').count()).toBe(2);
    expect(await first.locator('.react-flow__node', { hasText: 'alert' }).count()).toBe(0);
    await first.close();
    await second.close();
  }, 60_000);

  it('tells the deployed revision truthfully after a deploy and a rollback, and after deploying the rollback', async () => {
    const graph = (version: string) => ({
      nodes: [topic('t-orders', 'orders', 0), algorithm('a-classify', 'acme/classify', version, 300), topic('t-classified', 'orders.classified', 600)],
      edges: [
        { id: 'e1', kind: 'subscribe', source: 't-orders', target: 'a-classify' },
        { id: 'e2', kind: 'publish', source: 'a-classify', target: 't-classified' },
      ],
    });
    const flow = await api<ServerFlow>('mutation', 'flows.create', { orgId: 'acme', name: 'Rolled back', graph: graph('1.2.0') });
    await api('mutation', 'flows.save', { id: flow.id, baseRevision: 1, name: flow.name, description: '', graph: graph('1.1.0') });
    const page = await openFlow(studio, tokens.member, 'Rolled back');
    expect(await toolbarStatus(page)).toBe('revision 2');

    const panel = page.getByRole('complementary', { name: 'Flow panel' });
    const deploy = async (revision: number) => {
      await page.getByRole('button', { name: 'Review plan' }).click();
      await panel.getByRole('button', { name: 'Deploy', exact: true }).click();
      await panel.getByRole('status').filter({ hasText: `Deployed revision ${revision}.` }).waitFor({ timeout: 60_000 });
    };
    await deploy(2);
    await expect.poll(() => toolbarStatus(page), { timeout: 10_000 }).toBe('revision 2 · deployed');

    // Rolling back saves revision 1's graph as revision 3; Kafka still runs revision 2.
    await page.getByRole('button', { name: 'History' }).click();
    await panel.getByRole('button', { name: 'Roll back to 1' }).click();
    await expect.poll(() => toolbarStatus(page), { timeout: 10_000 }).toBe('revision 3 · revision 2 deployed');

    // Deploying the rolled-back revision makes it the one that runs.
    await deploy(3);
    await expect.poll(() => toolbarStatus(page), { timeout: 10_000 }).toBe('revision 3 · deployed');
    await page.close();
  }, 180_000);
});
