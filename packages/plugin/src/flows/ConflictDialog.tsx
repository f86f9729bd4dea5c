import type { SaveConflict } from '@event-flows/client';
import { useId } from 'react';
import { useStudio } from '../app/StudioContext.ts';
import { WhoSaved } from './WhoSaved.tsx';

/**
 * Someone saved first: keep my edit on top of their revision, or drop it and load theirs. When the
 * other save was the signed-in person's own (another tab or window), it says "you, in another tab".
 */
export function ConflictDialog({ conflict, onKeepMine, onReloadTheirs }: { conflict: SaveConflict; onKeepMine: () => void; onReloadTheirs: () => void }) {
  const headingId = useId();
  const { me } = useStudio();
  const mineElsewhere = conflict.theirs.updatedBy === me.user.id;
  return (
    <div className="efs-app__dialog" role="alertdialog" aria-modal="false" aria-labelledby={headingId}>
      <h2 id={headingId}>{mineElsewhere ? 'You saved this flow in another tab first' : 'Someone saved this flow first'}</h2>
      <p>
        <WhoSaved flow={conflict.theirs} /> saved revision {conflict.theirs.revision} after revision {conflict.mine.baseRevision}, which your edit started from.
      </p>
      <div className="efs-app__actions">
        <button type="button" onClick={onKeepMine}>
          Keep mine (save on top of theirs)
        </button>
        <button type="button" onClick={onReloadTheirs}>
          Reload theirs (drop my edit)
        </button>
      </div>
    </div>
  );
}
