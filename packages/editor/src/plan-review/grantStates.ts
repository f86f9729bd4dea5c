import { countOf, grantKey, type Grant } from '@event-flows/model';

/** The newest request filed for a grant, as the server reports it. */
export interface AccessRequestState extends Grant {
  status: 'pending' | 'approved' | 'rejected';
  /** Why a cluster admin rejected it, when they said. */
  reason: string | null;
}

/** Where a blocked grant stands: never asked for, or its newest request's status. */
export type GrantState = { status: 'not-requested' } | AccessRequestState;

/** The state of each grant by its identity; `undefined` while the server's answer is not there. */
export type GrantStates = ReadonlyMap<string, AccessRequestState> | undefined;

/** The requests by grant identity. */
export function grantStatesOf(requests: readonly AccessRequestState[] | undefined): GrantStates {
  return requests ? new Map(requests.map((r) => [grantKey(r), r])) : undefined;
}

/** A grant's state, or `undefined` when the states are not known yet. */
export function stateOf(states: GrantStates, grant: Grant): GrantState | undefined {
  if (!states) return undefined;
  return states.get(grantKey(grant)) ?? { status: 'not-requested' };
}

/** A state in words, as the plan review shows it next to the grant. */
export function stateWords(state: GrantState): string {
  switch (state.status) {
    case 'not-requested':
      return 'Not requested';
    case 'pending':
      return 'Requested';
    case 'approved':
      return 'Approved';
    case 'rejected':
      return state.reason ? `Rejected: ${state.reason}` : 'Rejected';
  }
}

/** Whether a person can ask for the grant now: never asked for, or asked for and rejected (again). */
export function canRequest(state: GrantState | undefined): boolean {
  return state === undefined || state.status === 'not-requested' || state.status === 'rejected';
}

/**
 * The grants "Request access for all" files: those never asked for (all of them while the states are
 * not known). A rejected grant is asked for again only from its own row.
 */
export function grantsToRequest(blocked: readonly Grant[], states: GrantStates): Grant[] {
  return blocked.filter((g) => {
    const state = stateOf(states, g);
    return state === undefined || state.status === 'not-requested';
  });
}

/**
 * "3 grants not requested · 2 requested · 1 rejected": how the blocked grants stand, for the
 * section's summary. Parts of none are left out; the first part names the grants.
 */
export function statesSummary(blocked: readonly Grant[], states: GrantStates): string | undefined {
  if (!states) return undefined;
  const counts = { 'not-requested': 0, pending: 0, approved: 0, rejected: 0 };
  for (const grant of blocked) counts[(stateOf(states, grant) as GrantState).status]++;
  const parts = (
    [
      [counts['not-requested'], 'not requested'],
      [counts.pending, 'requested'],
      [counts.approved, 'approved'],
      [counts.rejected, 'rejected'],
    ] as const
  ).filter(([count]) => count > 0);
  return parts.map(([count, state], i) => `${i === 0 ? countOf(count, 'grant') : count.toLocaleString('en')} ${state}`).join(' · ');
}
