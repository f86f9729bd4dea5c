import './ui.css';

/** Props of {@link Spinner}. */
export interface SpinnerProps {
  /** What is being waited for, shown beside the ring and said by a screen reader. @default 'Loading…' */
  label?: string;
}

/** Something is on its way: a turning ring (slower when the person asks for less motion) and words saying what. */
export function Spinner({ label = 'Loading…' }: SpinnerProps) {
  return (
    <span className="efs-spinner" role="status">
      <span className="efs-spinner__ring" aria-hidden="true" />
      {label}
    </span>
  );
}
