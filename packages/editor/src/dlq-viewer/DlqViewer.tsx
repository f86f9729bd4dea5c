import '../editor.css';
import '../events-tab/eventsTab.css';
import './dlqViewer.css';
import type { DlqGroup } from '@event-flows/model';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../events-tab/ConfirmDialog.tsx';
import { DlqFilters } from './DlqFilters.tsx';
import { DlqGroups } from './DlqGroups.tsx';
import { DlqRecordItem } from './DlqRecordItem.tsx';
import { RedriveDialog, type RedriveAsk } from './RedriveDialog.tsx';
import { RedriveProgress } from './RedriveProgress.tsx';
import { RedriveRuns } from './RedriveRuns.tsx';
import { ReplayLine, type ReplayState } from './ReplayLine.tsx';
import {
  countOf,
  groupName,
  redriveEnded,
  type DlqSearch,
  type RedriveControls,
  type RedriveRequest,
  type RedriveRunView,
  errorClassesOf,
  everyRecord,
  failedAgain,
  filterRecords,
  positionKey,
  type DlqFilter,
  type DlqReplayAnswer,
  type DlqViewPosition,
  type DlqViewRecord,
  type ReplayFollow,
} from './dlqViewerRecords.ts';

/** Props of {@link DlqViewer}. */
export interface DlqViewerProps {
  /** The subscription in words, e.g. "acme/classify ← orders". */
  subscription: string;
  /** The subscription's own topic, where replays go. */
  topic: string;
  /** The DLQ topic, once known. */
  dlqTopic: string | null;
  /** The subscription's newest dead letters, oldest first. */
  records: readonly DlqViewRecord[];
  /** `false` when the subscription may have older dead letters than these. */
  complete: boolean;
  loading?: boolean;
  /** Why the dead letters could not be read, as a sentence. */
  error?: string | null;
  /** A viewer sees the dead letters and replays nothing. */
  readOnly?: boolean;
  theme?: 'light' | 'dark';
  /** Controls above the records (the subscription picker, refresh). */
  toolbar?: ReactNode;
  /** Reads more of the older dead letters; absent when no more can be shown. */
  onShowOlder?: () => void;
  /**
   * Replays chosen records, or all, telling its progress to `follow` and stopping when its signal is
   * aborted (then answering with `stopped`); rejects with a sentence when refused.
   */
  onReplay: (select: 'all' | DlqViewPosition[], follow: ReplayFollow) => Promise<DlqReplayAnswer>;
  /** Replays one record with an edited value and the chosen headers of its own; rejects with a sentence when refused. */
  onReplayEdited: (record: DlqViewPosition, value: { text: string; base64: boolean }, keepHeaders: string[]) => Promise<DlqReplayAnswer>;
  /** The dead letters grouped by error class and stage, when read. */
  groups?: readonly DlqGroup[] | undefined;
  /** `false` when the groups count the newest part of the DLQ only. */
  groupsComplete?: boolean | undefined;
  /** Searches the DLQ on the server by key, header, value text and time; absent: the filter works on the records shown. */
  onSearch?: ((search: DlqSearch) => void) | undefined;
  /** Redrives on the server, as runs with a rate, progress, pause and cancel; absent: a person who may not redrive. */
  redrive?: RedriveControls | undefined;
  /** Topics a redrive may go to: the subscription's own first, then others its algorithm may read. */
  redriveTargets?: readonly string[] | undefined;
  /**
   * Why the person, who may change the subscription, may not redrive its dead letters, and who can let
   * them: said in place of the redrive and replay buttons, which are not shown. Null or absent: they may.
   */
  redriveRefused?: string | null | undefined;
  /** The subscription's earlier redrive runs, newest first: their results, and a resume for an interrupted one. */
  pastRuns?: readonly RedriveRunView[] | undefined;
  /** Where a run's audit entry is shown, for a person who may read the audit log. */
  auditHref?: ((auditId: number) => string) | undefined;
}

/** How often a running redrive is read. */
const redriveReadMs = 500;
/** The rate a redrive dialog starts with, in records a second. */
const defaultRate = 100;

