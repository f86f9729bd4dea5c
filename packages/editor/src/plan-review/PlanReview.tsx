import '../editor.css';
import './planReview.css';
import { blockedGrants, type Drift, type Grant, type Plan, type PutBack } from '@event-flows/model';
import { useId, useState } from 'react';
import { grantStatesOf, type AccessRequestState } from './grantStates.ts';
import { driftGroup, groupPlan } from './planGroups.ts';
import { groupAfterRows, GroupingChoice, type ListGrouping } from '../grouped-list/index.ts';
import { PlanSection } from './PlanSection.tsx';
import { RequestAllAccess } from './RequestAllAccess.tsx';
import { Button } from '../ui/Button.tsx';

/** Props of {@link PlanReview}. */
export interface PlanReviewProps {
  /** The plan from the server (what deploying the flow would do now). */
  plan: Plan;
  /**
   * The newest request filed for each grant the flow needs (from the server), so that each blocked
   * grant shows whether it was requested and how it was decided; omit while not known.
   */
  accessRequests?: readonly AccessRequestState[] | undefined;
  /** Asks a cluster admin for grants the plan is blocked on; omit to hide the actions. */
  onRequestAccess?: (grants: Grant[]) => void;
  /**
   * Takes a drift finding's live value into the flow (edits the graph), one of the answers each finding
   * offers. Omit to offer no such answer.
   */
  onTakeLiveValue?: (drift: Drift) => void;
  /** The drift findings of topics chosen to be put back (the plan was made with them). */
  putBack?: readonly PutBack[];
  /**
   * Chooses to put a topic's drift finding back (`on`), or to leave Kafka as it is: the caller plans
   * again with the choice, and deploys with it. Omit to offer no such answer.
   */
  onPutBack?: (choice: PutBack, on: boolean) => void;
  /** Deploys the plan; omit to review only. */
  onDeploy?: () => void;
  /** Default `light`. */
  theme?: 'light' | 'dark';
  /** Display names of the connections by id (the catalog's), so lines say "Embedded Kafka", not "local". */
  connectionNames?: ReadonlyMap<string, string>;
}

/**
 * What deploy will do, grouped: grants needed (a member's missing grants shown as blocked, each with
 * its request state, and one "Request access for all"), topics to create, ACLs to add and remove,
 * bindings to start, update and stop, each with the fields it changes before and after and who else
 * uses its topic, and drift found in Kafka with what can be done about each finding (leave it, put it
 * back, take the live value into the flow; a consumer group's drift is reported only). A long section is shown in collapsed
 * groups by algorithm or by connection. Deploy is offered only for a plan that is not blocked.
 */
export function PlanReview({ plan, accessRequests, onRequestAccess, onTakeLiveValue, putBack, onPutBack, onDeploy, theme = 'light', connectionNames }: PlanReviewProps) {
  const headingId = useId();
  const [grouping, setGrouping] = useState<ListGrouping>('algorithm');
  const nameOf = (connection: string) => connectionNames?.get(connection) ?? connection;
  const drift = driftGroup(plan, nameOf);
  const groups = drift ? [...groupPlan(plan, nameOf), drift] : groupPlan(plan, nameOf);
  const states = grantStatesOf(accessRequests);
  const blocked = blockedGrants(plan);
  const empty = groups.length === 0;
  return (
    <section className="efs-surface efs-plan" data-theme={theme} aria-labelledby={headingId} data-blocked={plan.blocked}>
      <h2 id={headingId} className="efs-plan__heading">
        Plan review
      </h2>
      <p className="efs-plan__summary">{plan.summary}</p>
      {plan.blocked ? (
        <p className="efs-plan__blocked" role="alert">
          Deploy is blocked until a cluster admin grants the access marked below.
        </p>
      ) : null}
      {groups.some((g) => g.items.length > groupAfterRows) ? <GroupingChoice grouping={grouping} onChange={setGrouping} /> : null}
      {groups.map((group) => (
        <PlanSection key={group.key} group={group} grouping={grouping} nameOf={nameOf} states={states} onRequestAccess={onRequestAccess} onTakeLiveValue={onTakeLiveValue} putBack={putBack} onPutBack={onPutBack}>
          {group.key === 'grants' ? <RequestAllAccess blocked={blocked} states={states} onRequestAccess={onRequestAccess} /> : null}
        </PlanSection>
      ))}
      {plan.notes.length > 0 ? (
        <ul className="efs-plan__notes" aria-label="Notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {onDeploy ? (
        <Button variant="primary" className="efs-plan__deploy" disabled={plan.blocked || empty} onClick={onDeploy}>
          Deploy
        </Button>
      ) : null}
    </section>
  );
}
