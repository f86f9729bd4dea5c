import '../editor.css';
import '../events-tab/eventsTab.css';
import './dlqViewer.css';
import { limits } from '@event-flows/model';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { ConfirmDialog } from '../events-tab/ConfirmDialog.tsx';
import { DlqGroups } from './DlqGroups.tsx';
import { DlqRecordItem } from './DlqRecordItem.tsx';
import { RedriveProgress } from './RedriveProgress.tsx';
import {
  countOf,
  groupName,
  redriveEnded,
  type DlqSearch,
  type DlqViewGroup,
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
  groups?: readonly DlqViewGroup[] | undefined;
  /** `false` when the groups count the newest part of the DLQ only. */
  groupsComplete?: boolean | undefined;
  /** Searches the DLQ on the server by key, header, value text and time; absent: the filter works on the records shown. */
  onSearch?: ((search: DlqSearch) => void) | undefined;
  /** Redrives on the server, as runs with a rate, progress, pause and cancel; absent: a person who may not redrive. */
  redrive?: RedriveControls | undefined;
  /** Topics a redrive may go to: the subscription's own first, then others its algorithm may read. */
  redriveTargets?: readonly string[] | undefined;
}

/** A redrive being set up in its dialog: what it sends, in words and as a request, and how many records that is when known. */
interface RedriveAsk {
  readonly what: string;
  readonly select: RedriveRequest['select'];
  readonly filter?: RedriveRequest['filter'];
  readonly expected: number | null;
}

/** How often a running redrive is read. */
const redriveReadMs = 500;
/** The rate a redrive dialog starts with, in records a second. */
const defaultRate = 100;

/** What the last replay of this page is doing or did. */
type ReplayState =
  | {
      readonly phase: 'running';
      readonly what: string;
      /** How many records it sends, when known. */
      readonly total: number | null;
      /** How many it has written so far, once told. */
      readonly replayed: number | null;
      readonly stop: AbortController;
      readonly stopping: boolean;
    }
  | { readonly phase: 'done'; readonly answer: DlqReplayAnswer }
  | { readonly phase: 'failed'; readonly message: string };

/** A `datetime-local` input's value as ms since the epoch, or null when empty or unreadable. */
function timeOfInput(value: string): number | null {
  const at = value === '' ? Number.NaN : new Date(value).getTime();
  return Number.isNaN(at) ? null : at;
}

function answerText(answer: DlqReplayAnswer): string {
  const skipped = answer.skipped.map((s) => `${s.count.toLocaleString('en')} (${s.reason})`).join(', ');
  const done = answer.stopped ? `Stopped after replaying ${countOf(answer.replayed, 'record')}` : `Replayed ${countOf(answer.replayed, 'record')}`;
  return `${done} to ${answer.topic}.${skipped ? ` Skipped ${skipped}.` : ''}`;
}

/** A running replay's line: what it does, then its running count ("Replayed 120 of 500 records…"). */
function progressText(replay: Extract<ReplayState, { phase: 'running' }>): string {
  if (replay.stopping) return 'Stopping after the records being sent…';
  if (replay.replayed === null) return replay.what;
  if (replay.total === null) return `Replayed ${countOf(replay.replayed, 'record')} so far…`;
  return `Replayed ${replay.replayed.toLocaleString('en')} of ${countOf(replay.total, 'record')}…`;
}

/**
 * The dead-letter viewer of one subscription: each dead letter's error in words, its value formatted
 * (JSON, text or hex), filters by error class and time, replay of picked records, of all (after a
 * confirmation with the count, showing progress) or of one with an edited value. A record whose replay
 * failed again is marked so.
 */
