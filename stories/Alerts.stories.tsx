import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';
import { AlertsView, type AlertEventView, type AlertRuleView } from '../packages/plugin/src/deploy/AlertsView.tsx';
import { withStudio } from './withStudio.tsx';

const classify = { algorithm: 'acme/classify', connection: 'local', topic: 'orders' };
const enrich = { algorithm: 'acme/enrich', connection: 'local', topic: 'orders.classified' };

const rules: AlertRuleView[] = [
  { id: 'r1', name: 'Orders falling behind', binding: null, condition: { kind: 'lag-seconds', above: 300, forMinutes: 10 }, described: 'oldest waiting message older than 300 s for 10 minutes', webhook: 'https://hooks.slack.com/…', silencedUntil: null },
  { id: 'r2', name: 'Dead letters from classify', binding: classify, condition: { kind: 'dlq-growth', atLeast: 25, windowMinutes: 15 }, described: '25 dead letters or more within 15 minutes', webhook: null, silencedUntil: '2099-01-01T00:00:00.000Z' },
  { id: 'r3', name: 'Enrich in error', binding: enrich, condition: { kind: 'binding-error', forMinutes: 0 }, described: 'binding in error', webhook: 'https://chat.example.com/…', silencedUntil: null },
];

const fired: AlertEventView = {
  id: 41,
  ruleId: 'r2',
  binding: classify,
  kind: 'fired',
  message: 'Dead letters from classify: 25 dead letters or more within 15 minutes — now 1,204 dead letters in the last 15 minutes. acme/classify on "orders" (local), flow "Order pipeline".',
  notified: 'silenced',
  at: '2026-12-07T06:58:00.000Z',
};
const history: AlertEventView[] = [
  fired,
  { ...fired, id: 40, ruleId: 'r3', binding: enrich, kind: 'resolved', message: 'Enrich in error is resolved: now binding running. acme/enrich on "orders.classified" (local), flow "Order pipeline".', notified: 'sent', at: '2026-12-07T06:40:00.000Z' },
  { ...fired, id: 39, ruleId: 'r3', binding: enrich, kind: 'fired', message: 'Enrich in error: binding in error — now binding error. acme/enrich on "orders.classified" (local), flow "Order pipeline".', notified: 'failed: the webhook answered HTTP 500', at: '2026-12-07T06:31:00.000Z' },
];

const meta = {
  title: 'Panels/Alerts',
  component: AlertsView,
  decorators: [withStudio],
  args: { rules, firing: [fired], history, subscriptions: [classify, enrich], readOnly: false, onSave: fn(async () => undefined), onRemove: fn(async () => undefined), onSilence: fn(async () => undefined) },
  argTypes: { rules: { control: false }, firing: { control: false }, history: { control: false }, subscriptions: { control: false } },
  parameters: { padded: true },
} satisfies Meta<typeof AlertsView>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One alert firing (silenced), three rules, and what fired and resolved before, a failed delivery among them. */
export const Firing: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('list', { name: 'Firing now' })).toHaveTextContent('Dead letters from classify on acme/classify ← orders');
    await expect(canvas.getByRole('list', { name: 'Alert history' })).toHaveTextContent('not delivered: the webhook answered HTTP 500');
  },
};

/** A flow without rules: the panel says what a rule is for. */
export const NoRules: Story = {
  args: { rules: [], firing: [], history: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Nothing is firing.')).toBeVisible();
    await expect(canvas.getByText(/No rules yet\. Add one/)).toBeVisible();
  },
};

/** The form for a new rule, open, with a wrong figure and its sentence. */
export const NewRuleWithProblem: Story = {
  args: { rules: [], firing: [], history: [] },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'New alert rule' }));
    await userEvent.type(canvas.getByLabelText('Name'), 'Orders falling behind');
    await userEvent.clear(canvas.getByLabelText('For (minutes)'));
    await userEvent.type(canvas.getByLabelText('For (minutes)'), 'soon');
    await userEvent.click(canvas.getByRole('button', { name: 'Add rule' }));
    await expect(canvas.getByRole('alert')).toHaveTextContent('For (minutes) is a whole number from 0 to 1,440.');
  },
};

/** A viewer sees the rules and what fires, with nothing to change. */
export const Viewer: Story = {
  args: { readOnly: true },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryAllByRole('button')).toHaveLength(0);
  },
};
