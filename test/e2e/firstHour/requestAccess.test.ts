// "Request access" in the plan review (issue 18): each blocked grant says whether it was requested and
// how a cluster admin decided, from the server; a row files only its grant, "Request access for all"
// only what was never asked for, and the states follow a filing or an admin's decision without a
// reload. Chromium against the server as `pnpm start` runs it, on a fresh data dir.
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openFlow, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

const create = { partitions: 1, replicationFactor: 1, config: {} };
const topic = (id: string, name: string, y: number) => ({ id, kind: 'topic', position: { x: 0, y }, connection: 'local', topic: name, create });

describe('requesting access from the plan review', () => {
  it('shows each grant’s state, files only what is missing, and follows an admin’s decision', async () => {
    const graph = {
      nodes: [topic('t-x', 'ledger.x', 0), topic('t-y', 'ledger.y', 150), { id: 'a-echo', kind: 'algorithm', position: { x: 300, y: 75 }, algorithm: 'acme/echo', version: '1.0.0' }],
      edges: [
        { id: 'e1', kind: 'subscribe', source: 't-x', target: 'a-echo' },
        { id: 'e2', kind: 'subscribe', source: 't-y', target: 'a-echo' },
      ],
    };
    await api('mutation', 'flows.create', { orgId: 'acme', name: 'Ledger', graph });
    const page = await openFlow(studio, tokens.member, 'Ledger');
    await page.getByRole('button', { name: 'Review plan' }).click();
    const panel = page.getByRole('complementary', { name: 'Flow panel' });
    const grants = panel.getByRole('list', { name: /Grants needed/ });
    const row = (name: string) => grants.getByRole('listitem').filter({ hasText: `"${name}"` });
    await expect.poll(() => row('ledger.x').textContent(), { timeout: 30_000 }).toContain('Not requested');
    expect(await row('ledger.y').textContent()).toContain('Not requested');

    // One row files its grant only, and then says so.
    await panel.getByRole('button', { name: 'Request access for acme/echo subscribe "ledger.x"' }).click();
    await panel.getByRole('status').filter({ hasText: 'Access requested: 1 grant request filed' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => row('ledger.x').textContent(), { timeout: 10_000 }).toMatch(/Requested$/);
    expect(await row('ledger.y').textContent()).toContain('Not requested');

    // "Request access for all" files the one left, not the pending one again.
    await panel.getByRole('button', { name: 'Request access for all' }).click();
    await expect.poll(() => row('ledger.y').textContent(), { timeout: 10_000 }).toMatch(/Requested$/);
    expect(await panel.getByRole('status').textContent()).toContain('Access requested: 1 grant request filed');
    expect(await panel.getByRole('button', { name: 'Request access for all' }).isDisabled()).toBe(true);
    const pending = await api<Array<{ id: number; topic: string; requestedByName: string | null }>>('query', 'admin.grantRequests.list', { status: 'pending' }, tokens.admin);
    expect(pending.map((r) => r.topic).sort()).toEqual(['ledger.x', 'ledger.y']);
    expect(pending.map((r) => r.requestedByName)).toEqual(['Max (Acme member)', 'Max (Acme member)']);

    // An admin rejects one elsewhere: the open plan review shows it, with the reason, and offers to ask again.
    const y = pending.find((r) => r.topic === 'ledger.y');
    await api('mutation', 'admin.grantRequests.reject', { id: y?.id, reason: 'Read ledger.x only.' }, tokens.admin);
    await expect.poll(() => row('ledger.y').textContent(), { timeout: 10_000 }).toContain('Rejected: Read ledger.x only.');
    expect(await panel.getByRole('button', { name: 'Request again for acme/echo subscribe "ledger.y"' }).isVisible()).toBe(true);
    await page.close();
  }, 90_000);
});
