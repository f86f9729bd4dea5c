import type { BindingHistory, HistorySeries } from '@event-flows/model';
import { Sparkline } from './Sparkline.tsx';

const rate = (v: number) => `${v}/s`;

/** The charts of a binding's history, in the order they are shown, with how each value reads. */
const charts: ReadonlyArray<{ series: HistorySeries; label: string; format: (v: number) => string }> = [
  { series: 'lag', label: 'Lag in messages', format: (v) => `${v} msgs` },
  { series: 'lagSeconds', label: 'Lag in seconds', format: (v) => `${v} s` },
  { series: 'msgsPerSecond', label: 'Throughput', format: (v) => `${v} msg/s` },
  { series: 'failedPerSecond', label: 'Errors', format: rate },
  { series: 'deadLetteredPerSecond', label: 'Dead-lettered', format: rate },
];

/**
 * A binding's recent lag (messages and seconds), throughput, error and DLQ rates as small charts, each
 * with its latest value; `series` picks some of them (default all).
 */
export function BindingCharts({ history, series, width = 120 }: { history: BindingHistory; series?: readonly HistorySeries[]; width?: number }) {
  const shown = series ? charts.filter((c) => series.includes(c.series)) : charts;
  return (
    <dl className="efs-charts" aria-label={`History of ${history.algorithm} on ${history.topic}`}>
      {shown.map(({ series: name, label, format }) => {
        const values = history[name];
        const latest = values[values.length - 1];
        return (
          <div className="efs-charts__row" key={name} data-series={name}>
            <dt>{label}</dt>
            <dd>
              <Sparkline at={history.at} values={values} label={label} format={format} width={width} />
              <span className="efs-charts__value">{latest === undefined ? '–' : format(latest)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
