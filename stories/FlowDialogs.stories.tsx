import type { FlowView, SaveConflict } from '@event-flows/client';
import { pipelineGraph } from '@event-flows/model';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, within } from 'storybook/test';
import { Button } from '../packages/editor/src/ui/index.ts';
import { ConflictDialog } from '../packages/plugin/src/flows/ConflictDialog.tsx';
import { DiscardEditsDialog } from '../packages/plugin/src/flows/DiscardEditsDialog.tsx';
import { withStudio } from './withStudio.tsx';

/** Someone's save that came first: revision 15 of the order pipeline. */
function conflictWith(updatedBy: string, updatedByName: string | null): SaveConflict {
  const theirs = { id: 'flow_orders', orgId: 'acme', name: 'Order pipeline', description: '', revision: 15, graph: pipelineGraph(), updatedBy, updatedByName, updatedAt: '2026-12-06T10:44:00.000Z', deployedRevision: 13 } as FlowView;
  return { mine: { id: 'flow_orders', baseRevision: 14, name: 'Order pipeline', description: '', graph: pipelineGraph() }, theirs };
}

/** Which dialog the story shows. */
type Kind = 'conflict' | 'conflict-mine' | 'discard-leave' | 'discard-rollback';

/** A dialog of the flow page, open (on the docs page it waits for its button); closing it says what was chosen. */
function FlowDialog({ kind, startOpen, onChoice }: { kind: Kind; startOpen: boolean; onChoice: (choice: string) => void }) {
  const [open, setOpen] = useState(startOpen);
  const [choice, setChoice] = useState<string | null>(null);
  const choose = (what: string) => {
    setOpen(false);
    setChoice(what);
    onChoice(what);
  };
  return (
    <div>
      <Button onClick={() => setOpen(true)}>Open the dialog</Button>
      {choice ? <p role="status">Chose: {choice}</p> : null}
      {open && kind.startsWith('conflict') ? (
        <ConflictDialog
          conflict={kind === 'conflict' ? conflictWith('dana', 'Dana Okafor-Lindqvist (payments platform team)') : conflictWith('max', 'Max (Acme member)')}
          signedInUserId="max"
          onKeepMine={() => choose('keep mine')}
          onReloadTheirs={() => choose('reload theirs')}
        />
      ) : null}
      {open && kind === 'discard-leave' ? <DiscardEditsDialog action="Leaving the flow" confirmLabel="Leave without saving" onConfirm={() => choose('leave')} onCancel={() => choose('cancel')} /> : null}
      {open && kind === 'discard-rollback' ? <DiscardEditsDialog action="Rolling back to revision 11" confirmLabel="Roll back to 11" onConfirm={() => choose('roll back')} onCancel={() => choose('cancel')} /> : null}
    </div>
  );
}

const meta = {
  title: 'Dialogs/Flow page',
  component: FlowDialog,
  decorators: [withStudio],
  args: { kind: 'conflict', startOpen: true, onChoice: fn() },
  argTypes: { kind: { control: 'inline-radio', options: ['conflict', 'conflict-mine', 'discard-leave', 'discard-rollback'] }, startOpen: { control: false } },
  render: (args, context) => <FlowDialog {...args} startOpen={context.viewMode !== 'docs'} />,
} satisfies Meta<typeof FlowDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Someone else saved first: who, which revision after which; Escape does not dismiss it, a choice does. */
export const SomeoneSavedFirst: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const dialog = canvas.getByRole('alertdialog', { name: 'Someone saved this flow first' });
    await expect(dialog).toHaveTextContent('Dana Okafor-Lindqvist (payments platform team) saved revision 15 after revision 14, which your edit started from.');
    await expect(within(dialog).getByRole('button', { name: 'Reload theirs (drop my edit)' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(dialog).toHaveAttribute('open');
    await expect(args.onChoice).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep mine (save on top of theirs)' }));
    await expect(canvas.getByRole('status')).toHaveTextContent('Chose: keep mine');
    // Left open, as the story shows it.
    await userEvent.click(canvas.getByRole('button', { name: 'Open the dialog' }));
  },
};

/** The person's own save in another tab came first: said as "you, in another tab". */
export const SaveConflictWithMyOtherTab: Story = {
  args: { kind: 'conflict-mine' },
  play: async ({ canvasElement }) => {
    const dialog = within(canvasElement).getByRole('alertdialog', { name: 'You saved this flow in another tab first' });
    await expect(dialog).toHaveTextContent('You, in another tab, saved revision 15');
  },
};

/** Leaving a flow with unsaved edits asks first; Cancel keeps editing. */
export const DiscardOnLeave: Story = {
  args: { kind: 'discard-leave' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const dialog = canvas.getByRole('dialog', { name: 'Drop your unsaved changes?' });
    await expect(dialog).toHaveAccessibleDescription(/Leaving the flow drops them; Cancel keeps editing\./);
    await userEvent.keyboard('{Escape}');
    await expect(args.onChoice).toHaveBeenCalledWith('cancel');
    await userEvent.click(canvas.getByRole('button', { name: 'Open the dialog' }));
  },
};

/** Rolling back with unsaved edits asks first. */
export const DiscardOnRollback: Story = {
  args: { kind: 'discard-rollback' },
  play: async ({ canvasElement }) => {
    const dialog = within(canvasElement).getByRole('dialog', { name: 'Drop your unsaved changes?' });
    await expect(within(dialog).getByRole('button', { name: 'Roll back to 11' })).toBeVisible();
  },
};
