import { PlanReview } from '@event-flows/editor';
import { compile, demoCatalog, emptyActual, pipelineGraph, plan, type Grant } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, within } from 'storybook/test';

const missingGrant: Grant = { connection: 'local', topic: 'alerts', algorithm: 'acme/alert', access: 'publish' };

/** The demo pipeline's first deploy for a member, with the given grants not given yet. */
function pipelinePlan(missing: Grant[]) {
  const catalog = demoCatalog();
  const grants = catalog.grants.filter((g) => !missing.some((m) => m.algorithm === g.algorithm && m.topic === g.topic && m.access === g.access));
  return plan(compile(pipelineGraph(), { flowId: 'demo' }), { ...emptyActual(), grants }, { role: 'member' });
}

const meta = {
  title: 'Editor/PlanReview',
  component: PlanReview,
  args: { plan: pipelinePlan([]), onDeploy: fn(), onRequestAccess: fn() },
  argTypes: { plan: { control: false } },
  parameters: { layout: 'padded' },
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
    canvas.getByRole('button', { name: 'Request access' }).click();
    await expect(args.onRequestAccess).toHaveBeenCalledWith(missingGrant);
  },
};

/** The same plan in the dark theme. */
export const Dark: Story = { args: { theme: 'dark' } };
