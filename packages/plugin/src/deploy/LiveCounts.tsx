import type { BindingHistoryRow, BindingStatusRow, BindingStatusState } from '@event-flows/client';
import { Badge, Sparkline, Table, type BadgeTone, type TableColumn } from '@event-flows/editor';
import { countOf, runsWithFailures, totalLag, type BindingState } from '@event-flows/model';

const chartWidth = 80;

/** A whole count as people read it: 48,210. */
const whole = (value: number) => value.toLocaleString('en');
/** A rate or a number of seconds: at most one decimal, 1,204.5. */
const rate = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 1 });

type Series = 'lag' | 'lagSeconds' | 'msgsPerSecond' | 'failedPerSecond';

/** A figure's small chart over the binding's history, then its value now. */
function Figure({ history, series, label, format, now, counter }: { history: BindingHistoryRow | undefined; series: Series; label: string; format: (v: number) => string; now: number; counter: string }) {
  return (
    <span className="efs-app__figure" data-series={series}>
      {history ? <Sparkline at={history.at} values={history[series]} label={label} format={format} width={chartWidth} height={18} /> : null}
      <span data-counter={counter}>{format(now)}</span>
    </span>
  );
}

/** The colour role of each binding state; a running binding with failures is amber (warning), never green. */
const stateTones: Record<BindingState, BadgeTone> = { starting: 'accent', running: 'running', paused: 'paused', error: 'error', stopped: 'neutral' };

/** A binding's state as a badge in its colour role. */
function StateBadge({ status }: { status: BindingStatusRow }) {
  if (runsWithFailures(status)) return <Badge tone="warning">running, with failures</Badge>;
  return <Badge tone={stateTones[status.state]}>{status.state}</Badge>;
}

/** The live table's columns; `historyOf` finds a binding's last hour for its small charts. */
function liveColumns(historyOf: ReadonlyMap<string, BindingHistoryRow>): TableColumn<BindingStatusRow>[] {
  const count = (key: string, header: string, value: (s: BindingStatusRow) => number): TableColumn<BindingStatusRow> => ({
    key,
    header,
    numeric: true,
    cell: (s) => <span data-counter={key}>{whole(value(s))}</span>,
  });
  const figure = (key: string, header: string, series: Series, label: string, format: (v: number) => string, value: (s: BindingStatusRow) => number): TableColumn<BindingStatusRow> => ({
    key,
    header,
    numeric: true,
    cell: (s) => <Figure history={historyOf.get(s.key)} series={series} label={label} format={format} now={value(s)} counter={key} />,
  });
  return [
    { key: 'binding', header: 'Binding', rowHeader: true, cell: (s) => `${s.algorithm} ← ${s.topic}` },
    { key: 'state', header: 'State', cell: (s) => <StateBadge status={s} /> },
    count('consumed', 'Consumed', (s) => s.consumed),
    count('published', 'Published', (s) => s.published),
    count('dead-lettered', 'Dead-lettered', (s) => s.deadLettered),
    figure('lag', 'Lag', 'lag', 'Lag in messages', whole, totalLag),
    figure('lag-seconds', 'Lag (s)', 'lagSeconds', 'Lag in seconds', (v) => `${rate(v)} s`, (s) => s.lagSeconds),
    figure('msgs-per-second', 'msg/s', 'msgsPerSecond', 'Throughput', rate, (s) => s.msgsPerSecond),
    figure('errors-per-second', 'Errors/s', 'failedPerSecond', 'Errors per second', rate, (s) => s.failedPerSecond),
  ];
}

/** Props of {@link LiveCounts}. */
export interface LiveCountsProps {
  /** The bindings' counters as the status stream reports them; `null` before the first report. */
  statuses: readonly BindingStatusRow[] | null;
  /** Where the status stream stands (connecting, pending = live, error). */
  state: BindingStatusState['state'];
  /** Each binding's last hour, for the small charts; `null` while there is none. */
  histories?: readonly BindingHistoryRow[] | null;
}

/**
 * The running bindings' counters, as the server's status stream reports them, in the design system's
 * table (numbers right-aligned under right-aligned headings), with small charts of the last hour of
 * their lag (messages and seconds), throughput and error rate when `histories` has them; each state is
 * a badge in its colour, and a running binding with failed messages is amber and said so
 * ("running, with failures"). Nothing shows before the flow has a binding.
 */
export function LiveCounts({ statuses, state, histories = null }: LiveCountsProps) {
  if (!statuses || statuses.length === 0) return null;
  const failing = statuses.filter(runsWithFailures).length;
  const historyOf = new Map((histories ?? []).map((h) => [h.key, h]));
  return (
    <div className="efs-app__live">
      <Table
        label="Live status"
        caption={
          <>
            Live status {state === 'pending' ? '' : `(${state})`}
            {failing > 0 ? <span className="efs-app__live-failing"> · {countOf(failing, 'binding')} with failures</span> : null}
          </>
        }
        columns={liveColumns(historyOf)}
        rows={statuses}
        rowKey={(s) => s.key}
        rowData={(s) => ({ 'data-binding': `${s.algorithm} ${s.topic}` })}
      />
    </div>
  );
}
