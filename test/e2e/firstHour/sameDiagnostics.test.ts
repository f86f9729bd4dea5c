/// <reference lib="dom" />
// The editor and the server give the same diagnostics for the same flow (issue 15): the example flow,
// before and after a deploy, opened in the studio by a member and by a viewer, shows in its problems
// panel exactly what `flows.validate` says, and once deployed it reports nothing against itself.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openFlow, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** The example flow the server seeds. */
async function exampleFlow(): Promise<{ id: string; name: string; revision: number }> {
  const flows = await api<Array<{ id: string; name: string; revision: number }>>('query', 'flows.list', { orgId: 'acme' }, tokens.member);
  const flow = flows.find((f) => f.name === 'Order pipeline');
  if (!flow) throw new Error(`no example flow among ${flows.map((f) => f.name).join(', ')}`);
  return flow;
}

/** The messages of the studio's problems panel, in order. */
const shownMessages = (page: Page) => page.locator('.efs-problems__message').allTextContents();

/** What `flows.validate` says of the saved flow, as this person. */
async function serverMessages(token: string, id: string): Promise<Diagnostic[]> {
  const { diagnostics } = await api<{ diagnostics: Diagnostic[] }>('query', 'flows.validate', { id }, token);
  return diagnostics;
}

describe('the editor validates a flow as the server does', () => {
  it('shows flows.validate’s diagnostics for the example flow before and after its deploy, to a member and a viewer', async () => {
    const flow = await exampleFlow();
    const before = await openFlow(studio, tokens.member, flow.name);
    const undeployed = await serverMessages(tokens.member, flow.id);
    expect(undeployed.length).toBeGreaterThan(0); // topics still to create: there is something to compare
    await expect.poll(() => shownMessages(before)).toEqual(undeployed.map((d) => d.message));
    await before.close();

    const deployed = await api<{ status: string }>('mutation', 'flows.deploy', { id: flow.id, revision: flow.revision }, tokens.member);
    expect(deployed.status).toBe('deployed');

    for (const token of [tokens.member, tokens.viewer]) {
      const page = await openFlow(studio, token, flow.name);
      const diagnostics = await serverMessages(token, flow.id);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      await expect.poll(() => shownMessages(page)).toEqual(diagnostics.map((d) => d.message));
      expect(await page.getByText(/errors? blocks? a deploy/).count()).toBe(0);
      expect(await page.locator('.efs-node__mark[data-mark="error"]').count()).toBe(0);
      await page.close();
    }
  });
});
