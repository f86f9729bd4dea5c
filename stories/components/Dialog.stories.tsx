import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { Button, ConfirmDialog, Dialog } from '../../packages/editor/src/ui/index.ts';

/**
 * The one modal dialog of the studio, shown open (on the docs page it waits for its button, so the
 * page stays usable). Closing it shows what the person chose.
 */
function Demo({ kind, startOpen, onChoice }: { kind: 'confirm' | 'conflict' | 'discard' | 'pending'; startOpen: boolean; onChoice: (choice: string) => void }) {
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
      {open && kind === 'confirm' ? (
        <ConfirmDialog title={'Delete "payments-pipeline"?'} confirmLabel="Delete flow" onConfirm={() => choose('delete')} onCancel={() => choose('cancel')}>
          <p>The flow and its 12 revisions are deleted for good.</p>
        </ConfirmDialog>
      ) : null}
      {open && kind === 'pending' ? (
        <ConfirmDialog title={'Disable subscribe access to "payments"?'} confirmLabel="Disable" pending onConfirm={() => choose('disable')} onCancel={() => choose('cancel')}>
          <p>acme/classify stops receiving messages from “payments” and its Kafka ACLs are removed.</p>
        </ConfirmDialog>
      ) : null}
      {open && kind === 'discard' ? (
        <ConfirmDialog title="Drop your unsaved changes?" confirmLabel="Leave the flow" onConfirm={() => choose('leave')} onCancel={() => choose('cancel')}>
          <p>This flow has changes that are not saved. Leaving the flow drops them; Cancel keeps editing.</p>
        </ConfirmDialog>
      ) : null}
      {open && kind === 'conflict' ? (
        <Dialog
          role="alertdialog"
          title="Someone saved this flow first"
          actions={
            <>
              <Button data-autofocus onClick={() => choose('reload')}>
                Reload theirs (drop my edit)
              </Button>
              <Button variant="primary" onClick={() => choose('keep')}>
                Keep mine (save on top of theirs)
              </Button>
            </>
          }
        >
          <p>Dana Okafor saved revision 13 after revision 12, which your edit started from.</p>
        </Dialog>
      ) : null}
    </div>
  );
}

const meta = {
  title: 'Components/Dialog',
  component: Demo,
  parameters: { padded: true },
  args: { kind: 'confirm', startOpen: true, onChoice: fn() },
  argTypes: { kind: { control: 'inline-radio', options: ['confirm', 'conflict', 'discard', 'pending'] }, startOpen: { control: false } },
  render: (args, context) => <Demo {...args} startOpen={context.viewMode !== 'docs'} />,
} satisfies Meta<typeof Demo>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Confirm before deleting: modal, Cancel focused first, Escape cancels and focus returns to the opener. */
export const Confirm: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const dialog = canvas.getByRole('dialog', { name: 'Delete "payments-pipeline"?' });
    await expect(dialog).toHaveAttribute('open');
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    await expect(args.onChoice).toHaveBeenCalledWith('cancel');
    await expect(canvas.queryByRole('dialog')).toBeNull();
    // Open it again from its button: closing gives focus back to that button.
    await userEvent.click(canvas.getByRole('button', { name: 'Open the dialog' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Delete flow' }));
    await expect(canvas.getByRole('status')).toHaveTextContent('Chose: delete');
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Open the dialog' })).toHaveFocus());
    // Leave it open, as the story shows it.
    await userEvent.click(canvas.getByRole('button', { name: 'Open the dialog' }));
    await expect(canvas.getByRole('dialog')).toBeVisible();
  },
};

/** A save conflict: an alert dialog whose two answers are the only ways out (Escape does not dismiss it). */
export const Conflict: Story = {
  args: { kind: 'conflict' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    const dialog = canvas.getByRole('alertdialog', { name: 'Someone saved this flow first' });
    await userEvent.keyboard('{Escape}');
    await expect(dialog).toHaveAttribute('open');
    await expect(args.onChoice).not.toHaveBeenCalled();
    // Modal: the page behind is inert while it is open.
    await expect(dialog.matches(':modal')).toBe(true);
    await expect(canvas.getByRole('button', { name: 'Reload theirs (drop my edit)' })).toHaveFocus();
  },
};

/** Asked before leaving a flow with unsaved edits. */
export const Discard: Story = {
  args: { kind: 'discard' },
  play: async ({ canvasElement }) => {
    const dialog = within(canvasElement).getByRole('dialog', { name: 'Drop your unsaved changes?' });
    await expect(dialog).toHaveAttribute('aria-modal', 'true');
    await expect(dialog).toHaveAccessibleDescription(/not saved/);
  },
};

/** The action runs (loading): both buttons wait, Escape too. */
export const Pending: Story = {
  args: { kind: 'pending' },
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Disable' })).toHaveAttribute('aria-busy', 'true');
    await userEvent.keyboard('{Escape}');
    await expect(args.onChoice).not.toHaveBeenCalled();
    await expect(canvas.getByRole('dialog')).toHaveAttribute('open');
  },
};
