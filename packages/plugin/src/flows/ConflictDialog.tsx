import type { SaveConflict } from '@event-flows/client';
import { Button, Dialog } from '@event-flows/editor';
import { useContext } from 'react';
import { StudioContext } from '../app/StudioContext.ts';
import { WhoSaved } from './WhoSaved.tsx';

/** Props of {@link ConflictDialog}. */
export interface ConflictDialogProps {
  /** The refused save and the revision that came first. */
  conflict: SaveConflict;
  /** Who is signed in (by default the studio's person): their own save elsewhere is said as "you, in another tab". */
  signedInUserId?: string;
  onKeepMine: () => void;
  onReloadTheirs: () => void;
}

/**
 * Someone saved first: keep my edit on top of their revision, or drop it and load theirs. The studio's
 * one modal dialog, as an alert: the person answers before editing on (Escape does not dismiss it, so
 * no edit is made on top of a revision that is no longer the latest without a choice). When the other
 * save was the signed-in person's own (another tab or window), it says "you, in another tab".
 */
export function ConflictDialog({ conflict, signedInUserId, onKeepMine, onReloadTheirs }: ConflictDialogProps) {
  const studioPerson = useContext(StudioContext)?.me.user.id;
  const me = signedInUserId ?? studioPerson;
  const mineElsewhere = conflict.theirs.updatedBy === me;
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
        <WhoSaved flow={conflict.theirs} {...(me ? { signedInUserId: me } : {})} /> saved revision {conflict.theirs.revision} after revision {conflict.mine.baseRevision}, which your edit started from.
      </p>
    </Dialog>
  );
}
