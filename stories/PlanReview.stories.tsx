import { PlanReview } from '@event-flows/editor';
import {
  applyPlan,
  blockedGrants,
  compile,
  demoCatalog,
  earlierPipelineGraph,
  emptyActual,
  generateFlow,
  pipelineGraph,
  plan,
  runtimeClientId,
  type Actual,
  type FlowGraph,
  type Grant,
  type PutBack,
} from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, within } from 'storybook/test';

const missingGrant: Grant = { connection: 'local', topic: 'alerts', algorithm: 'acme/alert', access: 'publish' };
const ordersGrant: Grant = { connection: 'local', topic: 'orders', algorithm: 'acme/classify', access: 'subscribe' };
const enrichGrant: Grant = { connection: 'local', topic: 'orders.enriched', algorithm: 'acme/enrich', access: 'publish' };

/** The demo pipeline's first deploy for a member, with the given grants not given yet. */
function pipelinePlan(missing: Grant[]) {
  const catalog = demoCatalog();
  const grants = catalog.grants.filter((g) => !missing.some((m) => m.algorithm === g.algorithm && m.topic === g.topic && m.access === g.access));
  return plan(compile(pipelineGraph(), { flowId: 'demo' }), { ...emptyActual(), grants }, { role: 'member' });
}

const meta = {
  title: 'Panels/Plan review',
  component: PlanReview,
  args: { plan: pipelinePlan([]), onDeploy: fn(), onRequestAccess: fn(), theme: 'light' },
  // The theme comes from the toolbar's switch (the preview's decorator).
  argTypes: { plan: { control: false }, theme: { control: false } },
  // A margin round the panel, in the theme's page colour (the preview's decorator).
  parameters: { padded: true },
} satisfies Meta<typeof PlanReview>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A first deploy with every grant in place: topics, ACLs and bindings; deploy is offered. */
export const Ready: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    canvas.getByRole('button', { name: 'Deploy' }).click();
    await expect(args.onDeploy).toHaveBeenCalledTimes(1);
  },
};

/** A member's plan that needs a grant only a cluster admin can give. */
export const BlockedOnGrant: Story = {
  args: { plan: pipelinePlan([missingGrant]) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Request access for acme/alert publish "alerts"' }));
    await expect(args.onRequestAccess).toHaveBeenCalledWith([missingGrant]);
  },
};

/** The same plan in the dark theme. */
export const Dark: Story = {
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    // The toolbar's theme reaches the plan review, which takes it as a prop.
    await expect(within(canvasElement).getByRole('region', { name: 'Plan review' })).toHaveAttribute('data-theme', 'dark');
  },
};

/**
 * Three blocked grants in each state the server reports: one requested, one rejected with the
 * admin's reason (asked for again from its row), one never asked for, which is all "Request access
 * for all" files.
 */
export const RequestStates: Story = {
  args: {
    plan: pipelinePlan([missingGrant, ordersGrant, enrichGrant]),
    accessRequests: [
      { ...missingGrant, status: 'pending', reason: null },
      { ...ordersGrant, status: 'rejected', reason: 'Read orders.eu instead; orders is being retired.' },
    ],
  },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('1 grant not requested · 1 requested · 1 rejected')).toBeVisible();
    await expect(canvas.getByText('Requested')).toBeVisible();
    await expect(canvas.getByText('Rejected: Read orders.eu instead; orders is being retired.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Request access for all' }));
    await expect(args.onRequestAccess).toHaveBeenCalledWith([enrichGrant]);
    await userEvent.click(canvas.getByRole('button', { name: 'Request again for acme/classify subscribe "orders"' }));
    await expect(args.onRequestAccess).toHaveBeenLastCalledWith([ordersGrant]);
  },
};

/** The request states in the dark theme. */
export const RequestStatesDark: Story = { ...RequestStates, globals: { theme: 'dark' } };

/** A member's first deploy of a generated 1,000-node flow nobody granted: about 1,500 blocked grants. */
function largePlan() {
  const big = generateFlow(1_000);
  return plan(compile(big.graph, { flowId: 'big' }), { ...big.actual, grants: [] }, { role: 'member' });
}
const large = largePlan();

