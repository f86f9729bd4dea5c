import type { BindingStatusRow, BindingStatusState } from '@event-flows/client';
import { countOf, runsWithFailures } from '@event-flows/model';

/**
 * The running bindings' counters, as the server's status stream reports them; a running binding
 * with failed messages is marked amber and said so ("running, with failures").
 */
export function LiveCounts({ statuses, state }: { statuses: readonly BindingStatusRow[] | null; state: BindingStatusState['state'] }) {
  if (!statuses || statuses.length === 0) return null;
  const failing = statuses.filter(runsWithFailures).length;
  return (
    <table className="efs-app__table efs-app__live" aria-label="Live status">
      <caption data-failing={failing > 0 ? 'true' : undefined}>
        Live status {state === 'pending' ? '' : `(${state})`}
        {failing > 0 ? ` · ${countOf(failing, 'binding')} with failures` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Binding</th>
          <th scope="col">State</th>
          <th scope="col">Consumed</th>
          <th scope="col">Published</th>
          <th scope="col">Dead-lettered</th>
          <th scope="col">msg/s</th>
        </tr>
      </thead>
      <tbody>
        {statuses.map((s) => (
          <tr key={s.key} data-binding={`${s.algorithm} ${s.topic}`}>
            <th scope="row">
              {s.algorithm} ← {s.topic}
            </th>
            <td data-failing={runsWithFailures(s) ? 'true' : undefined}>{runsWithFailures(s) ? 'running, with failures' : s.state}</td>
            <td data-counter="consumed">{s.consumed}</td>
            <td data-counter="published">{s.published}</td>
            <td data-counter="dead-lettered">{s.deadLettered}</td>
            <td>{s.msgsPerSecond}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
