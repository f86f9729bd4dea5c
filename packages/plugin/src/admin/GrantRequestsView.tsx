import { useId } from 'react';
import { PageProblem, LoadState } from './LoadState.tsx';
import { GrantRequestsTable, type GrantRequestRow } from './GrantRequestsTable.tsx';
import type { Loaded } from './loaded.ts';

/** Props of {@link GrantRequestsView}. */
export interface GrantRequestsViewProps {
  requests: Loaded<readonly GrantRequestRow[]>;
  /** Connection display names by id. */
  connectionNames: ReadonlyMap<string, string>;
  /** Why the last approval or rejection was refused, if it was. */
  decisionProblem: string | null;
  onApprove: (id: number) => void;
  onReject: (id: number) => void;
}

/** The grant requests page as a person sees it: the requests (or why they are not here), and approve or reject. */
export function GrantRequestsView({ requests, connectionNames, decisionProblem, onApprove, onReject }: GrantRequestsViewProps) {
  const id = useId();
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Grant requests</h1>
      {decisionProblem ? <PageProblem>{decisionProblem}</PageProblem> : null}
      <LoadState loaded={requests} waiting="Loading the grant requests…" />
      {requests.state === 'ready' ? <GrantRequestsTable requests={requests.data} connectionNames={connectionNames} onApprove={onApprove} onReject={onReject} /> : null}
    </section>
  );
}
