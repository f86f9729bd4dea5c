import { compile, demoCatalog, emptyActual, pipelineGraph, plan, type Actual, type Grant } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { groupPlan } from './planGroups.ts';
import { PlanReview } from './PlanReview.tsx';

afterEach(() => cleanup());

const alertsGrant = { connection: 'local', topic: 'alerts', algorithm: 'acme/alert', access: 'publish' } as const;
const ordersGrant = { connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' } as const;

/** The demo pipeline's plan on an empty cluster, for a member; `missing` grants are not given yet. */
function pipelinePlan(missing: readonly Grant[] = []) {
  const catalog = demoCatalog();
  const grants = catalog.grants.filter((g) => !missing.some((m) => JSON.stringify(m) === JSON.stringify(g)));
  const actual: Actual = { ...emptyActual(), grants };
  return plan(compile(pipelineGraph(), { flowId: 'flow-1' }), actual, { role: 'member' });
}

describe('groupPlan', () => {
  it('groups the actions in the order deploy runs them', () => {
    const groups = groupPlan(pipelinePlan([alertsGrant]));
    expect(groups.map((g) => g.key)).toEqual(['grants', 'topics', 'acls-add', 'bindings-start']);
    expect(groups[0]?.items).toEqual([
      { key: expect.any(String), text: expect.stringContaining('acme/alert publish access to "alerts"'), blockedGrant: alertsGrant, algorithm: 'acme/alert', connection: 'local', changes: [{ field: 'acme/alert publish', before: '(none)', after: '"alerts" granted' }], alsoAffects: undefined, drift: undefined },
    ]);
  });
});

describe('groupPlan of an adopted flow', () => {
  it('lists the topics and ACLs it takes over apart from those it creates', () => {
    const graph = pipelineGraph();
    const adopted = { ...graph, nodes: graph.nodes.map((n) => (n.kind === 'topic' ? { ...n, adopted: true as const } : n)) };
    const desired = compile(adopted, { flowId: 'flow-1' });
    const actual: Actual = {
      ...emptyActual(),
      grants: demoCatalog().grants,
      topics: desired.topics.map((t) => ({ connection: t.connection, topic: t.topic, partitions: 1 })),
      acls: desired.acls,
    };
    const groups = groupPlan(plan(desired, actual, { role: 'member' }));
    expect(groups.map((g) => [g.key, g.title, g.items.length])).toEqual([
      ['topics-adopt', 'Topics to adopt', 5],
      ['acls-adopt', 'ACLs to adopt', 11],
      ['bindings-start', 'Bindings to start', 6],
    ]);
    expect(groups[0]?.items[0]?.text).toBe('Adopt existing topic "alerts" on "local"');
  });
});

describe('PlanReview', () => {
  it('shows a member’s missing grant as blocked, offers to request it, and withholds deploy', async () => {
    const requested: Grant[][] = [];
    let deployed = 0;
    const blocked = pipelinePlan([alertsGrant]);
    expect(blocked.blocked).toBe(true);
    await render(<PlanReview plan={blocked} accessRequests={[]} onRequestAccess={(g) => requested.push(g)} onDeploy={() => deployed++} />);
    await expect.element(page.getByRole('alert')).toHaveTextContent('blocked');
    await expect.element(page.getByRole('list', { name: /Grants needed/ })).toHaveTextContent('Blocked');
    await expect.element(page.getByRole('list', { name: /Grants needed/ })).toHaveTextContent('Not requested');
    await page.getByRole('button', { name: 'Request access for acme/alert publish "alerts"' }).click();
    expect(requested).toEqual([[alertsGrant]]);
    await expect.element(page.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    expect(deployed).toBe(0);
  });

  it('shows each blocked grant’s request state and requests for all only what was not requested', async () => {
    const requested: Grant[][] = [];
    const blocked = pipelinePlan([alertsGrant, ordersGrant]);
    const screen = await render(
      <PlanReview plan={blocked} accessRequests={[{ ...alertsGrant, status: 'pending', reason: null }]} onRequestAccess={(g) => requested.push(g)} />,
    );
    const grants = page.getByRole('list', { name: /Grants needed/ });
    await expect.element(grants.getByRole('listitem').filter({ hasText: '"alerts"' })).toHaveTextContent('Requested');
    await expect.element(grants.getByRole('listitem').filter({ hasText: '"orders"' })).toHaveTextContent('Not requested');
    expect(page.getByRole('button', { name: /Request access for acme\/alert/ }).query()).toBeNull();
    await expect.element(page.getByText('1 grant not requested · 1 requested')).toBeVisible();
    await page.getByRole('button', { name: 'Request access for all' }).click();
    expect(requested).toEqual([[ordersGrant]]);

    // After the server's answer: one request rejected with a reason, the other approved.
    await screen.rerender(
      <PlanReview
        plan={blocked}
        accessRequests={[
          { ...alertsGrant, status: 'approved', reason: null },
          { ...ordersGrant, status: 'rejected', reason: 'Use orders.eu' },
        ]}
        onRequestAccess={(g) => requested.push(g)}
      />,
    );
    await expect.element(grants.getByRole('listitem').filter({ hasText: '"alerts"' })).toHaveTextContent('Approved');
    await expect.element(grants.getByRole('listitem').filter({ hasText: '"orders"' })).toHaveTextContent('Rejected: Use orders.eu');
    await expect.element(page.getByRole('button', { name: 'Request access for all' })).toBeDisabled();
    // No zero part: nothing is left not requested.
    await expect.element(page.getByText('1 grant approved · 1 rejected', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Request again for acme/classify subscribe "orders"' }).click();
    expect(requested).toEqual([[ordersGrant], [ordersGrant]]);
  });

  it('lists bindings to start and ACLs to add, and deploys a plan that is not blocked', async () => {
    let deployed = 0;
    await render(<PlanReview plan={pipelinePlan()} onDeploy={() => deployed++} theme="dark" />);
    expect(page.getByRole('alert').query()).toBeNull();
    await expect.element(page.getByRole('list', { name: /Bindings to start/ })).toHaveTextContent('Start acme/classify@1.2.0');
    await expect.element(page.getByRole('list', { name: /ACLs to add/ })).toBeVisible();
    await page.getByRole('button', { name: 'Deploy' }).click();
    expect(deployed).toBe(1);
    const root = document.querySelector('.efs-plan');
    if (!root) throw new Error('no plan review');
    const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
