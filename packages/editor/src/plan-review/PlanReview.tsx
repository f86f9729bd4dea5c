import '../editor.css';
import './planReview.css';
import { describeDrift, type Grant, type Plan } from '@event-flows/model';
import { useId } from 'react';
import { groupPlan, type PlanGroup } from './planGroups.ts';

/** Props of {@link PlanReview}. */
export interface PlanReviewProps {
  /** The plan from the server (what deploying the flow would do now). */
  plan: Plan;
  /** Asks a cluster admin for a grant the plan is blocked on; omit to hide the action. */
  onRequestAccess?: (grant: Grant) => void;
  /** Deploys the plan; omit to review only. */
  onDeploy?: () => void;
  /** Default `light`. */
  theme?: 'light' | 'dark';
  /** Display names of the connections by id (the catalog's), so lines say "Embedded Kafka", not "local". */
  connectionNames?: ReadonlyMap<string, string>;
}

/**
 * What deploy will do, grouped: grants needed (a member's missing grants shown as blocked, with a
 * "Request access" action), topics to create, ACLs to add and remove, bindings to start, update and
 * stop, and drift found in Kafka. Deploy is offered only for a plan that is not blocked.
 */
export function PlanReview({ plan, onRequestAccess, onDeploy, theme = 'light', connectionNames }: PlanReviewProps) {
  const headingId = useId();
  const nameOf = (connection: string) => connectionNames?.get(connection) ?? connection;
  const groups = groupPlan(plan, nameOf);
  const empty = groups.length === 0 && plan.drift.length === 0;
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
      {groups.map((group) => (
        <PlanGroupList key={group.key} group={group} onRequestAccess={onRequestAccess} />
      ))}
      {plan.drift.length > 0 ? (
        <PlanGroupList
          group={{ key: 'topics', title: 'Drift', items: plan.drift.map((d) => ({ text: describeDrift(d, nameOf), blockedGrant: undefined })) }}
        />
      ) : null}
      {plan.notes.length > 0 ? (
        <ul className="efs-plan__notes" aria-label="Notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      {onDeploy ? (
        <button type="button" className="efs-plan__deploy" disabled={plan.blocked || empty} onClick={onDeploy}>
          Deploy
        </button>
      ) : null}
    </section>
  );
}

function PlanGroupList({ group, onRequestAccess }: { group: PlanGroup; onRequestAccess?: ((grant: Grant) => void) | undefined }) {
  const headingId = useId();
  return (
    <div className="efs-plan__group">
      <h3 id={headingId} className="efs-plan__title">
        {group.title} <span className="efs-plan__count">({group.items.length})</span>
      </h3>
      <ul aria-labelledby={headingId} className="efs-plan__list">
        {group.items.map((item, i) => (
          <li key={i} data-blocked={item.blockedGrant !== undefined}>
            {item.blockedGrant ? <strong className="efs-plan__badge">Blocked</strong> : null} {item.text}
            {item.blockedGrant && onRequestAccess ? (
              <button
                type="button"
                className="efs-plan__request"
                onClick={() => item.blockedGrant && onRequestAccess(item.blockedGrant)}
              >
                Request access
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
