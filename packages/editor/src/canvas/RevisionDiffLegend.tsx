import { Panel } from '@xyflow/react';
import { useRevisionDiff } from './RevisionDiff.tsx';
import { Button } from '../ui/Button.tsx';

const entries = [
  { change: 'added', mark: '+' },
  { change: 'removed', mark: '−' },
  { change: 'changed', mark: '~' },
] as const;

/**
 * The key to a revision diff shown on the canvas: what each mark means, how many of each there are,
 * and "Hide changes" to go back to the plain canvas. Nothing while no diff is shown.
 */
export function RevisionDiffLegend() {
  const shown = useRevisionDiff();
  if (!shown) return null;
  const title = `Changes since ${shown.source.label}`;
  return (
    <Panel position="top-left" className="efs-diff-legend" role="region" aria-label={title}>
      <strong className="efs-diff-legend__title">{title}</strong>
      {Object.values(shown.marks.counts).every((n) => n === 0) ? (
        <span>The flow is as it was then (positions aside).</span>
      ) : (
        <ul className="efs-diff-legend__list">
          {entries.map(({ change, mark }) => (
            <li key={change}>
              <span className={`efs-diff-badge efs-diff-badge--${change}`} aria-hidden="true">
                {mark}
              </span>{' '}
              {shown.marks.counts[change]} {change}
            </li>
          ))}
        </ul>
      )}
      <Button size="small" onClick={shown.source.onHide}>
        Hide changes
      </Button>
    </Panel>
  );
}
