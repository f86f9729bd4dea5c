import { Button } from '@event-flows/editor';
import { useEffect, useState } from 'react';

/** "just now", "12 s ago", "3 min ago": how long ago `at` was, at `now`. */
export function scanAgeWords(at: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

/** The time now, read again every five seconds (or `fixed`, when given). */
function useNow(fixed: number | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (fixed !== undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, [fixed]);
  return fixed ?? now;
}

/** Props of {@link ScanAge}. */
export interface ScanAgeProps {
  /** When the shown discovery read the cluster (ISO 8601). */
  scannedAt: string;
  /** Whether a rescan is under way. */
  rescanning: boolean;
  onRescan: () => void;
  /** The time to measure the age at (a story's fixed clock); without it, the age is kept up to date. */
  now?: number;
}

/**
 * When the shown discovery read the cluster ("Scanned 12 s ago"), and the Rescan button that reads it
 * again. Paging, searching and switching kinds read that scan until it is stale.
 */
export function ScanAge({ scannedAt, rescanning, onRescan, now }: ScanAgeProps) {
  const at = useNow(now);
  return (
    <span className="efs-app__scan-age">
      <time dateTime={scannedAt} title={new Date(scannedAt).toLocaleString()}>
        Scanned {scanAgeWords(scannedAt, at)}
      </time>
      <Button size="small" busy={rescanning} onClick={onRescan}>
        {rescanning ? 'Rescanning…' : 'Rescan'}
      </Button>
    </span>
  );
}
