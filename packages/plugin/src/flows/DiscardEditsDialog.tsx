import { ConfirmDialog } from '@event-flows/editor';
import { useState, type ReactNode } from 'react';

/**
 * Asks before something drops the flow's unsaved edits (leaving the flow, a rollback): the design
 * system's modal {@link ConfirmDialog}, with Cancel (keep editing) focused first.
 */
export function DiscardEditsDialog({ action, confirmLabel, onConfirm, onCancel }: { action: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog title="Drop your unsaved changes?" confirmLabel={confirmLabel} onConfirm={onConfirm} onCancel={onCancel}>
      <p>This flow has changes that are not saved. {action} drops them; Cancel keeps editing.</p>
    </ConfirmDialog>
  );
}

/** What a guarded action is called in the dialog, and what it does once the person agrees. */
interface GuardedAction {
  action: string;
  confirmLabel: string;
  run: () => void;
}

/**
 * Guards actions that would drop unsaved edits: `guard` runs the action at once when `unsaved()` says
 * there are none, else shows `dialog` (render it) and runs the action only on confirmation.
 */
export function useDiscardGuard(unsaved: () => boolean): { guard: (action: GuardedAction) => void; dialog: ReactNode } {
  const [asking, setAsking] = useState<GuardedAction | null>(null);
  const guard = (action: GuardedAction) => (unsaved() ? setAsking(action) : action.run());
  const dialog = asking ? (
    <DiscardEditsDialog
      action={asking.action}
      confirmLabel={asking.confirmLabel}
      onConfirm={() => {
        setAsking(null);
        asking.run();
      }}
      onCancel={() => setAsking(null)}
    />
  ) : null;
  return { guard, dialog };
}