/**
 * The dead-letter viewer of one subscription: each dead letter's error in words, its value formatted
 * (JSON, text or hex), filters by error class and time, replay of picked records, of all (after a
 * confirmation with the count, showing progress) or of one with an edited value. A record whose replay
 * failed again is marked so.
 */
export function DlqViewer(props: DlqViewerProps) {
  const { subscription, topic, dlqTopic, records, complete, loading = false, error = null, readOnly = false, theme = 'light', toolbar, onShowOlder, onReplay, onReplayEdited } = props;
  const { groups = [], groupsComplete = true, onSearch, redrive, redriveTargets = [topic], redriveRefused = null, pastRuns = [], auditHref } = props;
  // Who may not redrive sees what a viewer sees: the dead letters, and no button that would be refused.
  const acting = !readOnly && redriveRefused === null;
  const id = useId();
  const [shownGroup, setShownGroup] = useState<DlqGroup | null>(null);
  const [asking, setAsking] = useState<RedriveAsk | null>(null);
  const [target, setTarget] = useState(topic);
  const [rate, setRate] = useState(defaultRate);
  const [redriving, setRedriving] = useState<{ view: RedriveRunView; expected: number | null } | null>(null);
  const [steering, setSteering] = useState(false);
  const [redriveRefusal, setRedriveRefusal] = useState<string | null>(null);
  const runId = redriving && !redriveEnded(redriving.view) ? redriving.view.id : null;
  // A running redrive is read now and then until it ends; its last reading stays on the page.
  useEffect(() => {
    if (!redrive || runId === null) return;
    const timer = setInterval(() => {
      void redrive.read(runId).then(
        (view) => view && setRedriving((now) => (now?.view.id === view.id ? { ...now, view } : now)),
        () => undefined,
      );
    }, redriveReadMs);
    return () => clearInterval(timer);
  }, [redrive, runId]);
  const [filter, setFilter] = useState<DlqFilter>(everyRecord);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [replay, setReplay] = useState<ReplayState | null>(null);
  // Per record replayed from this page, how many failed replays of it the DLQ held then.
  const [replayed, setReplayed] = useState<ReadonlyMap<string, number>>(new Map());
  const classes = useMemo(() => errorClassesOf(records), [records]);
  const again = useMemo(() => failedAgain(records), [records]);
  const shown = useMemo(
    () => filterRecords(records, filter).filter((r) => !shownGroup || ((r.error.class ?? null) === shownGroup.errorClass && (r.error.stage ?? null) === shownGroup.stage)),
    [records, filter, shownGroup],
  );
  const filtered = shown.length < records.length;
  // Replaying all skips the failed replays of dead letters it sends: the count says what it sends.
  const failedReplays = [...again.values()].reduce((sum, n) => sum + n, 0);
  const deadLetters = records.length - failedReplays;
  const busy = replay?.phase === 'running' || runId !== null;
  const pickedShown = shown.filter((r) => picked.has(positionKey(r)));

  const noteReplayed = (keys: readonly string[]) => setReplayed((before) => new Map([...before, ...keys.map((key) => [key, again.get(key) ?? 0] as const)]));

  const run = async (what: string, total: number | null, keys: readonly string[], work: (follow: ReplayFollow) => Promise<DlqReplayAnswer>) => {
    const stop = new AbortController();
    setReplay({ phase: 'running', what, total, replayed: null, stop, stopping: false });
    const onProgress = (replayed: number) => setReplay((now) => (now?.phase === 'running' && now.stop === stop ? { ...now, replayed } : now));
    try {
      const answer = await work({ onProgress, signal: stop.signal });
      setReplay({ phase: 'done', answer });
      // A stopped replay sent some of them, which ones the answer does not say.
      if (!answer.stopped) noteReplayed(keys);
      setPicked(new Set());
    } catch (failure) {
      setReplay({ phase: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
    }
  };

  const replayPicked = () => {
    const positions = pickedShown.map((r) => ({ partition: r.partition, offset: r.offset }));
    void run(`Replaying ${countOf(positions.length, 'record')} to ${topic}…`, positions.length, positions.map(positionKey), (follow) => onReplay(positions, follow));
  };
  const replayAll = () => {
    setConfirming(false);
    // The count is known only when every dead letter of the subscription is shown.
    void run(`Replaying every dead letter of ${subscription} to ${topic}…`, complete ? deadLetters : null, records.map(positionKey), (follow) => onReplay('all', follow));
  };

  const askRedrive = (ask: RedriveAsk) => {
    setRedriveRefusal(null);
    setTarget(redriveTargets[0] ?? topic);
    setAsking(ask);
  };
  const startRedrive = async () => {
    if (!redrive || !asking) return;
    const request: RedriveRequest = { select: asking.select, to: target, rate, ...(asking.filter ? { filter: asking.filter } : {}) };
    setAsking(null);
    try {
      const view = await redrive.start(request);
      setRedriving({ view, expected: asking.expected });
      setPicked(new Set());
    } catch (failure) {
      setRedriveRefusal(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const resumeRedrive = async (run: RedriveRunView) => {
    if (!redrive?.resume) return;
    setRedriveRefusal(null);
    try {
      setRedriving({ view: await redrive.resume(run.id), expected: run.total });
    } catch (failure) {
      setRedriveRefusal(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const steer = async (action: 'pause' | 'resume' | 'cancel') => {
    if (!redrive || !redriving) return;
    setSteering(true);
    try {
      await redrive.steer(redriving.view.id, action);
      const view = await redrive.read(redriving.view.id);
      if (view) setRedriving({ ...redriving, view });
    } finally {
      setSteering(false);
    }
  };
  const groupFilter = (group: DlqGroup) => ({ ...(group.errorClass ? { errorClass: group.errorClass } : {}), ...(group.stage ? { stage: group.stage } : {}) });

  return (
    <section className="efs-surface efs-dlq" data-theme={theme} aria-labelledby={`${id}-h`} aria-busy={loading}>
      <h2 id={`${id}-h`} className="efs-dlq__heading">
        Dead letters
      </h2>
      {toolbar}
      {error ? <p role="alert">{error}</p> : null}
      {dlqTopic ? (
        <p className="efs-dlq__summary">
          {countOf(records.length, 'dead letter')} of {subscription} in {dlqTopic}
          {filtered ? ` (${shown.length.toLocaleString('en')} shown by the filter)` : ''}.
        </p>
      ) : loading ? (
        <p className="efs-dlq__summary">Reading the dead letters…</p>
      ) : null}
      {dlqTopic && !complete ? (
        <p className="efs-dlq__note" data-testid="dlq-incomplete">
          Older records not shown: these are the newest {records.length.toLocaleString('en')}, and the DLQ may hold older dead letters of this subscription.{' '}
          {onShowOlder ? (
            <button type="button" onClick={onShowOlder} disabled={loading}>
              Show older records
            </button>
          ) : null}
        </p>
      ) : null}

      <DlqGroups
        groups={groups}
        complete={groupsComplete}
        shown={shownGroup}
        onShow={setShownGroup}
        busy={busy}
        onRedrive={
          redrive && acting
            ? (group) => askRedrive({ what: `the ${countOf(group.deadLetters, 'dead letter')} of ${groupName(group)}`, select: 'all', filter: groupFilter(group), expected: group.records })
            : undefined
        }
      />

      <DlqFilters filter={filter} onFilter={setFilter} classes={classes} narrowed={filtered ? `Filter (${shown.length.toLocaleString('en')} of ${records.length.toLocaleString('en')} shown)` : null} onSearch={onSearch} loading={loading} />

      {redriveRefused !== null && !readOnly ? (
        <p className="efs-dlq__note" role="note" data-testid="redrive-refused">
          {redriveRefused}
        </p>
      ) : null}
      {!acting ? null : redrive ? (
        <div className="efs-dlq__actions">
          <button
            type="button"
            onClick={() => {
              const positions = pickedShown.map((r) => ({ partition: r.partition, offset: r.offset }));
              askRedrive({ what: countOf(positions.length, 'picked record'), select: positions, expected: positions.length });
            }}
            disabled={pickedShown.length === 0 || busy}
          >
            Redrive picked{pickedShown.length > 0 ? ` (${pickedShown.length.toLocaleString('en')})` : ''}…
          </button>
          <button type="button" onClick={() => askRedrive({ what: `every dead letter of ${subscription}`, select: 'all', expected: complete ? records.length : null })} disabled={records.length === 0 || busy}>
            Redrive all…
          </button>
        </div>
      ) : (
        <div className="efs-dlq__actions">
          <button type="button" onClick={replayPicked} disabled={pickedShown.length === 0 || busy}>
            Replay picked{pickedShown.length > 0 ? ` (${pickedShown.length.toLocaleString('en')})` : ''}
          </button>
          <button type="button" onClick={() => setConfirming(true)} disabled={records.length === 0 || busy}>
            Replay all…
          </button>
        </div>
      )}
      {redriveRefusal ? <p role="alert">Redrive refused: {redriveRefusal}</p> : null}
      {redriving ? <RedriveProgress run={redriving.view} expected={redriving.expected} steering={steering} onSteer={(action) => void steer(action)} auditHref={auditHref} /> : null}
      <RedriveRuns runs={pastRuns.filter((r) => r.id !== redriving?.view.id)} busy={busy} auditHref={auditHref} onResume={redrive?.resume && acting ? (run) => void resumeRedrive(run) : undefined} />
      <ReplayLine
        replay={replay}
        onStop={() => {
          if (replay?.phase !== 'running') return;
          replay.stop.abort();
          setReplay({ ...replay, stopping: true });
        }}
      />

      {shown.length > 0 ? (
        <ul className="efs-dlq__records" aria-label="Dead-letter records">
          {[...shown].reverse().map((record) => {
            const key = positionKey(record);
            return (
              <DlqRecordItem
                key={key}
                record={record}
                // Failed again since its last replay from here, or (not replayed from here) at all.
                failedAgain={(again.get(key) ?? 0) > (replayed.get(key) ?? 0)}
                replayed={replayed.has(key)}
                picked={picked.has(key)}
                onPick={(on) =>
                  setPicked((before) => {
                    const next = new Set(before);
                    if (on) next.add(key);
                    else next.delete(key);
                    return next;
                  })
                }
                readOnly={!acting}
                busy={busy}
                onReplayEdited={async (position, value, keepHeaders) => {
                  // The form shows a refusal itself; the page's line shows what was done.
                  const answer = await onReplayEdited(position, value, keepHeaders);
                  setReplay({ phase: 'done', answer });
                  noteReplayed([key]);
                }}
              />
            );
          })}
        </ul>
      ) : dlqTopic && !loading ? (
        <p className="efs-dlq__empty">{records.length === 0 ? 'No dead letters: every message of this subscription was processed.' : 'No dead letter matches the filter.'}</p>
      ) : null}

      {asking ? (
        <RedriveDialog ask={asking} topic={topic} targets={redriveTargets} target={target} onTarget={setTarget} rate={rate} onRate={setRate} onStart={() => void startRedrive()} onCancel={() => setAsking(null)} />
      ) : null}

      {confirming ? (
        <ConfirmDialog title="Replay all dead letters?" confirmLabel={complete ? `Replay ${countOf(deadLetters, 'record')}` : 'Replay all'} onConfirm={replayAll} onCancel={() => setConfirming(false)}>
          <p>
            {complete
              ? `This puts all ${countOf(deadLetters, 'dead letter')} of ${subscription} back on ${topic}.`
              : `This puts every dead letter of ${subscription} back on ${topic}: the ${deadLetters.toLocaleString('en')} shown and older ones not shown.`}{' '}
            {failedReplays > 0
              ? `The ${countOf(failedReplays, 'failed replay')} of ${failedReplays === 1 ? 'one of them is' : 'them are'} skipped, as ${failedReplays === 1 ? 'its dead letter is' : 'their dead letters are'} sent.`
              : 'A failed replay of a dead letter still in the DLQ is skipped, as that dead letter is sent.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
