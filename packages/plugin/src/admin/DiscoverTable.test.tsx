import type { DiscoveredGroup, DiscoveredPrincipal, DiscoveredTopic, DiscoverStatus } from '@event-flows/model';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { DiscoverTable } from './DiscoverTable.tsx';

afterEach(() => cleanup());

/** A row's cells' texts in order (a row's text content has no spaces between its cells). */
const cells = (...texts: string[]) => new RegExp(texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));

const orders = { flowId: 'flow_1', flowName: 'Orders' };

const topics: DiscoveredTopic[] = [
  { name: 'legacy.payments', status: 'unmanaged', partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '86400000' }, managedBy: [], drift: [] },
  {
    name: 'orders',
    status: 'drifted',
    partitions: 5,
    replicationFactor: 1,
    configs: {},
    managedBy: [orders],
    drift: [{ field: 'partitions', wanted: '3', live: '5', flowName: 'Orders' }],
  },
  { name: 'orders.dlq', status: 'managed', partitions: 1, replicationFactor: 1, configs: {}, managedBy: [orders], drift: [] },
];

const principals: DiscoveredPrincipal[] = [
  {
    name: 'User:eventflows.acme.alert',
    status: 'drifted',
    acls: [{ resourceType: 'topic', resourceName: 'alerts', patternType: 'literal', operation: 'write', permission: 'allow', host: '*', status: 'missing', managedBy: [orders] }],
    managedBy: [orders],
    drift: [{ field: 'acl', wanted: 'allow write on topic alerts', live: 'missing', flowName: 'Orders' }],
  },
];

const groups: DiscoveredGroup[] = [
  {
    name: 'legacy-reader',
    status: 'unmanaged',
    state: 'Empty',
    protocolType: 'consumer',
    members: [],
    lag: [{ topic: 'legacy.payments', partition: 0, committed: 2, end: 5, lag: 3 }],
    totalLag: 3,
    managedBy: [],
    drift: [],
  },
];

describe('discovery tables', () => {
  it('show each topic with its settings, status, managing flow and the fields that drifted', async () => {
    await render(
      <div className="efs-app" data-theme="light">
        <DiscoverTable rows={{ kind: 'topics', items: topics }} />
      </div>,
    );
    const rows = page.getByRole('row');
    await expect.element(rows.nth(1)).toHaveTextContent(cells('legacy.payments', 'unmanaged', '3 partitions · replication 1 · retention.ms=86400000', 'no flow'));
    await expect.element(rows.nth(2)).toHaveTextContent(cells('orders', 'drifted', '5 partitions · replication 1 · defaults', 'partitions: Orders wants 3, live 5', 'Orders'));
    await expect.element(page.getByRole('list', { name: 'Drift' })).toHaveTextContent('partitions: Orders wants 3, live 5');
    await expect.element(rows.nth(3)).toHaveTextContent(cells('orders.dlq', 'managed', '1 partition · replication 1 · defaults', 'Orders'));
  });

  it('show a principal with a missing ACL, and a group with its lag per partition', async () => {
    const shown = await render(
      <div className="efs-app" data-theme="light">
        <DiscoverTable rows={{ kind: 'acls', items: principals }} />
      </div>,
    );
    await expect.element(page.getByRole('list', { name: 'ACLs of User:eventflows.acme.alert' })).toHaveTextContent('allow write on topic alerts (missing)');
    await shown.rerender(
      <div className="efs-app" data-theme="light">
        <DiscoverTable rows={{ kind: 'groups', items: groups }} />
      </div>,
    );
    await expect.element(page.getByRole('row').nth(1)).toHaveTextContent(cells('legacy-reader', 'unmanaged', 'Empty · 0 members · lag 3', 'legacy.payments[0]: 2 of 5 (lag 3)', 'no flow'));
    await expect.element(page.getByRole('list', { name: 'Lag of legacy-reader' })).toHaveTextContent('legacy.payments[0]: 2 of 5 (lag 3)');
  });

  it('lets a person choose unmanaged and left-alone items, and says why a managed or drifted one cannot be chosen', async () => {
    const changes: [string[], boolean][] = [];
    const marked: DiscoveredTopic = { ...topics[0]!, name: 'legacy.noise', status: 'left-alone', leftAlone: { by: 'ada', at: '2026-12-07T06:00:00.000Z' } };
    const selection = { selected: new Set(['legacy.noise']), onChange: (items: readonly { name: string; status: DiscoverStatus }[], on: boolean) => changes.push([items.map((i) => i.name), on]) };
    await render(
      <div className="efs-app" data-theme="light">
        <DiscoverTable rows={{ kind: 'topics', items: [...topics, marked] }} selection={selection} />
      </div>,
    );
    await expect.element(page.getByRole('row').nth(4)).toHaveTextContent(cells('legacy.noise', 'left alone by ada'));
    await expect.element(page.getByRole('checkbox', { name: 'Choose legacy.noise' })).toBeChecked();
    await expect.element(page.getByRole('checkbox', { name: 'Choose orders', exact: true })).toBeDisabled();
    await expect.element(page.getByRole('checkbox', { name: 'Choose orders', exact: true })).toHaveAccessibleDescription('A flow manages it, and it differs from what the flow wants: deploy that flow to set it right.');
    await expect.element(page.getByRole('checkbox', { name: 'Choose orders.dlq' })).toHaveAccessibleDescription('A flow manages it already: there is nothing to adopt or leave alone.');
    await page.getByRole('checkbox', { name: 'Choose legacy.payments' }).click();
    // The header's box takes every item of the page that can be chosen, and no other.
    await page.getByRole('checkbox', { name: 'Choose every item of this page that can be chosen' }).click();
    expect(changes).toEqual([
      [['legacy.payments'], true],
      [['legacy.payments', 'legacy.noise'], true],
    ]);
  });

  it('show an item adopted into a flow that is not deployed yet, naming the flow with a link to it', async () => {
    const opened: string[] = [];
    const adopted: DiscoveredTopic = { ...topics[0]!, name: 'legacy.audit', status: 'adopted', adoptedInto: [{ flowId: 'flow_9', flowName: 'Taken over' }] };
    const selection = { selected: new Set<string>(), onChange: () => undefined };
    await render(
      <div className="efs-app" data-theme="light">
        <DiscoverTable rows={{ kind: 'topics', items: [adopted] }} selection={selection} onOpenFlow={(flowId) => opened.push(flowId)} />
      </div>,
    );
    await expect.element(page.getByRole('row').nth(1)).toHaveTextContent(cells('legacy.audit', 'adopted · not deployed into Taken over'));
    await expect.element(page.getByRole('checkbox', { name: 'Choose legacy.audit' })).toHaveAccessibleDescription('It is adopted into a flow that is not deployed yet: deploy that flow to take it over.');
    await page.getByRole('button', { name: 'Taken over' }).click();
    expect(opened).toEqual(['flow_9']);
  });
});
