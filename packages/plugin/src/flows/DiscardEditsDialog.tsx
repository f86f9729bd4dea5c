import { ConfirmDialog } from '@event-flows/editor';
import { useStudio } from '../app/StudioContext.ts';

/**
 * Asks before something drops the flow's unsaved edits (leaving the flow, a rollback): the editor's
 * modal {@link ConfirmDialog}, with Cancel (keep editing) focused first.
 */
export function DiscardEditsDialog({ action, confirmLabel, onConfirm, onCancel }: { action: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void }) {
  const { theme } = useStudio();
  return (
    // The dialog's look comes from the Events tab's surface; the wrapper only carries its theme.
    <div className="efs-surface efs-events efs-app__confirm" data-theme={theme}>
      <ConfirmDialog title="Drop your unsaved changes?" confirmLabel={confirmLabel} onConfirm={onConfirm} onCancel={onCancel}>
        <p>This flow has changes that are not saved. {action} drops them; Cancel keeps editing.</p>
      </ConfirmDialog>
    </div>
  );
}
