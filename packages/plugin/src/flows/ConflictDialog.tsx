import type { SaveConflict } from '@event-flows/client';
import { useId } from 'react';

/** Someone saved first: keep my edit on top of their revision, or drop it and load theirs. */
export function ConflictDialog({ conflict, onKeepMine, onReloadTheirs }: { conflict: SaveConflict; onKeepMine: () => void; onReloadTheirs: () => void }) {
  const headingId = useId();
  return (
    <div className="efs-app__dialog" role="alertdialog" aria-modal="false" aria-labelledby={headingId}>
      <h2 id={headingId}>Someone saved this flow first</h2>
      <p>
        {conflict.theirs.updatedBy} saved revision {conflict.theirs.revision} after revision {conflict.mine.baseRevision}, which your edit started from.
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
