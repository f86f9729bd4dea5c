import { blockedGrants, compile, generateFlow, plan, type Grant } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { PlanReview } from './PlanReview.tsx';

afterEach(() => cleanup());

/** A member's first deploy of a generated 1,000-node flow that nobody granted anything: about 1,500 blocked grants. */
const big = generateFlow(1_000);
const bigPlan = plan(compile(big.graph, { flowId: 'big' }), { ...big.actual, grants: [] }, { role: 'member' });
const blocked = blockedGrants(bigPlan);
/** The first 42 were requested already. */
const pending = blocked.slice(0, 42).map((g) => ({ ...g, status: 'pending' as const, reason: null }));

/** How many plan rows (items and group headers) are in the DOM. */
const rowsInDom = () => document.querySelectorAll('.efs-plan li').length;

describe('the plan review of a large flow', () => {
  it('groups 1,500 blocked rows by algorithm, collapsed, with one "Request access for all", and keeps the DOM small', async () => {
    expect(blocked.length).toBeGreaterThanOrEqual(1_500);
    const requested: Grant[][] = [];
    await render(
      <PlanReview plan={bigPlan} accessRequests={pending} connectionNames={new Map([['local', 'Local Kafka']])} onRequestAccess={(g) => requested.push(g)} onDeploy={() => undefined} />,
    );
    const grants = page.getByRole('list', { name: /Grants needed/ });
    await expect.element(grants).toBeVisible();
    await expect.element(page.getByRole('heading', { name: /Grants needed/ })).toHaveTextContent(`Grants needed (${blocked.length.toLocaleString('en')})`);
    expect(page.getByRole('button', { name: 'Request access for all' }).all()).toHaveLength(1);

    // Grouped by algorithm, every group collapsed and counted.
    const first = grants.getByRole('button', { name: /^acme\/algo-0 \(\d+\)$/ });
    await expect.element(first).toHaveAttribute('aria-expanded', 'false');
    const algorithms = new Set(blocked.map((g) => g.algorithm));
    expect(algorithms.size).toBeGreaterThan(400);
    expect(rowsInDom()).toBeLessThan(200);

    // By connection: one group of every blocked grant; opened, it draws only the rows in view.
    await page.getByRole('radio', { name: 'Connection' }).click();
    const local = grants.getByRole('button', { name: `Local Kafka (${blocked.length.toLocaleString('en')})` });
    await expect.element(local).toHaveAttribute('aria-expanded', 'false');
    await local.click();
    await expect.element(local).toHaveAttribute('aria-expanded', 'true');
    await expect.element(grants.getByRole('listitem').filter({ hasText: blocked[0]?.topic ?? '' }).first()).toHaveTextContent('Requested');
    expect(rowsInDom()).toBeLessThan(200);

    // Scrolled to its end, the last grant is drawn, and the DOM stays small.
    const last = blocked[blocked.length - 1] as Grant;
    const scroller = grants.element().closest('.efs-grouped');
    if (!scroller) throw new Error('the grouped list does not scroll');
    scroller.scrollTop = scroller.scrollHeight;
    await expect.element(grants.getByRole('button', { name: `Request access for ${last.algorithm} ${last.access} "${last.topic}"` })).toBeVisible();
    expect(rowsInDom()).toBeLessThan(200);

    // One click asks for every grant not requested yet, and only those.
    await userEvent.click(page.getByRole('button', { name: 'Request access for all' }));
    expect(requested).toHaveLength(1);
    expect(requested[0]).toHaveLength(blocked.length - pending.length);
    expect(requested[0]?.[0]).toEqual(blocked[42]);
  });

  it('passes axe with groups open, in the dark theme', async () => {
    await render(<PlanReview plan={bigPlan} accessRequests={pending} onRequestAccess={() => undefined} theme="dark" />);
    await page.getByRole('button', { name: /^acme\/algo-0 \(\d+\)$/ }).first().click();
    await expect.element(page.getByRole('button', { name: /^acme\/algo-0 \(\d+\)$/ }).first()).toHaveAttribute('aria-expanded', 'true');
    const root = document.querySelector('.efs-plan');
    if (!root) throw new Error('no plan review');
    const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes[0]?.html ?? ''}`)).toEqual([]);
  });
});
