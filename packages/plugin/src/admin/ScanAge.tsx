import { useEffect, useState } from 'react';

/** "just now", "12 s ago", "3 min ago": how long ago `at` was, at `now`. */
export function scanAgeWords(at: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(at)) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 120) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

/**
 * When the shown discovery read the cluster ("scanned 12 s ago"), kept up to date, and the Rescan
 * button that reads it again. Paging, searching and switching kinds read that scan until it is stale.
 */
export function ScanAge({ scannedAt, rescanning, onRescan }: { scannedAt: string; rescanning: boolean; onRescan: () => void }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="efs-app__muted efs-app__scan-age">
      <time dateTime={scannedAt} title={new Date(scannedAt).toLocaleString()}>
        Scanned {scanAgeWords(scannedAt, now)}
      </time>{' '}
      ·{' '}
      <button type="button" className="efs-app__link" disabled={rescanning} onClick={onRescan}>
        {rescanning ? 'Rescanning…' : 'Rescan'}
      </button>
    </span>
  );
}
