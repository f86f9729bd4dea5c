import type { ReactNode } from 'react';
import { Button } from './Button.tsx';
import { Dialog } from './Dialog.tsx';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  /** The label of the button that goes ahead (e.g. "Disable"). */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Disables both buttons while the action runs. */
  pending?: boolean;
}

/**
 * Asks before something that drops or removes: the modal {@link Dialog} with Cancel (the safe choice,
 * focused first) and a danger button that goes ahead. Escape cancels.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, pending = false }: ConfirmDialogProps) {
  return (
    <Dialog
      title={title}
      onCancel={onCancel}
      busy={pending}
      actions={
        <>
          <Button data-autofocus onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} busy={pending}>
            {confirmLabel}
          </Button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}
