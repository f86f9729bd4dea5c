/// <reference lib="dom" />
// Parts of this file run in the page (Playwright evaluates them in Chromium), so they use the DOM types.
// A connection's guardrails end to end, on a studio started as `pnpm start` starts it: a cluster admin
// writes them on the Connections page (a slow pattern is refused beside its field), and a member who
// opens a flow that breaks them sees the guardrail diagnostics in the problems panel, as the server
// gives them, and the rule in words where a new topic is made.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { studioForTests } from '../studioServer.ts';
import { callApi, openAdminPage, openFlow, openStudio, tokens } from '../studioPages.ts';

const studio = studioForTests();
const api = <T = unknown>(kind: 'query' | 'mutation', procedure: string, input: unknown, token: string = tokens.member) =>
  callApi<T>(studio, token, kind, procedure, input);

interface Diagnostic {
  code: string;
  message: string;
}

/** The sentence a field points at with `aria-describedby`. */
const problemBeside = (field: ReturnType<Page['getByLabel']>) =>
  field.evaluate((input) => {
    const id = input.getAttribute('aria-describedby') ?? '';
    return (input.getRootNode() as ShadowRoot).getElementById(id)?.textContent ?? '';
  });

/** The messages of the studio's problems panel, in order. */
const shownMessages = (page: Page) => page.locator('.efs-problems__message').allTextContents();

const rule = 'Topic names on "Embedded Kafka" must match orders(\\..+)?: orders, or orders, a dot and the event.';

describe("a connection's guardrails", () => {
  it('are written by a cluster admin, and a member sees them broken in the problems panel', async () => {
    const admin = await openStudio(studio, tokens.admin, { width: 1280, height: 720 });
    await openAdminPage(admin, 'Connections');
    await admin.getByRole('button', { name: 'Member limits and guardrails of local' }).click();
    const form = admin.getByRole('form', { name: 'Member topic limits on Embedded Kafka' });
    const pattern = form.getByLabel('Topic name pattern', { exact: false });
    await pattern.fill('(orders|payments)+');
    await form.getByLabel('What the pattern asks for', { exact: false }).fill('orders, or orders, a dot and the event');
    await form.getByRole('button', { name: 'Save limits' }).click();
    expect(await problemBeside(pattern)).toMatch(/^A topic name pattern may not repeat a group that itself repeats or has alternatives/);

    await pattern.fill('orders(\\..+)?');
    await form.getByText(`Members read: ${rule}`).waitFor();
    await form.getByLabel('Every subscription needs a DLQ').check();
    await form.getByRole('button', { name: 'Save limits' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await admin.close();

    // acme/classify reads orders without a DLQ and publishes to a new topic off the pattern.
    const graph = {
      nodes: [
        { id: 't-in', kind: 'topic', position: { x: 0, y: 0 }, connection: 'local', topic: 'orders' },
        { id: 'a', kind: 'algorithm', position: { x: 300, y: 0 }, algorithm: 'acme/classify', version: '1.2.0' },
        { id: 't-out', kind: 'topic', position: { x: 600, y: 0 }, connection: 'local', topic: 'Scored_Orders', create: { partitions: 1, replicationFactor: 1, config: {} } },
      ],
      edges: [
        { id: 'e1', kind: 'subscribe', source: 't-in', target: 'a' },
        { id: 'e2', kind: 'publish', source: 'a', target: 't-out' },
      ],
    };
    const flow = await api<{ id: string }>('mutation', 'flows.create', { orgId: 'acme', name: 'Off the rails', graph });
    const { diagnostics } = await api<{ diagnostics: Diagnostic[] }>('query', 'flows.validate', { id: flow.id });
    expect(diagnostics.filter((d) => d.code.startsWith('guardrail-')).map((d) => d.code)).toEqual(['guardrail-topic-name', 'guardrail-dlq']);

    const member = await openFlow(studio, tokens.member, 'Off the rails');
    await expect.poll(() => shownMessages(member)).toEqual(diagnostics.map((d) => d.message));
    const panel = await shownMessages(member);
    expect(panel).toContain(`${rule} "Scored_Orders" does not. Rename the topic, or ask a cluster admin to create it.`);
    expect(panel).toContain(
      `acme/classify subscribes to "orders" on "Embedded Kafka" without a DLQ; "Embedded Kafka" requires one for every subscription of a member's flow. Connect the algorithm's DLQ handle to a topic.`,
    );
    // Where the member makes a new topic, the rule is said in the admin's words.
    await member.getByRole('region', { name: 'Palette' }).getByRole('button', { name: 'New topic' }).click();
    await member.getByRole('form', { name: 'New topic' }).getByText(rule).waitFor();
    await member.close();
  }, 120_000);
});
