import type { SaveConflict } from '@event-flows/client';
import { Button, Dialog } from '@event-flows/editor';
import { useStudio } from '../app/StudioContext.ts';
import { WhoSaved } from './WhoSaved.tsx';

/**
 * Someone saved first: keep my edit on top of their revision, or drop it and load theirs. The studio's
 * one modal dialog, as an alert: the person answers before editing on (Escape does not dismiss it, so
 * no edit is made on top of a revision that is no longer the latest without a choice). When the other
 * save was the signed-in person's own (another tab or window), it says "you, in another tab".
 */
export function ConflictDialog({ conflict, onKeepMine, onReloadTheirs }: { conflict: SaveConflict; onKeepMine: () => void; onReloadTheirs: () => void }) {
  const { me } = useStudio();
  const mineElsewhere = conflict.theirs.updatedBy === me.user.id;
  return (
    <Dialog
      role="alertdialog"
      title={mineElsewhere ? 'You saved this flow in another tab first' : 'Someone saved this flow first'}
      actions={
        <>
          <Button data-autofocus onClick={onReloadTheirs}>
            Reload theirs (drop my edit)
          </Button>
          <Button variant="primary" onClick={onKeepMine}>
            Keep mine (save on top of theirs)
          </Button>
        </>
      }
    >
      <p>
        <WhoSaved flow={conflict.theirs} /> saved revision {conflict.theirs.revision} after revision {conflict.mine.baseRevision}, which your edit started from.
      </p>
    </Dialog>
  );
}
