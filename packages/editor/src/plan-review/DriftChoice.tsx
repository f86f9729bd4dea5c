import { driftRemedy, putBackOf, samePutBack, type Drift, type PutBack } from '@event-flows/model';
import { useId, useState } from 'react';

/** Props of {@link DriftChoice}. */
export interface DriftChoiceProps {
  drift: Drift;
  /** The finding in words: the choice is named after it. */
  label: string;
  /** The display name of the finding's connection. */
  connectionName: string;
  /** The findings chosen to be put back. */
  putBack?: readonly PutBack[] | undefined;
  onPutBack?: ((choice: PutBack, on: boolean) => void) | undefined;
  onTakeLiveValue?: ((drift: Drift) => void) | undefined;
}

/**
 * What to do about one drift finding. A topic's partitions or config: leave Kafka as it is (until the
 * person says otherwise), put it back (the plan is made again with the action that restores it), or
 * take the live value into the flow (which edits the graph at once). Partitions Kafka would have to
 * take away cannot be put back, and the choice says so. A missing ACL is always put back. A consumer
 * group's drift is reported only, with the reason.
 */
export function DriftChoice({ drift, label, connectionName, putBack, onPutBack, onTakeLiveValue }: DriftChoiceProps) {
  const name = useId();
  const [taken, setTaken] = useState(false);
  const remedy = driftRemedy(drift, connectionName);
  if (remedy.kind === 'report') return <span className="efs-plan__hint efs-plan__report">{remedy.reason}</span>;
  if (!onTakeLiveValue && !onPutBack) return null;
  const choice = putBackOf(drift);
  const chosen = remedy.kind === 'always' || (choice !== undefined && (putBack ?? []).some((c) => samePutBack(c, choice)));
  const take = () => {
    setTaken(true);
    if (choice && chosen) onPutBack?.(choice, false);
    onTakeLiveValue?.(drift);
  };
  return (
    <span className="efs-plan__choice" role="radiogroup" aria-label={`What to do: ${label}`}>
      {remedy.kind === 'always' ? null : (
        <label>
          <input type="radio" name={name} checked={!chosen && !taken} disabled={taken || !onPutBack} onChange={() => choice && onPutBack?.(choice, false)} /> Leave Kafka as it is
        </label>
      )}
      <label>
        <input
          type="radio"
          name={name}
          checked={chosen && !taken}
          disabled={taken || remedy.kind === 'cannot' || (remedy.kind === 'choice' && !onPutBack)}
          onChange={() => choice && onPutBack?.(choice, true)}
        />{' '}
        Put it back
      </label>
      {onTakeLiveValue ? (
        <label>
          <input type="radio" name={name} checked={taken} disabled={taken} onChange={take} /> Take the live value into the flow
        </label>
      ) : null}
      {taken ? <span className="efs-plan__state">Taken into the flow: save and plan again</span> : null}
      {remedy.kind === 'cannot' && !taken ? <span className="efs-plan__hint">{remedy.reason}</span> : null}
      {remedy.kind === 'choice' && !chosen && !taken ? <span className="efs-plan__hint">Deploy leaves the live value as it is; the canvas keeps marking it.</span> : null}
    </span>
  );
}
