import { memo } from 'react';

/** What {@link Sparkline} draws. */
export interface SparklineProps {
  /** Epoch milliseconds of each value, oldest first. */
  at: readonly number[];
  values: readonly number[];
  /** What the values are, for screen readers and the tooltip, e.g. `Lag in messages`. */
  label: string;
  /** How a value reads, e.g. `(v) => `${v} msg/s``. */
  format: (value: number) => string;
  width?: number;
  height?: number;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? 'the last minute' : `the last ${m} minutes`;
}

/**
 * A small line chart of one figure over time (an inline SVG, no chart library): the line over the
 * span the samples cover, the area under it lightly filled, and its highest value as its top. Says what
 * it shows in words (its accessible name and tooltip): the span, the highest and the latest value.
 */
export const Sparkline = memo(function Sparkline({ at, values, label, format, width = 120, height = 24 }: SparklineProps) {
  const count = Math.min(at.length, values.length);
  const first = at[0] ?? 0;
  const span = Math.max(1, (at[count - 1] ?? first) - first);
  const top = Math.max(0, ...values.slice(0, count));
  const latest = values[count - 1];
  const description =
    count === 0 || latest === undefined ? `${label}: no samples yet` : `${label} over ${minutes(span)}: highest ${format(top)}, now ${format(latest)}`;
  // One pixel of room at the top and bottom, so that a flat line at the top or at zero stays visible.
  const y = (v: number) => (top === 0 ? height - 1 : 1 + (1 - v / top) * (height - 2));
  const x = (t: number) => (count === 1 ? width : ((t - first) / span) * width);
  const points: string[] = [];
  for (let i = 0; i < count; i++) points.push(`${x(at[i] ?? first).toFixed(1)},${y(values[i] ?? 0).toFixed(1)}`);
  return (
    <svg className="efs-sparkline" role="img" aria-label={description} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      <title>{description}</title>
      {count > 0 ? (
        <>
          <polygon className="efs-sparkline__area" points={`${x(first).toFixed(1)},${height} ${points.join(' ')} ${x(at[count - 1] ?? first).toFixed(1)},${height}`} />
          <polyline className="efs-sparkline__line" points={points.join(' ')} />
        </>
      ) : (
        <line className="efs-sparkline__empty" x1={0} x2={width} y1={height - 1} y2={height - 1} />
      )}
    </svg>
  );
});
