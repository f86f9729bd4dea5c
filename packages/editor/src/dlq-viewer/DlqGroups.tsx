// The design system's screen-reader-only text (.efs-visually-hidden) is in ui.css.
import '../ui/ui.css';
import { formatTime, type DlqGroup } from '@event-flows/model';
import { countOf, groupName } from './dlqViewerRecords.ts';

/** Props of {@link DlqGroups}. */
export interface DlqGroupsProps {
  groups: readonly DlqGroup[];
  /** `false` when the newest part of the DLQ only was grouped. */
  complete: boolean;
  /** The group whose records the list shows, if one is chosen. */
  shown: DlqGroup | null;
  onShow: (group: DlqGroup | null) => void;
  /** Opens the redrive of a group; absent for a person who may not redrive. */
  onRedrive?: ((group: DlqGroup) => void) | undefined;
  busy: boolean;
}

/** A group's first and last time, the day said once when both are on it: "7 Dec 2026, 07:01:55 – 07:01:56". */
function span(first: number, last: number): string {
  const from = formatTime(new Date(first), 'second');
  const until = formatTime(new Date(last), 'second');
  if (from === until) return from;
  const day = (text: string) => text.slice(0, text.lastIndexOf(',') + 1);
  return day(from) !== '' && day(from) === day(until) ? `${from} – ${until.slice(day(until).length).trim()}` : `${from} – ${until}`;
}
const sameGroup = (a: DlqGroup, b: DlqGroup | null) => b !== null && a.algorithm === b.algorithm && a.topic === b.topic && a.errorClass === b.errorClass && a.stage === b.stage;

/** The dead letters grouped by error class and stage: counts, first and last time, and a redrive per group. */
export function DlqGroups({ groups, complete, shown, onShow, onRedrive, busy }: DlqGroupsProps) {
  if (groups.length === 0) return null;
  return (
    <div className="efs-dlq__groups">
      <table aria-label="Dead letters by error">
        <thead>
          <tr>
            <th scope="col">Error</th>
            <th scope="col">Dead letters</th>
            <th scope="col">When</th>
            <th scope="col">
              <span className="efs-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => {
            const name = groupName(group);
            const chosen = sameGroup(group, shown);
            return (
              <tr key={`${group.algorithm} ${group.topic} ${name}`} aria-selected={chosen} data-chosen={chosen || undefined}>
                <th scope="row">{name}</th>
                <td>
                  {group.deadLetters.toLocaleString('en')}
                  {group.failedReplays > 0 ? <span className="efs-dlq__note"> ({countOf(group.failedReplays, 'failed replay')})</span> : null}
                </td>
                <td>{span(group.first, group.last)}</td>
                <td>
                  <div className="efs-dlq__group-actions">
                  <button type="button" aria-pressed={chosen} aria-label={`Show ${name}`} onClick={() => onShow(chosen ? null : group)}>
                    {chosen ? 'Shown' : 'Show'}
                  </button>
                  {onRedrive ? (
                    <button type="button" aria-label={`Redrive ${name}…`} onClick={() => onRedrive(group)} disabled={busy}>
                      Redrive…
                    </button>
                  ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {complete ? null : <p className="efs-dlq__note">Counted over the newest part of the DLQ only: it holds more than one grouping reads.</p>}
    </div>
  );
}
