import type { ApiOutputs } from '@event-flows/client';

/** A listener of the platform as `platform.listeners` lists it. */
export type Listener = ApiOutputs['platform']['listeners']['listeners'][number];

/** A listener's identity on the platform: its owner and its id. */
export const listenerKey = (l: Pick<Listener, 'userId' | 'id'>) => `${l.userId}/${l.id}`;

/**
 * The platform's listeners, one row each: a box to choose it for adoption (only when it can be adopted),
 * its topic, algorithm at its version, time-out, owner, the studio connection it reads, and its status:
 * can be adopted, why it cannot, or the flow it was adopted into (a link).
 */
export function PlatformListenersTable({
  listeners,
  chosen,
  onToggle,
  onOpenFlow,
}: {
  listeners: readonly Listener[];
  chosen: ReadonlySet<string>;
  onToggle: (listener: Listener) => void;
  onOpenFlow: (flowId: string) => void;
}) {
  return (
    <table className="efs-app__table" aria-label="Platform listeners">
      <thead>
        <tr>
          <th scope="col">
            <span className="efs-app__visually-hidden">Adopt</span>
          </th>
          <th scope="col">Topic</th>
          <th scope="col">Algorithm</th>
          <th scope="col">Time-out</th>
          <th scope="col">Owner</th>
          <th scope="col">Connection</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {listeners.map((l) => (
          <tr key={listenerKey(l)}>
            <td>
              <input
                type="checkbox"
                aria-label={`Adopt ${l.topic} → ${l.algorithm} (listener ${l.id})`}
                disabled={l.problem !== null || l.adoptedInto !== null}
                checked={chosen.has(listenerKey(l))}
                onChange={() => onToggle(l)}
              />
            </td>
            <th scope="row">{l.topic || <span className="efs-app__muted">no topic</span>}</th>
            <td>
              {l.algorithm} <span className="efs-app__muted">@{l.version}</span>
            </td>
            <td>{l.timeoutSeconds === null ? <span className="efs-app__muted">default</span> : `${l.timeoutSeconds} s`}</td>
            <td>{l.userName ?? l.userId}</td>
            <td>{l.connection ? l.connection.name : <span className="efs-app__muted">{l.bootstrap.join(', ') || '—'}</span>}</td>
            <td>
              {l.adoptedInto ? (
                <>
                  Adopted into{' '}
                  <button type="button" className="efs-app__link" onClick={() => onOpenFlow(l.adoptedInto!.flowId)}>
                    {l.adoptedInto.flowName}
                  </button>
                </>
              ) : l.problem ? (
                <span className="efs-app__problem">Cannot be adopted: {l.problem}.</span>
              ) : (
                'Can be adopted'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
