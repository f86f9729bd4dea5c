import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { HistoryView, type HistoryViewProps } from '../packages/plugin/src/deploy/HistoryView.tsx';
import { deployments, diff13to14, revisions } from './flowPanelData.ts';
import { withStudio } from './withStudio.tsx';

/** The panel at its width beside the canvas. */
function Panel(props: HistoryViewProps) {
  return (
    <aside aria-label="Flow panel" className="efs-app__panel" style={{ width: 420, flex: 'none' }}>
      <HistoryView {...props} />
    </aside>
  );
}

const meta = {
  title: 'Panels/History/Panel',
  component: Panel,
  decorators: [withStudio],
  args: {
    revisions: { state: 'ready', data: revisions },
    deployments: { state: 'ready', data: deployments },
    deployedRevision: 13,
    currentRevision: 14,
    shownRevision: null,
    canRollBack: true,
    rollingBack: false,
    onShowChanges: fn(),
    onRollBack: fn(),
    compare: { from: 13, to: 14 },
    onCompareChange: fn(),
    onCompare: fn(),
    diff: null,
    showChangesError: null,
    confirmRollback: null,
    onConfirmRollback: fn(),
    onCancelRollback: fn(),
    rollbackError: null,
    rolledBackAs: null,
  },
  argTypes: { revisions: { control: false }, deployments: { control: false }, diff: { control: false }, compare: { control: false } },
} satisfies Meta<typeof Panel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Revisions with who and when (a service account by its id), the deployed one marked; deployments with their outcome. */
export const Typical: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const list = within(canvas.getByRole('list', { name: 'Revisions' }));
    await expect(list.getAllByRole('listitem')[1]).toHaveTextContent(/Revision 13.*Deployed/);
    await expect(list.getAllByRole('listitem')[2]).toHaveTextContent('User id: svc-deploy-bot-eu-west-1');
    const table = within(canvas.getByRole('table', { name: 'Deployments' }));
    await expect(table.getAllByRole('row')[2]).toHaveTextContent(/1,280.*deploy revision 12.*failed/);
    await userEvent.click(list.getByRole('button', { name: 'Roll back to 11' }));
    await expect(args.onRollBack).toHaveBeenCalledWith(11);
  },
};

/** Revisions and deployments on their way. */
export const Loading: Story = {
  args: { revisions: { state: 'loading' }, deployments: { state: 'loading' }, compare: { from: null, to: null } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('Loading the revisions…')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Compare' })).toBeDisabled();
  },
};

/** The server refused: each part says why. */
export const ServerError: Story = {
  args: {
    revisions: { state: 'error', message: 'The server did not answer; check your connection and try again.' },
    deployments: { state: 'error', message: 'The server did not answer; check your connection and try again.' },
  },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getAllByRole('alert')).toHaveLength(2);
  },
};

/** A new flow: one revision, never deployed. */
export const NeverDeployed: Story = {
  args: { revisions: { state: 'ready', data: revisions.slice(-1) }, deployments: { state: 'ready', data: [] }, deployedRevision: null, currentRevision: 1 },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText('No deployments')).toBeVisible();
    await expect(canvas.getByText('One revision so far: nothing to compare yet.')).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Compare' })).toBeNull();
    await expect(canvas.queryByRole('button', { name: /^Roll back/ })).toBeNull();
  },
};

/** Revision 13 compared with 14: added, changed and removed, each marked in its colour and said in words. */
export const Diff: Story = {
  args: { diff: { state: 'ready', data: diff13to14 } },
  play: async ({ canvasElement }) => {
    const items = within(within(canvasElement).getByRole('list', { name: 'Differences' })).getAllByRole('listitem');
    await expect(items).toHaveLength(4);
    await expect(items[3]).toHaveTextContent('Removed: topic orders.audit');
  },
};

/** Rolling back with unsaved edits asks first; the dialog is open. */
export const RollbackConfirmOpen: Story = {
  args: { confirmRollback: 11 },
  render: (args, context) => <Panel {...args} confirmRollback={context.viewMode === 'docs' ? null : args.confirmRollback} />,
  play: async ({ canvasElement, args }) => {
    const dialog = within(canvasElement).getByRole('dialog', { name: 'Drop your unsaved changes?' });
    await expect(dialog).toHaveAccessibleDescription(/Rolling back to revision 11 drops them/);
    await expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Roll back to 11' }));
    await expect(args.onConfirmRollback).toHaveBeenCalled();
  },
};

/** A rollback done: saved as a new revision, with what to do next; and a failed one. */
export const RolledBack: Story = {
  args: { rolledBackAs: 15, currentRevision: 15 },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('status')).toHaveTextContent('Rolled back: saved as revision 15. Deploy it to roll Kafka back too.');
  },
};

/** The rollback was refused: someone saved meanwhile. */
export const RollbackFailed: Story = {
  args: { rollbackError: 'The flow changed meanwhile; reload it and roll back again.' },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByRole('alert')).toHaveTextContent('reload it and roll back again');
  },
};

/** A viewer: history and changes, no rollback. */
export const Viewer: Story = {
  args: { canRollBack: false },
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).queryByRole('button', { name: /^Roll back/ })).toBeNull();
  },
};

/** Pick two revisions and Compare: the differences appear under the form. */
function Comparing(props: HistoryViewProps) {
  const [compare, setCompare] = useState(props.compare);
  const [diff, setDiff] = useState<HistoryViewProps['diff']>(null);
  return <Panel {...props} compare={compare} onCompareChange={setCompare} diff={diff} onCompare={() => setDiff({ state: 'ready', data: diff13to14 })} />;
}

/** Comparing two revisions, as a person does it. */
export const CompareRevisions: Story = {
  render: (args) => <Comparing {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'From' }), '11');
    await expect(canvas.getByRole('combobox', { name: 'From' })).toHaveValue('11');
    await userEvent.click(canvas.getByRole('button', { name: 'Compare' }));
    await waitFor(() => expect(canvas.getByRole('list', { name: 'Differences' })).toHaveTextContent('Added: algorithm acme/alert 2.0.0'));
  },
};