export function DlqViewer(props: DlqViewerProps) {
  const { subscription, topic, dlqTopic, records, complete, loading = false, error = null, readOnly = false, theme = 'light', toolbar, onShowOlder, onReplay, onReplayEdited } = props;
  const { groups = [], groupsComplete = true, onSearch, redrive, redriveTargets = [topic] } = props;
  const id = useId();
  const [search, setSearch] = useState<{ key: string; header: string; headerValue: string; text: string }>({ key: '', header: '', headerValue: '', text: '' });
  const [shownGroup, setShownGroup] = useState<DlqViewGroup | null>(null);
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
  const submitSearch = () => {
    if (!onSearch) return;
    const header = search.header.trim();
    onSearch({
      ...(search.key ? { key: search.key } : {}),
      ...(search.text ? { text: search.text } : {}),
      ...(header ? { header: { name: header, ...(search.headerValue ? { value: search.headerValue } : {}) } } : {}),
      ...(filter.from !== null ? { from: filter.from } : {}),
      ...(filter.until !== null ? { until: filter.until } : {}),
    });
  };
  const groupFilter = (group: DlqViewGroup) => ({ ...(group.errorClass ? { errorClass: group.errorClass } : {}), ...(group.stage ? { stage: group.stage } : {}) });

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
          redrive && !readOnly
            ? (group) => askRedrive({ what: `the ${countOf(group.deadLetters, 'dead letter')} of ${groupName(group)}`, select: 'all', filter: groupFilter(group), expected: group.records })
            : undefined
        }
      />

      {/* Folded away until wanted: in a side panel at 1280×720 the records are what needs the room. */}
      <details className="efs-dlq__filters">
        <summary>{filtered ? `Filter (${shown.length.toLocaleString('en')} of ${records.length.toLocaleString('en')} shown)` : 'Filter by error class and time'}</summary>
        <label>
          Error class
          <select value={filter.errorClass ?? ''} onChange={(e) => setFilter({ ...filter, errorClass: e.target.value === '' ? null : e.target.value })}>
            <option value="">All classes</option>
            {classes.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="datetime-local" step={1} onChange={(e) => setFilter({ ...filter, from: timeOfInput(e.target.value) })} />
        </label>
        <label>
          Until
          <input type="datetime-local" step={1} onChange={(e) => setFilter({ ...filter, until: timeOfInput(e.target.value) })} />
        </label>
        {onSearch ? (
          <form
            className="efs-dlq__search"
            aria-label="Search the DLQ"
            onSubmit={(e) => {
              e.preventDefault();
              submitSearch();
            }}
          >
            <label>
              Key contains
              <input value={search.key} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, key: e.target.value })} />
            </label>
            <label>
              Header
              <input value={search.header} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, header: e.target.value })} />
            </label>
            <label>
              Header value
              <input value={search.headerValue} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, headerValue: e.target.value })} />
            </label>
            <label>
              Value contains
              <input value={search.text} maxLength={limits.dlqFilterText} onChange={(e) => setSearch({ ...search, text: e.target.value })} />
            </label>
            <button type="submit" disabled={loading}>
              Search the DLQ
            </button>
          </form>
        ) : null}
      </details>

      {readOnly ? null : redrive ? (
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
      {redriving ? <RedriveProgress run={redriving.view} expected={redriving.expected} steering={steering} onSteer={(action) => void steer(action)} /> : null}
      {replay?.phase === 'running' ? (
        <p role="status" className="efs-dlq__progress">
          <progress aria-label="Replay in progress" {...(replay.replayed === null ? {} : { value: replay.replayed, max: replay.total ?? replay.replayed * 2 })} /> {progressText(replay)}{' '}
          {replay.stopping ? null : (
            <button
              type="button"
              onClick={() => {
                replay.stop.abort();
                setReplay({ ...replay, stopping: true });
              }}
            >
              Stop replaying
            </button>
          )}
        </p>
      ) : replay?.phase === 'done' ? (
        <p role="status">{answerText(replay.answer)}</p>
      ) : replay?.phase === 'failed' ? (
        <p role="alert">Replay failed: {replay.message}</p>
      ) : null}

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
                readOnly={readOnly}
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
        <ConfirmDialog title="Redrive dead letters?" confirmLabel="Start redrive" onConfirm={() => void startRedrive()} onCancel={() => setAsking(null)}>
          <p>
            This puts {asking.what} back in front of the algorithm{asking.expected !== null ? ` (${countOf(asking.expected, 'record')})` : ''}, at the rate set. You can pause or cancel it while it runs.
          </p>
          <div className="efs-dlq__redrive-fields">
            <label>
              To topic
              <select value={target} onChange={(e) => setTarget(e.target.value)}>
                {redriveTargets.map((t) => (
                  <option key={t} value={t}>
                    {t === topic ? `${t} (the subscription's topic)` : t}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Records a second
              <input type="number" min={1} max={limits.dlqRedriveRate} step={1} value={rate} onChange={(e) => setRate(Math.min(limits.dlqRedriveRate, Math.max(1, Math.round(Number(e.target.value) || 1))))} />
            </label>
          </div>
        </ConfirmDialog>
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
