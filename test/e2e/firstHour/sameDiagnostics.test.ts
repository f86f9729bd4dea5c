/// <reference lib="dom" />
// The editor and the server give the same diagnostics for the same flow (issue 15): the example flow,
// before and after a deploy, opened in the studio by a member and by a viewer, shows in its problems
// panel exactly what `flows.validate` says, and once deployed it reports nothing against itself.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';

const studio = studioForTests();

const tokens = { member: 'demo-member-token', viewer: 'demo-viewer-token' } as const;

interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** Calls the API as a demo user. */
async function api<T>(token: string, procedure: string, input: unknown, method: 'GET' | 'POST' = 'POST'): Promise<T> {
  const url = method === 'GET' ? `${studio.server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}` : `${studio.server.url}/trpc/${procedure}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${procedure} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** The example flow the server seeds. */
async function exampleFlow(): Promise<{ id: string; name: string; revision: number }> {
  const flows = await api<Array<{ id: string; name: string; revision: number }>>(tokens.member, 'flows.list', { orgId: 'acme' }, 'GET');
  const flow = flows.find((f) => f.name === 'Order pipeline');
  if (!flow) throw new Error(`no example flow among ${flows.map((f) => f.name).join(', ')}`);
  return flow;
}

/** Opens the flow in the studio as the person whose token this is. */
async function openFlow(token: string, name: string): Promise<Page> {
  const page = await studio.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${studio.server.url}/`);
  await page.getByLabel('Bearer token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name, exact: true }).click();
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
  return page;
}

/** The messages of the studio's problems panel, in order. */
const shownMessages = (page: Page) => page.locator('.efs-problems__message').allTextContents();

/** What `flows.validate` says of the saved flow, as this person. */
async function serverMessages(token: string, id: string): Promise<Diagnostic[]> {
  const { diagnostics } = await api<{ diagnostics: Diagnostic[] }>(token, 'flows.validate', { id }, 'GET');
  return diagnostics;
}

describe('the editor validates a flow as the server does', () => {
  it('shows flows.validate’s diagnostics for the example flow before and after its deploy, to a member and a viewer', async () => {
    const flow = await exampleFlow();
    const before = await openFlow(tokens.member, flow.name);
    const undeployed = await serverMessages(tokens.member, flow.id);
    expect(undeployed.length).toBeGreaterThan(0); // topics still to create: there is something to compare
    await expect.poll(() => shownMessages(before)).toEqual(undeployed.map((d) => d.message));
    await before.close();

    const deployed = await api<{ status: string }>(tokens.member, 'flows.deploy', { id: flow.id, revision: flow.revision });
    expect(deployed.status).toBe('deployed');

    for (const token of [tokens.member, tokens.viewer]) {
      const page = await openFlow(token, flow.name);
      const diagnostics = await serverMessages(token, flow.id);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      await expect.poll(() => shownMessages(page)).toEqual(diagnostics.map((d) => d.message));
      expect(await page.getByText(/errors? blocks? a deploy/).count()).toBe(0);
      expect(await page.locator('.efs-node__mark[data-mark="error"]').count()).toBe(0);
      await page.close();
    }
  });
});
