import type { Grant } from '@event-flows/model';
import { grantsToRequest, statesSummary, type GrantStates } from './grantStates.ts';
import { Button } from '../ui/Button.tsx';

/** Props of {@link RequestAllAccess}. */
export interface RequestAllAccessProps {
  /** The grants the flow lacks (blocked in the plan, or missing for its problems). */
  blocked: readonly Grant[];
  /** Where each grant stands (from {@link grantStatesOf}); `undefined` while not known. */
  states: GrantStates;
  /** Asks a cluster admin for grants; omit to show only where the grants stand. */
  onRequestAccess?: ((grants: Grant[]) => void) | undefined;
}

/**
 * How the lacking grants stand ("3 grants not requested · 1 requested") and one "Request access
 * for all" that files every grant never asked for. The plan review and the problems panel show it;
 * it shows nothing when no grant is lacking.
 */
export function RequestAllAccess({ blocked, states, onRequestAccess }: RequestAllAccessProps) {
  const summary = statesSummary(blocked, states);
  if (blocked.length === 0 || (!summary && !onRequestAccess)) return null;
  const missing = grantsToRequest(blocked, states);
  return (
    <div className="efs-plan__requests">
      {summary ? <span className="efs-plan__states">{summary}</span> : null}
      {onRequestAccess ? (
        <Button size="small" className="efs-plan__request-all" disabled={missing.length === 0} onClick={() => onRequestAccess(missing)}>
          Request access for all
        </Button>
      ) : null}
    </div>
  );
}
