import './ui.css';
import type { ReactNode } from 'react';

/** The colour role of a {@link Badge}: a state (running, paused, warning, error), a kind (subscribe, publish, dlq), or neutral. */
export type BadgeTone = 'neutral' | 'accent' | 'running' | 'paused' | 'warning' | 'error' | 'subscribe' | 'publish' | 'dlq';

/** Props of {@link Badge}. */
export interface BadgeProps {
  children: ReactNode;
  /** @default 'neutral' */
  tone?: BadgeTone;
  /** A count asking for attention (pending requests): filled rather than outlined. */
  count?: boolean;
  className?: string;
}

/** A short state, kind or count in a pill, in its role's colour (text and edge at 4.5:1 and 3:1 or more). */
export function Badge({ children, tone = 'neutral', count = false, className }: BadgeProps) {
  const classes = ['efs-badge', count ? 'efs-badge--count' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <span className={classes} data-tone={count ? undefined : tone}>
      {children}
    </span>
  );
}
