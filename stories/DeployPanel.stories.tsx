import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { DeployView, type DeployEvent, type DeployOutcome, type DeployViewProps } from '../packages/plugin/src/deploy/DeployView.tsx';
import { clusterNames, missingAlertsGrant, pipelinePlan, progressDone, progressFailed, progressHalfway } from './flowPanelData.ts';
import { withStudio } from './withStudio.tsx';

const ready = { state: 'ready', revision: 14, plan: pipelinePlan() } as const;

/** The panel at its width beside the canvas. */
function Panel(props: DeployViewProps) {
  return (
    <aside aria-label="Flow panel" className="efs-app__panel" style={{ width: 420, flex: 'none' }}>
      <DeployView {...props} />
    </aside>
  );
}

const meta = {
  title: 'Panels/Deploy',
  component: Panel,
  decorators: [withStudio],
  args: {
    plan: ready,
    progress: [],
    deploying: false,
    outcome: null,
    theme: 'light',
    connectionNames: clusterNames,
    onDeploy: fn(),
    onPlanAgain: fn(),
    onRequestAccess: fn(),
  },
  argTypes: { plan: { control: false }, progress: { control: false }, connectionNames: { control: false }, theme: { control: false } },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

const deployDone: DeployOutcome = { text: 'Deployed revision 14.', tone: 'success' };

/** Brings the deploy's progress into view, below the plan, as a person scrolls to it. */
const showProgress = (canvasElement: HTMLElement) => within(canvasElement).getByRole('region', { name: 'Deploy progress' }).scrollIntoView({ block: 'end' });

/** The plan is on its way from the server. */
export const Planning: Story = {
  args: { plan: { state: 'loading' } },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Planning…');
    await expect(within(canvasElement).queryByRole('button', { name: 'Deploy' })).toBeNull();
  },
};

/** The server could not plan (a cluster does not answer): said as an alert, with Plan again. */
export const PlanFailed: Story = {
  args: { plan: { state: 'error', message: 'Connection "US production (us-east-2)" did not answer within 10 s. Check that its brokers are reachable.' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('Could not plan the flow: Connection "US production (us-east-2)" did not answer');
    await userEvent.click(canvas.getByRole('button', { name: 'Plan again' }));
    await expect(args.onPlanAgain).toHaveBeenCalledTimes(1);
  },
};

/** A first deploy with every grant in place: Deploy is offered; nothing was deployed from here yet. */
export const Ready: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Nothing deployed from this panel yet.')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));
    await expect(args.onDeploy).toHaveBeenCalledTimes(1);
  },
};

/** Deploying: the steps done so far, and a spinner; Plan again waits. */
export const InProgress: Story = {
  args: { progress: progressHalfway, deploying: true },
  play: async ({ canvasElement }) => {
    showProgress(canvasElement);
    const canvas = within(canvasElement);
    const steps = canvas.getByRole('list', { name: 'Deploy steps' });
    await expect(within(steps).getAllByRole('listitem')).toHaveLength(3);
    await expect(canvas.getByText('Deploying…')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Plan again' })).toBeDisabled();
  },
};

/** Deployed: every step succeeded, the outcome says which revision runs. */
export const Done: Story = {
  args: { progress: progressDone, outcome: deployDone },
  play: async ({ canvasElement }) => {
    showProgress(canvasElement);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('status')).toHaveTextContent('Deployed revision 14.');
    const finished = canvasElement.querySelector('li[data-kind="finished"]');
    await expect(finished).toHaveAttribute('data-status', 'succeeded');
  },
};

/** The broker refused a consumer group: the failed step says why in full, and so does the outcome. */
export const Failed: Story = {
  args: {
    progress: progressFailed,
    outcome: { text: 'Deploy failed: GROUP_AUTHORIZATION_FAILED: the broker refused consumer group algo.acme.enrich.orders.classified for User:algo.acme.enrich', tone: 'error' },
  },
  play: async ({ canvasElement }) => {
    showProgress(canvasElement);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent(/^Deploy failed: GROUP_AUTHORIZATION_FAILED/);
    const failed = canvasElement.querySelector('li[data-kind="step"][data-status="failed"]');
    await expect(failed).toHaveTextContent(/Start 3 bindings.*failed.*GROUP_AUTHORIZATION_FAILED/);
  },
};

/** Someone saved a newer revision between plan and deploy: the server refuses, the panel says to plan again. */
export const Conflict: Story = {
  args: { outcome: { text: 'Deploy failed: The plan was made for revision 14, but the flow is at revision 15. Review the new plan and deploy again.', tone: 'error' } },
  play: async ({ canvasElement, args }) => {
    showProgress(canvasElement);
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('alert')).toHaveTextContent('Review the new plan and deploy again.');
    await userEvent.click(canvas.getByRole('button', { name: 'Plan again' }));
    await expect(args.onPlanAgain).toHaveBeenCalled();
  },
};

/** A member's plan that needs a grant: Deploy is disabled; requesting access says what was filed. */
export const NeedsGrants: Story = {
  args: { plan: { state: 'ready', revision: 14, plan: pipelinePlan([missingAlertsGrant]) }, outcome: { text: 'Access requested: 1 grant request filed for a cluster admin.', tone: 'success' } },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Deploy' })).toBeDisabled();
    await userEvent.click(canvas.getByRole('button', { name: 'Request access for acme/alert publish "alerts"' }));
    await expect(args.onRequestAccess).toHaveBeenCalledWith([missingAlertsGrant]);
  },
};

/** The whole run, as a person sees it: Deploy, the steps arriving one by one, then "Deployed revision 14.". */
function DeployRun(props: DeployViewProps) {
  const [progress, setProgress] = useState<DeployEvent[]>([]);
  const [deploying, setDeploying] = useState(false);
  const [outcome, setOutcome] = useState<DeployOutcome | null>(null);
  const deploy = () => {
    setDeploying(true);
    setOutcome(null);
    progressDone.forEach((event, i) =>
      setTimeout(() => {
        setProgress((list) => [...list, event]);
        if (event.kind === 'finished') {
          setDeploying(false);
          setOutcome(deployDone);
        }
      }, 150 * (i + 1)),
    );
  };
  return <Panel {...props} progress={progress} deploying={deploying} outcome={outcome} onDeploy={deploy} />;
}

/** Deploy, watched: the progress fills in, then the outcome says the revision runs. */
export const DeployAndWatch: Story = {
  render: (args) => <DeployRun {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Deploy' }));
    await expect(canvas.getByText('Deploying…')).toBeVisible();
    await waitFor(() => expect(canvasElement.querySelector('[role="status"].efs-deploy__outcome')).toHaveTextContent('Deployed revision 14.'), { timeout: 5_000 });
    await expect(within(canvas.getByRole('list', { name: 'Deploy steps' })).getAllByRole('listitem')).toHaveLength(5);
  },
};
