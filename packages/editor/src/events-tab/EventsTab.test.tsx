import { demoCatalog } from '@event-flows/model';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import { EventsTab, type EventsTabProps } from './EventsTab.tsx';
import { exampleEventsTab } from './exampleEventsTab.ts';
import type { BindingChange, BindingTarget } from './eventsTabRows.ts';

afterEach(() => cleanup());

/** The tab for acme/classify with recording callbacks; `enabled` rows as in exampleEventsTab. */
function setup(overrides: Partial<EventsTabProps> = {}, enabled: Parameters<typeof exampleEventsTab>[2] = []) {
  const calls = { enable: [] as BindingChange[], edit: [] as BindingChange[], disable: [] as BindingTarget[] };
  const props: EventsTabProps = {
    algorithm: 'acme/classify',
    ...exampleEventsTab(demoCatalog(), 'acme/classify', enabled),
    onEnable: async (change) => void calls.enable.push(change),
    onEdit: async (change) => void calls.edit.push(change),
    onDisable: async (target) => void calls.disable.push(target),
    ...overrides,
  };
  return { props, calls };
}

const typical = [
  { topic: 'orders', access: 'subscribe', version: '1.1.0', dlq: 'orders.dlq' },
  { topic: 'orders.classified', access: 'publish', version: '1.1.0' },
] as const;

