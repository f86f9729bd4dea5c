import { compile, demoCatalog, emptyActual, pipelineGraph, plan, type Actual, type Grant } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { groupPlan } from './planGroups.ts';
import { PlanReview } from './PlanReview.tsx';

afterEach(() => cleanup());

const alertsGrant = { connection: 'local', topic: 'alerts', algorithm: 'acme/alert', access: 'publish' } as const;

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
    expect(groups[0]?.items).toEqual([{ text: expect.stringContaining('acme/alert publish access to "alerts"'), blockedGrant: alertsGrant }]);
  });
});

describe('PlanReview', () => {
  it('shows a member’s missing grant as blocked, offers to request it, and withholds deploy', async () => {
    const requested: Grant[] = [];
    let deployed = 0;
    const blocked = pipelinePlan([alertsGrant]);
    expect(blocked.blocked).toBe(true);
    await render(<PlanReview plan={blocked} onRequestAccess={(g) => requested.push(g)} onDeploy={() => deployed++} />);
    await expect.element(page.getByRole('alert')).toHaveTextContent('blocked');
    await expect.element(page.getByRole('list', { name: /Grants needed/ })).toHaveTextContent('Blocked');
    await page.getByRole('button', { name: 'Request access' }).click();
    expect(requested).toEqual([alertsGrant]);
    await expect.element(page.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    expect(deployed).toBe(0);
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