/**
 * At scale: every long section in collapsed groups by algorithm (or connection) with counts, one
 * "Request access for all", and only the rows in view drawn.
 */
export const LargePlan: Story = {
  args: { plan: large, accessRequests: blockedGrants(large).slice(0, 40).map((g) => ({ ...g, status: 'pending' as const, reason: null })), connectionNames: new Map([['local', 'Local Kafka']]) },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getAllByRole('button', { name: 'Request access for all' })).toHaveLength(1);
    const group = canvas.getAllByRole('button', { name: /^acme\/algo-0 \(\d+\)$/ })[0] as HTMLElement;
    await expect(group).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(group);
    await expect(group).toHaveAttribute('aria-expanded', 'true');
    await expect(canvasElement.querySelectorAll('.efs-plan li').length).toBeLessThan(200);
    await userEvent.click(canvas.getByRole('button', { name: 'Request access for all' }));
    await expect(args.onRequestAccess).toHaveBeenCalledWith(expect.arrayContaining([blockedGrants(large)[40]]));
  },
};

/** The large plan in the dark theme. */
export const LargePlanDark: Story = { ...LargePlan, globals: { theme: 'dark' } };

/** Kafka as the demo pipeline's first deploy leaves it, for plans made after it. */
function deployedPipeline() {
  const catalog = demoCatalog();
  const actual = { ...emptyActual(), grants: catalog.grants };
  return applyPlan(actual, plan(compile(pipelineGraph(), { flowId: 'demo' }), actual, { role: 'member' }));
}

/** The flow as deployed: nothing to change, so there is nothing to deploy. */
export const NothingToDo: Story = {
  args: { plan: plan(compile(pipelineGraph(), { flowId: 'demo' }), deployedPipeline(), { role: 'member' }) },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    await expect(canvas.queryByRole('button', { name: /^Request access/ })).toBeNull();
  },
};

/** The alert step taken out of the deployed flow: its binding stops and the ACLs only it used are removed. */
export const Removals: Story = {
  args: {
    plan: (() => {
      const graph = pipelineGraph();
      const withoutAlert = { nodes: graph.nodes.filter((n) => n.id !== 'a-alert'), edges: graph.edges.filter((e) => e.source !== 'a-alert' && e.target !== 'a-alert') };
      return plan(compile(withoutAlert, { flowId: 'demo' }), deployedPipeline(), { role: 'member' });
    })(),
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Deploy' })).toBeEnabled();
    await expect(canvasElement).toHaveTextContent(/acme\/alert/);
    await expect(canvasElement).toHaveTextContent(/[Ss]top/);
  },
};

/**
 * A redeploy of the demo pipeline over its earlier revision, changed on the cluster meanwhile: orders
 * grew to 6 partitions and a day's retention, and one ACL was deleted by hand. The current flow asks
 * for 3 partitions, a week's retention and classify at concurrency 8.
 */
function editedPlan() {
  const catalog = demoCatalog();
  const onCluster: Actual = {
    ...emptyActual(),
    grants: catalog.grants,
    topics: catalog.connections.flatMap((c) => c.topics.map((t) => ({ connection: c.id, topic: t.name, partitions: t.partitions ?? 1 }))),
  };
  const earlier = compile(earlierPipelineGraph(), { flowId: 'demo' });
  const deployed = applyPlan(onCluster, plan(earlier, onCluster, { role: 'admin' }));
  const [gone] = deployed.acls;
  const drifted: Actual = {
    ...deployed,
    acls: deployed.acls.slice(1),
    topics: deployed.topics.map((t) => (t.topic === 'orders' ? { ...t, partitions: 6, configs: { 'retention.ms': '86400000' } } : t)),
  };
  const graph = pipelineGraph();
  const now: FlowGraph = {
    ...graph,
    nodes: graph.nodes.map((n) => {
      if (n.kind === 'topic' && n.topic === 'orders') return { ...n, create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } } };
      if (n.kind === 'algorithm' && n.algorithm === 'acme/classify') return { ...n, concurrency: 8 };
      return n;
    }),
  };
  const made = plan(compile(now, { flowId: 'demo' }), drifted, { role: 'admin' });
  if (!gone) throw new Error('the earlier revision made no ACL');
  return {
    ...made,
    alsoAffects: [
      { connection: 'local', topic: 'orders', flows: ['Audit trail', 'Fraud checks'], consumerGroups: ['billing', 'warehouse-sync'] },
      { connection: 'local', topic: 'orders.dlq', flows: [], consumerGroups: ['dlq-inspector'] },
    ],
  };
}