async function expectNoSeriousViolations() {
  const root = document.querySelector('.efs-events');
  if (!root) throw new Error('no events tab');
  const result = await axe.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

describe('EventsTab', () => {
  it('enables a subscription with the picked version and a DLQ', async () => {
    const { props, calls } = setup();
    await render(<EventsTab {...props} />);
    // Connections are named as people know them, not by their id.
    await expect.element(page.getByRole('row', { name: /^orders Local Kafka Subscribe/ })).toBeVisible();
    await page.getByRole('button', { name: 'Enable orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Enable subscribe access to orders' });
    await form.getByLabelText('Version').selectOptions('1.0.0');
    await form.getByLabelText('Enable Dead Letter Queue').click();
    await form.getByLabelText('Dead-letter topic').selectOptions('orders.dlq (Local Kafka)');
    await form.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect.poll(() => calls.enable).toEqual([
      { algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe', version: '1.0.0', dlq: { connection: 'local', topic: 'orders.dlq' } },
    ]);
    await expect.element(form).not.toBeInTheDocument();
  });

  it('warns on latest, sends no DLQ for a publication, and keeps the form open with a refusal', async () => {
    const { props, calls } = setup({
      onEnable: async (change) => {
        calls.enable.push(change);
        throw new Error('acme/classify has no grant to publish to "orders.dlq". Ask a cluster admin.');
      },
    });
    await render(<EventsTab {...props} />);
    await page.getByRole('button', { name: 'Enable orders.classified (publish)' }).click();
    const form = page.getByRole('form', { name: 'Enable publish access to orders.classified' });
    // The newest version is picked first; the publication has no DLQ checkbox.
    await expect.element(form.getByLabelText('Version')).toHaveValue('1.2.0');
    expect(form.getByLabelText('Enable Dead Letter Queue').query()).toBeNull();
    await form.getByLabelText('Version').selectOptions('latest');
    await expect.element(form.getByText(/Latest follows every new version/)).toBeVisible();
    await form.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('Ask a cluster admin');
    expect(calls.enable).toEqual([{ algorithm: 'acme/classify', connection: 'local', topic: 'orders.classified', access: 'publish', version: 'latest' }]);
  });

  it('edits an enabled subscription: turning its DLQ off sends dlq null', async () => {
    const { props, calls } = setup({}, [...typical]);
    await render(<EventsTab {...props} />);
    await page.getByRole('button', { name: 'Edit orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Save subscribe access to orders' });
    await expect.element(form.getByLabelText('Version')).toHaveValue('1.1.0');
    await expect.element(form.getByLabelText('Enable Dead Letter Queue')).toBeChecked();
    await form.getByLabelText('Enable Dead Letter Queue').click();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => calls.edit).toEqual([{ algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe', version: '1.1.0', dlq: null }]);
  });

  it('asks before disabling; cancel does nothing, confirm disables', async () => {
    const { props, calls } = setup({}, [...typical]);
    await render(<EventsTab {...props} />);
    const disable = page.getByRole('button', { name: 'Disable orders (subscribe)' });
    await disable.click();
    const dialog = page.getByRole('dialog');
    await expect.element(dialog).toHaveAttribute('aria-modal', 'true');
    await expect.element(dialog).toHaveTextContent('Afterwards the algorithm no longer has access');
    // Focus starts on Cancel and stays inside the dialog.
    await expect.element(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    await expect.element(dialog.getByRole('button', { name: 'Disable' })).toHaveFocus();
    await userEvent.keyboard('{Tab}');
    await expect.element(dialog.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await expectNoSeriousViolations();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.element(dialog).not.toBeInTheDocument();
    expect(calls.disable).toEqual([]);
    await expect.element(disable).toHaveFocus();

    await disable.click();
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
    expect(calls.disable).toEqual([]);

    await disable.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await expect.element(page.getByRole('dialog')).not.toBeInTheDocument();
    expect(calls.disable).toEqual([{ algorithm: 'acme/classify', connection: 'local', topic: 'orders', access: 'subscribe' }]);
  });

  it('shows the topic of a subscription’s DLQ as in use as the DLQ, with nothing to enable there', async () => {
    const { props } = setup({}, [{ topic: 'orders', access: 'subscribe', version: '1.1.0', dlq: 'orders.dlq' }]);
    await render(<EventsTab {...props} />);
    const dlqRow = page.getByRole('row', { name: /^orders\.dlq Local Kafka Publish/ });
    await expect.element(dlqRow).toHaveTextContent('In use as DLQ');
    await expect.element(dlqRow).toHaveTextContent('Change it on the subscription');
    expect(dlqRow.getByRole('button').all()).toHaveLength(0);
    await expect.element(page.getByRole('row', { name: /^orders\.classified Local Kafka Publish/ }).getByRole('button', { name: 'Enable orders.classified (publish)' })).toBeVisible();
    await expectNoSeriousViolations();
  });

  it('shows a viewer the rows without any button', async () => {
    const { props } = setup({ readOnly: true }, [...typical]);
    await render(<EventsTab {...props} />);
    await expect.element(page.getByRole('row', { name: /^orders\.dlq Local Kafka Publish/ })).toHaveTextContent('In use as DLQ');
    await expect.element(page.getByRole('row', { name: /^orders Local Kafka Subscribe/ })).toHaveTextContent('Enabled');
    expect(page.getByRole('button').all()).toHaveLength(0);
    expect(page.getByRole('columnheader', { name: 'Actions' }).query()).toBeNull();
  });

  it('holds actions while busy, shows an error, and passes axe in both themes', async () => {
    const { props } = setup({ busy: true, error: 'The bindings could not be loaded: the server is unreachable.' }, [...typical]);
    const { rerender } = await render(<EventsTab {...props} />);
    await expect.element(page.getByRole('alert')).toHaveTextContent('server is unreachable');
    await expect.element(page.getByRole('status')).toHaveTextContent('Working');
    for (const button of page.getByRole('button').all()) await expect.element(button).toBeDisabled();
    await expectNoSeriousViolations();
    await rerender(<EventsTab {...props} busy={false} error={null} theme="dark" />);
    await page.getByRole('button', { name: 'Edit orders.classified (publish)' }).click();
    await expectNoSeriousViolations();
  });

  it('offers as DLQ only the topics the algorithm may publish to, never its inputs, and preselects none', async () => {
    const catalog = demoCatalog();
    // classify may also read orders.dlq and publish to orders: neither may be the DLQ of its subscription to orders.
    catalog.grants.push(
      { connection: 'local', topic: 'orders.dlq', algorithm: 'acme/classify', access: 'subscribe' },
      { connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'publish' },
    );
    const calls: BindingChange[] = [];
    const props: EventsTabProps = {
      algorithm: 'acme/classify',
      ...exampleEventsTab(catalog, 'acme/classify', [{ topic: 'orders.dlq', access: 'subscribe', version: '1.2.0' }]),
      onEnable: async (change) => void calls.push(change),
      onEdit: async () => undefined,
      onDisable: async () => undefined,
    };
    await render(<EventsTab {...props} />);
    await page.getByRole('button', { name: 'Enable orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Enable subscribe access to orders' });
    await form.getByLabelText('Enable Dead Letter Queue').click();
    const picker = form.getByLabelText('Dead-letter topic');
    // Granted for publishing: orders.classified and orders.dlq; orders is this subscription's input and
    // orders.dlq is another input of classify; alerts and orders.enriched are not granted to classify.
    expect(picker.getByRole('option').elements().map((o) => o.textContent)).toEqual(['Pick a topic', 'orders.classified (Local Kafka)']);
    await expect.element(picker).toHaveValue('');
    await expect.element(form.getByRole('button', { name: 'Enable', exact: true })).toBeDisabled();
    await picker.selectOptions('orders.classified (Local Kafka)');
    await form.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect.poll(() => calls.map((c) => c.dlq)).toEqual([{ connection: 'local', topic: 'orders.classified' }]);
  });

  it('offers to request access a refusal says is missing, and shows the request’s state', async () => {
    const missing = { connection: 'local', topic: 'orders.dlq', algorithm: 'acme/classify', access: 'publish' as const };
    const refusal = Object.assign(new Error('This change was not made: acme/classify may not publish to "orders.dlq" on "local": a cluster admin has not granted it.'), {
      data: { code: 'FORBIDDEN', missingGrants: [missing] },
    });
    const requested: BindingChange[] = [];
    const { props } = setup({
      onEnable: async () => {
        throw refusal;
      },
      onRequestAccess: async (change) => void requested.push(change),
    });
    const { rerender } = await render(<EventsTab {...props} />);
    await page.getByRole('button', { name: 'Enable orders (subscribe)' }).click();
    const form = page.getByRole('form', { name: 'Enable subscribe access to orders' });
    await form.getByRole('button', { name: 'Enable', exact: true }).click();
    await expect.element(form.getByRole('alert')).toHaveTextContent('a cluster admin has not granted it');
    expect(form.getByText(/Request access from the plan/).query()).toBeNull();
    await form.getByRole('button', { name: 'Request access' }).click();
    await expect.poll(() => requested.length).toBe(1);
    await rerender(<EventsTab {...props} accessRequests={[{ ...missing, status: 'pending', reason: null }]} />);
    await expect.element(form.getByRole('status')).toHaveTextContent('Access requested — waiting for a cluster admin');
    // The tab lists what waits for a cluster admin, also once the form is closed.
    await expect.element(page.getByRole('region', { name: 'Access requested' })).toHaveTextContent('Publish to orders.dlq (Local Kafka) — waiting for a cluster admin');
    await rerender(<EventsTab {...props} accessRequests={[{ ...missing, status: 'approved', reason: null }]} />);
    await expect.element(form.getByRole('status')).toHaveTextContent('Access granted: enable it again.');
  });

  it('says it is loading, never that nothing is granted, until the rows come', async () => {
    const { props } = setup({ rows: [], loading: true });
    const { rerender } = await render(<EventsTab {...props} />);
    await expect.element(page.getByRole('status')).toHaveTextContent('Loading the topics acme/classify may access');
    expect(page.getByText(/has not been granted access/).query()).toBeNull();
    await rerender(<EventsTab {...props} loading={false} />);
    await expect.element(page.getByText(/has not been granted access/)).toBeVisible();
  });
});
