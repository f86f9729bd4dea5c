import { aclsFor, classifyOrdersBinding, plan, runtimeClientId, type Actual, type Desired, type PutBack } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { PlanReview } from './PlanReview.tsx';

afterEach(() => cleanup());

const binding = classifyOrdersBinding();

const retention: PutBack = { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms' };

/** orders has 6 partitions (the flow asks for 3) and a day's retention (the flow: a week); a foreign client is in the group. */
function driftedPlan(putBack: PutBack[]) {
  const desired: Desired = {
    flowId: 'f1',
    topics: [{ connection: 'local', topic: 'orders', partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } }],
    grants: [],
    bindings: [binding],
    acls: aclsFor([binding]),
  };
  const acls = aclsFor([binding]);
  const actual: Actual = {
    topics: [{ connection: 'local', topic: 'orders', partitions: 6, configs: { 'retention.ms': '86400000' } }],
    acls,
    managedAcls: acls,
    bindings: [binding],
    grants: [],
    connectionsWithoutAuthorizer: [],
    groups: [
      {
        connection: 'local',
        groupId: binding.consumerGroup,
        members: [{ clientId: runtimeClientId(binding.principal), clientHost: '/127.0.0.1' }, { clientId: 'reporting-app', clientHost: '/10.0.0.7' }],
        offsetTopics: ['orders'],
      },
    ],
  };
  return plan(desired, actual, { role: 'member', putBack });
}

describe('PlanReview: putting drift back', () => {
  it('offers per finding to leave it, put it back or take the live value, and shows the action a choice adds', async () => {
    const chosen: Array<[PutBack, boolean]> = [];
    const screen = await render(<PlanReview plan={driftedPlan([])} putBack={[]} onPutBack={(p, on) => chosen.push([p, on])} onTakeLiveValue={() => undefined} onDeploy={() => undefined} />);
    const drift = page.getByRole('list', { name: /Drift/ });
    const config = drift.getByRole('radiogroup', { name: /retention\.ms/ });
    await expect.element(config.getByRole('radio', { name: 'Leave Kafka as it is' })).toBeChecked();
    await config.getByRole('radio', { name: 'Put it back' }).click();
    expect(chosen).toEqual([[retention, true]]);

    // Partitions Kafka would have to take away cannot be put back: said plainly, the live value offered.
    const partitions = drift.getByRole('radiogroup', { name: /6 partitions/ });
    await expect.element(partitions.getByRole('radio', { name: 'Put it back' })).toBeDisabled();
    await expect.element(partitions).toHaveTextContent('Kafka cannot take partitions away from a topic, so this cannot be put back');
    await expect.element(partitions.getByRole('radio', { name: 'Take the live value into the flow' })).toBeEnabled();

    // A consumer group's foreign member is reported only.
    await expect.element(drift).toHaveTextContent('"reporting-app" from /10.0.0.7');
    await expect.element(drift).toHaveTextContent('Report only: Kafka offers no request that removes a consumer from a group');

    // The plan made with the choice puts the config back, field by field.
    await screen.rerender(<PlanReview plan={driftedPlan([retention])} putBack={[retention]} onPutBack={(p, on) => chosen.push([p, on])} onTakeLiveValue={() => undefined} onDeploy={() => undefined} />);
    await expect.element(drift.getByRole('radiogroup', { name: /retention\.ms/ }).getByRole('radio', { name: 'Put it back' })).toBeChecked();
    const putBack = page.getByRole('list', { name: /Topics to put back/ });
    await expect.element(putBack).toHaveTextContent('Put back the config of topic "orders" on "local" (retention.ms)');
    await expect.element(putBack.getByRole('list', { name: 'Changes' })).toHaveTextContent('retention.ms: 86400000 → 604800000');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await drift.getByRole('radiogroup', { name: /retention\.ms/ }).getByRole('radio', { name: 'Leave Kafka as it is' }).click();
    expect(chosen.at(-1)).toEqual([retention, false]);
  });
});
