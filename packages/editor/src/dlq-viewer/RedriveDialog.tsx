import { limits } from '@event-flows/model';
import { ConfirmDialog } from '../events-tab/ConfirmDialog.tsx';
import { countOf, type RedriveRequest } from './dlqViewerRecords.ts';

/** A redrive being set up in its dialog: what it sends, in words and as a request, and how many records that is when known. */
export interface RedriveAsk {
  readonly what: string;
  readonly select: RedriveRequest['select'];
  readonly filter?: RedriveRequest['filter'];
  readonly expected: number | null;
}

/** Props of {@link RedriveDialog}. */
export interface RedriveDialogProps {
  ask: RedriveAsk;
  /** The subscription's own topic. */
  topic: string;
  /** Topics the redrive may go to, the subscription's own first. */
  targets: readonly string[];
  target: string;
  onTarget: (topic: string) => void;
  rate: number;
  onRate: (rate: number) => void;
  onStart: () => void;
  onCancel: () => void;
}

/** Asks before a redrive starts: what it sends, to which topic, at how many records a second. */
export function RedriveDialog({ ask, topic, targets, target, onTarget, rate, onRate, onStart, onCancel }: RedriveDialogProps) {
  return (
    <ConfirmDialog title="Redrive dead letters?" confirmLabel="Start redrive" onConfirm={onStart} onCancel={onCancel}>
      <p>
        This puts {ask.what} back in front of the algorithm{ask.expected !== null ? ` (${countOf(ask.expected, 'record')})` : ''}, at the rate set. You can pause or cancel it while it runs.
      </p>
      <div className="efs-dlq__redrive-fields">
        <label>
          To topic
          <select value={target} onChange={(e) => onTarget(e.target.value)}>
            {targets.map((t) => (
              <option key={t} value={t}>
                {t === topic ? `${t} (the subscription's topic)` : t}
              </option>
            ))}
          </select>
        </label>
        <label>
          Records a second
          <input type="number" min={1} max={limits.dlqRedriveRate} step={1} value={rate} onChange={(e) => onRate(Math.min(limits.dlqRedriveRate, Math.max(1, Math.round(Number(e.target.value) || 1))))} />
        </label>
      </div>
    </ConfirmDialog>
  );
}
