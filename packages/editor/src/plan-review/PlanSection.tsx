import type { Grant } from '@event-flows/model';
import { useId, type ReactNode } from 'react';
import { groupAfterRows, GroupedList, groupBy, sortedByTitle, type ListGrouping } from '../grouped-list/index.ts';
import { canRequest, stateOf, stateWords, type GrantStates } from './grantStates.ts';
import type { PlanGroup, PlanItem } from './planGroups.ts';

/** Props of {@link PlanSection}. */
export interface PlanSectionProps {
  group: PlanGroup;
  grouping: ListGrouping;
  /** A connection's display name from its id. */
  nameOf: (connection: string) => string;
  states: GrantStates;
  onRequestAccess?: ((grants: Grant[]) => void) | undefined;
  /** Shown under the heading (the grants section's request states and "Request access for all"). */
  children?: ReactNode;
}

/** One section of the plan review: its heading with the row count, then its rows, grouped when long. */
export function PlanSection({ group, grouping, nameOf, states, onRequestAccess, children }: PlanSectionProps) {
  const headingId = useId();
  const renderItem = (item: PlanItem) => <PlanRow item={item} states={states} onRequestAccess={onRequestAccess} />;
  return (
    <div className="efs-plan__group">
      <h3 id={headingId} className="efs-plan__title">
        {group.title} <span className="efs-plan__count">({group.items.length.toLocaleString('en')})</span>
      </h3>
      {children}
      {group.items.length > groupAfterRows ? (
        <GroupedList labelledBy={headingId} groups={groupsOf(group.items, grouping, nameOf)} itemKey={(item) => item.key} renderItem={renderItem} />
      ) : (
        <ul aria-labelledby={headingId} className="efs-plan__list">
          {group.items.map((item) => (
            <li key={item.key}>{renderItem(item)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A long section's rows grouped by algorithm (topics to create on their own) or by connection, groups by name. */
function groupsOf(items: readonly PlanItem[], grouping: ListGrouping, nameOf: (connection: string) => string) {
  const groups =
    grouping === 'algorithm' ? groupBy(items, (item) => item.algorithm ?? '', (key) => key || 'No algorithm (topics)') : groupBy(items, (item) => item.connection, nameOf);
  return sortedByTitle(groups);
}

/** One step of the plan; a blocked grant with its request state and, when it can be asked for, a button. */
function PlanRow({ item, states, onRequestAccess }: { item: PlanItem; states: GrantStates; onRequestAccess?: ((grants: Grant[]) => void) | undefined }) {
  const grant = item.blockedGrant;
  if (!grant) return <span className="efs-plan__row">{item.text}</span>;
  const state = stateOf(states, grant);
  const again = state?.status === 'rejected';
  return (
    <span className="efs-plan__row" data-blocked="true">
      <strong className="efs-plan__badge">Blocked</strong> {item.text}
      {state ? (
        <span className="efs-plan__state" data-state={state.status}>
          {stateWords(state)}
        </span>
      ) : null}
      {onRequestAccess && canRequest(state) ? (
        <button
          type="button"
          className="efs-plan__request"
          aria-label={`${again ? 'Request again' : 'Request access'} for ${grant.algorithm} ${grant.access} "${grant.topic}"`}
          onClick={() => onRequestAccess([grant])}
        >
          {again ? 'Request again' : 'Request access'}
        </button>
      ) : null}
    </span>
  );
}
