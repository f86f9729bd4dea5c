import './ui.css';
import type { ReactNode } from 'react';

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  /** What is missing ("No flows yet"). */
  title: string;
  /** Why, or what appears here once there is something. */
  children?: ReactNode;
  /** The one thing to do about it: usually a primary {@link Button}. */
  action?: ReactNode;
}

/** Says that a list or a view is empty, why, and what to do about it, in place of the empty thing. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="efs-empty">
      <p className="efs-empty__title">{title}</p>
      {children ? <div className="efs-empty__body">{children}</div> : null}
      {action ?? null}
    </div>
  );
}
