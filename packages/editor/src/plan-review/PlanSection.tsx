import { absentValue, type Drift, type FieldChange, type Grant, type PutBack, type TopicUse } from '@event-flows/model';
import { useId, type ReactNode } from 'react';
import { DriftChoice } from './DriftChoice.tsx';
import { groupAfterRows, GroupedList, groupBy, sortedByTitle, type ListGrouping } from '../grouped-list/index.ts';
import { canRequest, stateOf, stateWords, type GrantStates } from './grantStates.ts';
import type { PlanGroup, PlanItem } from './planGroups.ts';
import { Button } from '../ui/Button.tsx';

/** Props of {@link PlanSection}. */
export interface PlanSectionProps {
  group: PlanGroup;
  grouping: ListGrouping;
  /** A connection's display name from its id. */
  nameOf: (connection: string) => string;
  states: GrantStates;
  onRequestAccess?: ((grants: Grant[]) => void) | undefined;
  /** Takes a drift finding's live value into the flow; omit to offer no choice. */
  onTakeLiveValue?: ((drift: Drift) => void) | undefined;
  /** The drift findings chosen to be put back. */
  putBack?: readonly PutBack[] | undefined;
  /** Chooses (or stops choosing) to put a topic's drift finding back; omit to offer no such choice. */
  onPutBack?: ((choice: PutBack, on: boolean) => void) | undefined;
  /** Shown under the heading (the grants section's request states and "Request access for all"). */
  children?: ReactNode;
}

/** One section of the plan review: its heading with the row count, then its rows, grouped when long. */
export function PlanSection({ group, grouping, nameOf, states, onRequestAccess, onTakeLiveValue, putBack, onPutBack, children }: PlanSectionProps) {
  const headingId = useId();
  const renderItem = (item: PlanItem) => (
    <>
      <PlanRow item={item} states={states} onRequestAccess={onRequestAccess} />
      {showsFields(group.key) ? <FieldChanges changes={item.changes} /> : null}
      {item.alsoAffects ? <AlsoAffects use={item.alsoAffects} /> : null}
      {item.drift ? <DriftChoice drift={item.drift} label={item.text} connectionName={nameOf(item.connection)} putBack={putBack} onPutBack={onPutBack} onTakeLiveValue={onTakeLiveValue} /> : null}
    </>
  );
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

/**
 * Whether a section's rows list their fields: a grant's and an ACL's sentence already says its one
 * field in full (who may do what on which resource), so repeating it would only double the rows.
 */
function showsFields(key: PlanGroup['key']): boolean {
  return key !== 'grants' && key !== 'acls-add' && key !== 'acls-adopt' && key !== 'acls-remove';
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
        <Button
          size="small"
          className="efs-plan__request"
          aria-label={`${again ? 'Request again' : 'Request access'} for ${grant.algorithm} ${grant.access} "${grant.topic}"`}
          onClick={() => onRequestAccess([grant])}
        >
          {again ? 'Request again' : 'Request access'}
        </Button>
      ) : null}
    </span>
  );
}

/**
 * Each field a step changes. An update reads `field before → after`; a field of something created or
 * removed shows only the side that exists, marked as added or removed.
 */
function FieldChanges({ changes }: { changes: readonly FieldChange[] }) {
  if (changes.length === 0) return null;
  return (
    <ul className="efs-plan__changes" aria-label="Changes">
      {changes.map((c) => (
        <li key={c.field} className="efs-plan__change">
          <span className="efs-plan__field">{c.field}:</span>{' '}
          {c.before === absentValue ? (
            <ins className="efs-plan__after">{c.after}</ins>
          ) : c.after === absentValue ? (
            <del className="efs-plan__before">{c.before}</del>
          ) : (
            <>
              <span className="efs-plan__before">{c.before}</span> <span aria-label="becomes">→</span> <span className="efs-plan__after">{c.after}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Who else reads or writes the step's topic: other flows and consumer groups. */
function AlsoAffects({ use }: { use: TopicUse }) {
  const parts = [
    use.flows.length > 0 ? `${use.flows.length === 1 ? 'flow' : 'flows'} ${use.flows.join(', ')}` : null,
    use.consumerGroups.length > 0 ? `${use.consumerGroups.length === 1 ? 'consumer group' : 'consumer groups'} ${use.consumerGroups.join(', ')}` : null,
  ].filter((p) => p !== null);
  return (
    <p className="efs-plan__affects">
      Also affects {`"${use.topic}"`}: {parts.join('; ')}
    </p>
  );
}
