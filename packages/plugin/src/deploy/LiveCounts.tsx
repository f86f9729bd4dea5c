import type { BindingHistoryRow, BindingStatusRow, BindingStatusState } from '@event-flows/client';
import { Sparkline } from '@event-flows/editor';
import { countOf, runsWithFailures, totalLag } from '@event-flows/model';

const chartWidth = 80;

/** A figure's small chart over the binding's history, then its value now. */
function Figure({ history, series, label, format, now }: { history: BindingHistoryRow | undefined; series: 'lag' | 'lagSeconds' | 'msgsPerSecond' | 'failedPerSecond' | 'deadLetteredPerSecond'; label: string; format: (v: number) => string; now: number }) {
  return (
    <span className="efs-app__figure" data-series={series}>
      {history ? <Sparkline at={history.at} values={history[series]} label={label} format={format} width={chartWidth} height={18} /> : null}
      <span>{format(now)}</span>
    </span>
  );
}

/**
 * The running bindings' counters, as the server's status stream reports them, with small charts of
 * the last hour of their lag (messages and seconds), throughput and error rate when `histories` has
 * them; a running binding with failed messages is marked amber and said so ("running, with failures").
 */
export function LiveCounts({ statuses, state, histories = null }: { statuses: readonly BindingStatusRow[] | null; state: BindingStatusState['state']; histories?: readonly BindingHistoryRow[] | null }) {
  if (!statuses || statuses.length === 0) return null;
  const failing = statuses.filter(runsWithFailures).length;
  const historyOf = new Map((histories ?? []).map((h) => [h.key, h]));
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
          <th scope="col">Lag</th>
          <th scope="col">Lag (s)</th>
          <th scope="col">msg/s</th>
          <th scope="col">Errors/s</th>
        </tr>
      </thead>
      <tbody>
        {statuses.map((s) => {
          const history = historyOf.get(s.key);
          return (
            <tr key={s.key} data-binding={`${s.algorithm} ${s.topic}`}>
              <th scope="row">
                {s.algorithm} ← {s.topic}
              </th>
              <td data-failing={runsWithFailures(s) ? 'true' : undefined}>{runsWithFailures(s) ? 'running, with failures' : s.state}</td>
              <td data-counter="consumed">{s.consumed}</td>
              <td data-counter="published">{s.published}</td>
              <td data-counter="dead-lettered">{s.deadLettered}</td>
              <td data-counter="lag">
                <Figure history={history} series="lag" label="Lag in messages" format={(v) => String(v)} now={totalLag(s)} />
              </td>
              <td data-counter="lag-seconds">
                <Figure history={history} series="lagSeconds" label="Lag in seconds" format={(v) => `${v} s`} now={s.lagSeconds} />
              </td>
              <td data-counter="msgs-per-second">
                <Figure history={history} series="msgsPerSecond" label="Throughput" format={(v) => String(v)} now={s.msgsPerSecond} />
              </td>
              <td data-counter="errors-per-second">
                <Figure history={history} series="failedPerSecond" label="Errors per second" format={(v) => String(v)} now={s.failedPerSecond} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
