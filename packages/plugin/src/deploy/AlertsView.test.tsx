import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanup, render } from 'vitest-browser-react';
import '../app/studio.css';
import { AlertsView, type AlertDraft, type AlertRuleView, type AlertsViewProps } from './AlertsView.tsx';

afterEach(() => cleanup());

const classify = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
const rule: AlertRuleView = {
  id: 'alert_1',
  name: 'Orders falling behind',
  binding: null,
  condition: { kind: 'lag-messages', above: 1_000, forMinutes: 5 },
  described: 'lag above 1,000 messages for 5 minutes',
  webhook: 'https://hooks.slack.com/…',
  silencedUntil: null,
};

function props(overrides: Partial<AlertsViewProps> = {}): AlertsViewProps {
  return {
    rules: [],
    firing: [],
    history: [],
    subscriptions: [classify],
    onSave: vi.fn(async () => undefined),
    onRemove: vi.fn(async () => undefined),
    onSilence: vi.fn(async () => undefined),
    ...overrides,
  };
}

describe('AlertsView', () => {
  it('adds a rule on one subscription, saying first which field is wrong', async () => {
    const onSave = vi.fn(async (_draft: AlertDraft) => undefined);
    await render(<div className="efs-app"><AlertsView {...props({ onSave })} /></div>);
    await userEvent.click(page.getByRole('button', { name: 'New alert rule' }));
    const form = page.getByRole('form', { name: 'New alert rule' });
    await userEvent.fill(form.getByLabelText('Name'), 'Dead letters on orders');
    await userEvent.selectOptions(form.getByLabelText('Watches'), 'acme/classify ← orders');
    await userEvent.selectOptions(form.getByLabelText('Condition'), 'Dead letters');
    await userEvent.fill(form.getByLabelText('New dead letters at least'), '0');
    await userEvent.click(form.getByRole('button', { name: 'Add rule' }));
    await expect.element(form.getByRole('alert')).toHaveTextContent('New dead letters at least is at least 1.');
    await userEvent.fill(form.getByLabelText('New dead letters at least'), '3');
    await userEvent.fill(form.getByLabelText('Within (minutes)'), '2000');
    await userEvent.click(form.getByRole('button', { name: 'Add rule' }));
    await expect.element(form.getByRole('alert')).toHaveTextContent('Within (minutes) is a whole number from 1 to 1,440.');
    expect(onSave).not.toHaveBeenCalled();
    await userEvent.fill(form.getByLabelText('Within (minutes)'), '10');
    await userEvent.fill(form.getByLabelText('Webhook (Slack-compatible)'), 'https://hooks.slack.com/services/T/B/x');
    await userEvent.click(form.getByRole('button', { name: 'Add rule' }));
    await expect.poll(() => onSave.mock.calls.length).toBe(1);
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      rule: { name: 'Dead letters on orders', binding: classify, condition: { kind: 'dlq-growth', atLeast: 3, windowMinutes: 10 } },
      webhook: 'https://hooks.slack.com/services/T/B/x',
    });
    // Saved, the form closes.
    await expect.element(page.getByRole('form', { name: 'New alert rule' })).not.toBeInTheDocument();
  });

  it("keeps the form open with the server's sentence when the save is refused", async () => {
    const onSave = vi.fn(async () => {
      throw new Error('Alerts are not sent to 10.0.0.1, an address on this machine or a private network.');
    });
    await render(<div className="efs-app"><AlertsView {...props({ onSave, rules: [rule] })} /></div>);
    await userEvent.click(page.getByRole('button', { name: 'Edit Orders falling behind' }));
    const form = page.getByRole('form', { name: 'Edit alert rule Orders falling behind' });
    await expect.element(form.getByLabelText('Messages waiting above')).toHaveValue('1000');
    await userEvent.fill(form.getByLabelText('Webhook (Slack-compatible)'), 'http://10.0.0.1/hook');
    await userEvent.click(form.getByRole('button', { name: 'Save rule' }));
    await expect.element(form.getByRole('alert')).toHaveTextContent('private network');
    await expect.element(form.getByLabelText('Name')).toHaveValue('Orders falling behind');
  });

  it('shows what fires and what fired; a viewer sees it all and can change nothing', async () => {
    const fired = { id: 2, ruleId: 'alert_1', binding: classify, kind: 'fired' as const, message: 'Orders falling behind: lag above 1,000 messages for 5 minutes — now lag 4,200 messages.', notified: 'sent', at: '2026-12-07T07:00:00Z' };
    await render(<div className="efs-app"><AlertsView {...props({ rules: [rule], firing: [fired], history: [fired], readOnly: true })} /></div>);
    await expect.element(page.getByRole('list', { name: 'Firing now' })).toHaveTextContent('Orders falling behind on acme/classify ← orders since 7 Dec 2026');
    await expect.element(page.getByRole('list', { name: 'Alert rules' })).toHaveTextContent('When lag above 1,000 messages for 5 minutes');
    await expect.element(page.getByRole('list', { name: 'Alert history' })).toHaveTextContent('Fired: Orders falling behind: lag above 1,000 messages for 5 minutes — now lag 4,200 messages. (sent to the webhook)');
    expect(page.getByRole('button').all()).toHaveLength(0);
  });
});
