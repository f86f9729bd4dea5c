import { aclsFor, classifyOrdersBinding, plan, type Actual, type Desired, type Drift, type SubscribeBinding } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { PlanReview } from './PlanReview.tsx';

afterEach(() => cleanup());

const deployed = classifyOrdersBinding({ outputs: [{ connection: 'local', topic: 'orders.classified' }], concurrency: 4 });

/** The deployed classify subscription moved to 1.2.0 with a DLQ and concurrency 8; orders and an ACL were changed on the cluster. */
function editedPlan() {
  const next: SubscribeBinding = { ...deployed, version: '1.2.0', dlq: { connection: 'local', topic: 'orders.dlq' }, concurrency: 8 };
  const desired: Desired = {
    flowId: 'f1',
    topics: [{ connection: 'local', topic: 'orders', partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } }],
    grants: [],
    bindings: [next],
    acls: aclsFor([next]),
  };
  const acls = aclsFor([deployed]);
  const actual: Actual = {
    topics: [{ connection: 'local', topic: 'orders', partitions: 6, configs: { 'retention.ms': '86400000' } }],
    // One ACL the studio made was deleted by hand.
    acls: acls.slice(1),
    managedAcls: acls,
    bindings: [deployed],
    grants: [],
    connectionsWithoutAuthorizer: [],
  };
  const made = plan(desired, actual, { role: 'admin' });
  return { ...made, alsoAffects: [{ connection: 'local', topic: 'orders', flows: ['Audit trail'], consumerGroups: ['billing'] }] };
}

describe('PlanReview field by field', () => {
  it('lists each change before → after under its action, who else uses the topic, and drift with its two choices', async () => {
    const taken: Drift[] = [];
    await render(<PlanReview plan={editedPlan()} onTakeLiveValue={(d) => taken.push(d)} onDeploy={() => undefined} />);
    const updates = page.getByRole('list', { name: /Bindings to update/ });
    const changes = updates.getByRole('list', { name: 'Changes' });
    await expect.element(changes.getByRole('listitem').nth(0)).toHaveTextContent('version: 1.1.0 → 1.2.0');
    await expect.element(changes.getByRole('listitem').nth(1)).toHaveTextContent('dlq: none → orders.dlq');
    await expect.element(changes.getByRole('listitem').nth(2)).toHaveTextContent('concurrency: 4 → 8');
    await expect.element(updates).toHaveTextContent('Also affects "orders": flow Audit trail; consumer group billing');
    // An ACL to add says its principal, operation and resource in its one line.
    await expect.element(page.getByRole('list', { name: /ACLs to add/ })).toHaveTextContent('Add ACL: allow User:eventflows.acme.classify to WRITE topic "orders.dlq"');

    const drift = page.getByRole('list', { name: /Drift/ });
    await expect.element(drift).toHaveTextContent('has retention.ms 86400000; the flow asks for 604800000');
    const retention = drift.getByRole('radiogroup', { name: /retention\.ms/ });
    await expect.element(retention.getByRole('radio', { name: 'Leave Kafka as it is' })).toBeChecked();
    await expect.element(retention).toHaveTextContent('Deploy leaves the live value as it is');
    // A missing ACL is put back by deploy.
    await expect.element(drift.getByRole('radiogroup', { name: /ACL/ }).getByRole('radio', { name: 'Put it back' })).toBeChecked();
    await retention.getByRole('radio', { name: 'Take the live value into the flow' }).click();
    expect(taken).toEqual([{ kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms', desired: '604800000', actual: '86400000' }]);
    await expect.element(retention).toHaveTextContent('Taken into the flow');
  });

  it('passes axe in the dark theme', async () => {
    await render(<PlanReview plan={editedPlan()} onTakeLiveValue={() => undefined} theme="dark" />);
    await expect.element(page.getByRole('list', { name: /Bindings to update/ })).toBeVisible();
    const root = document.querySelector('.efs-plan');
    if (!root) throw new Error('no plan review');
    const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    expect(result.violations.map((v) => v.id)).toEqual([]);
  });
});
