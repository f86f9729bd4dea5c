import { useId } from 'react';

/** How a long list groups its rows. */
export type ListGrouping = 'algorithm' | 'connection';

/** Lists longer than this are shown in collapsed groups ("a few dozen rows"). */
export const groupAfterRows = 36;

/** A choice between grouping long lists by algorithm or by connection. */
export function GroupingChoice({ grouping, onChange }: { grouping: ListGrouping; onChange: (grouping: ListGrouping) => void }) {
  const name = useId();
  return (
    <fieldset className="efs-grouping">
      <legend>Group long lists by</legend>
      {(['algorithm', 'connection'] as const).map((choice) => (
        <label key={choice}>
          <input type="radio" name={name} value={choice} checked={grouping === choice} onChange={() => onChange(choice)} />
          {choice === 'algorithm' ? 'Algorithm' : 'Connection'}
        </label>
      ))}
    </fieldset>
  );
}