/**
 * A redeploy: each step lists the fields it changes before → after, who else uses its topic, and
 * each drift finding offers "Put it back" or "Take the live value into the flow".
 */
export const FieldChanges: Story = {
  args: { plan: editedPlan(), onTakeLiveValue: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const updates = canvas.getByRole('list', { name: /Bindings to update/ });
    await expect(within(updates).getAllByRole('list', { name: 'Changes' })[0]).toHaveTextContent('version: 1.1.0 → 1.2.0');
    const choices = canvas.getAllByRole('radio', { name: 'Take the live value into the flow' });
    await userEvent.click(choices[0] as HTMLElement);
    await expect(args.onTakeLiveValue).toHaveBeenCalledTimes(1);
  },
};

/** The same redeploy in the dark theme. */
export const FieldChangesDark: Story = { ...FieldChanges, globals: { theme: 'dark' } };

const retentionBack: PutBack = { kind: 'topic-config', connection: 'local', topic: 'orders', key: 'retention.ms' };

/**
 * A deployed pipeline whose orders topic runs with a day's retention and 2 partitions (the flow: a
 * week and 3), and whose classify group has a member that is not the studio's runtime: the person
 * chose to put the retention back, so the plan carries that action, field by field.
 */
function putBackPlan() {
  const graph = pipelineGraph();
  const now: FlowGraph = {
    ...graph,
    nodes: graph.nodes.map((n) => (n.kind === 'topic' && n.topic === 'orders' ? { ...n, create: { partitions: 3, replicationFactor: 1, config: { 'retention.ms': '604800000' } } } : n)),
  };
  const desired = compile(now, { flowId: 'demo' });
  const catalog = demoCatalog();
  const empty: Actual = { ...emptyActual(), grants: catalog.grants };
  const deployed = applyPlan(empty, plan(desired, empty, { role: 'admin' }));
  const group = 'eventflows.acme.classify.orders';
  const drifted: Actual = {
    ...deployed,
    topics: deployed.topics.map((t) => (t.topic === 'orders' ? { ...t, partitions: 2, configs: { 'retention.ms': '86400000' } } : t)),
    groups: [{ connection: 'local', groupId: group, members: [{ clientId: runtimeClientId('User:eventflows.acme.classify'), clientHost: '/127.0.0.1' }, { clientId: 'reporting-app', clientHost: '/10.0.0.7' }], offsetTopics: ['orders'] }],
  };
  return plan(desired, drifted, { role: 'member', putBack: [retentionBack] });
}

/** Drift put back: the chosen finding's action under "Topics to put back", the others still offered, the group's reported only. */
export const DriftPutBack: Story = {
  args: { plan: putBackPlan(), putBack: [retentionBack], onPutBack: fn(), onTakeLiveValue: fn(), onDeploy: fn() },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('list', { name: /Topics to put back/ })).toHaveTextContent('retention.ms: 86400000 → 604800000');
    await expect(canvas.getByRole('list', { name: /Drift/ })).toHaveTextContent('Report only');
    const partitions = canvas.getByRole('radiogroup', { name: /2 partitions/ });
    await userEvent.click(within(partitions).getByRole('radio', { name: 'Put it back' }));
    await expect(args.onPutBack).toHaveBeenCalledWith({ kind: 'topic-partitions', connection: 'local', topic: 'orders' }, true);
  },
};

/** The same in the dark theme. */
export const DriftPutBackDark: Story = { ...DriftPutBack, globals: { theme: 'dark' } };
