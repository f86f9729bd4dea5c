import type { DlqGroup } from '@event-flows/model';

/** A record of a DLQ position: partition and offset. */
export interface DlqViewPosition {
  readonly partition: number;
  readonly offset: string;
}

/** A dead letter as the API's `runtime.dlq.peek` shows it: its bytes as text (or Base64), error and source. */
export interface DlqViewRecord extends DlqViewPosition {
  readonly timestamp: string;
  readonly key: string | null;
  readonly keyBase64: boolean;
  readonly value: string | null;
  readonly valueBase64: boolean;
  readonly headers: Readonly<Record<string, string>>;
  readonly error: { readonly class?: string | undefined; readonly message?: string | undefined; readonly stage?: string | undefined; readonly attempts?: number | undefined };
  readonly source: { readonly topic?: string | undefined; readonly partition?: number | undefined; readonly offset?: string | undefined };
  readonly algorithm: string | null;
  readonly version: string | null;
  /** The dead letter this record is a failed replay of, when it is one. */
  readonly replayOf: DlqViewPosition | null;
  /** 1 for a record dead-lettered at first; n + 1 for a failed replay of attempt n. */
  readonly attempt?: number;
  /** The first dead letter of its chain, `topic/partition/offset`. */
  readonly origin?: string;
}

/** What a replay did, in counts (the API's `runtime.dlq.replay` answer). */
export interface DlqReplayAnswer {
  readonly replayed: number;
  readonly topic: string;
  readonly skipped: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
  /** The replay was stopped before it had sent every record. */
  readonly stopped?: boolean | undefined;
}

/** What a running replay is told by, and listens to: its running count, and a request to stop. */
export interface ReplayFollow {
  /** Called with how many records have been written so far. */
  readonly onProgress: (replayed: number) => void;
  /** Aborted when the person asks the replay to stop. */
  readonly signal: AbortSignal;
}

/** The key of a DLQ position, `partition:offset`, as the viewer names records. */
export function positionKey(position: DlqViewPosition): string {
  return `${position.partition}:${position.offset}`;
}

const englishPlural = new Intl.PluralRules('en');

/** `n` and the noun, singular or plural as English needs ("1 record", "2 records"). */
export function countOf(n: number, one: string, other = `${one}s`): string {
  return `${n.toLocaleString('en')} ${englishPlural.select(n) === 'one' ? one : other}`;
}

/** A record's value, shaped for reading: formatted JSON, text, or a hex dump of its bytes. */
export interface ValueView {
  readonly kind: 'json' | 'text' | 'hex' | 'none';
  /** What the kind is called on screen. */
  readonly label: string;
  readonly text: string;
}

/** Most bytes a hex dump shows; the rest is counted. */
export const hexDumpBytes = 4_096;

function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** Bytes a hex dump line shows: 8 keep a line (39 characters) inside a side panel. */
const hexLineBytes = 8;

/** A hex dump: {@link hexLineBytes} bytes a line, with the offset and the printable characters. */
function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  const shown = bytes.subarray(0, hexDumpBytes);
  for (let at = 0; at < shown.length; at += hexLineBytes) {
    const row = shown.subarray(at, at + hexLineBytes);
    const hex = [...row].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const chars = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    // Four hex digits of offset are enough: a dump shows at most {@link hexDumpBytes} (0x1000) bytes.
    lines.push(`${at.toString(16).padStart(4, '0')}  ${hex.padEnd(hexLineBytes * 3 - 1)}  ${chars}`);
  }
  if (bytes.length > shown.length) lines.push(`… ${countOf(bytes.length - shown.length, 'more byte')}`);
  return lines.join('\n');
}

/** How a record's value reads best: JSON formatted when it is a JSON object or array, else text, else hex. */
export function valueView(record: Pick<DlqViewRecord, 'value' | 'valueBase64'>): ValueView {
  if (record.value === null) return { kind: 'none', label: 'No value', text: '' };
  if (record.valueBase64) return { kind: 'hex', label: 'Bytes (hex)', text: hexDump(bytesOfBase64(record.value)) };
  const trimmed = record.value.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', label: 'JSON', text: JSON.stringify(JSON.parse(trimmed), null, 2) };
    } catch {
      // Not JSON after all: shown as the text it is.
    }
  }
  return { kind: 'text', label: 'Text', text: record.value };
}

/** The error of a dead letter in words: "Permanent error at invoke, after 3 attempts". */
export function errorSummary(record: Pick<DlqViewRecord, 'error'>): string {
  const { class: errorClass, stage, attempts } = record.error;
  const what = errorClass ? `${errorClass.charAt(0).toUpperCase()}${errorClass.slice(1)} error` : 'Error of unknown class';
  const where = stage ? ` at ${stage}` : '';
  const tries = attempts !== undefined && Number.isFinite(attempts) ? `, after ${countOf(attempts, 'attempt')}` : '';
  return `${what}${where}${tries}`;
}

/** Per record of the list (by key) that was replayed and failed again, how many of its replays failed (are in the list). */
export function failedAgain(records: readonly DlqViewRecord[]): ReadonlyMap<string, number> {
  const keys = new Set(records.map(positionKey));
  const counts = new Map<string, number>();
  for (const r of records) {
    const of = r.replayOf && positionKey(r.replayOf);
    if (of && keys.has(of)) counts.set(of, (counts.get(of) ?? 0) + 1);
  }
  return counts;
}

/** What the viewer shows: one error class (or all), and records from and until a time (ms since the epoch). */
export interface DlqFilter {
  readonly errorClass: string | null;
  readonly from: number | null;
  readonly until: number | null;
}

/** No filter: every record. */
export const everyRecord: DlqFilter = { errorClass: null, from: null, until: null };

/** The error classes of the records, sorted, for the filter's choices. */
export function errorClassesOf(records: readonly DlqViewRecord[]): string[] {
  return [...new Set(records.map((r) => r.error.class ?? 'unknown'))].sort();
}

/** The records the filter keeps, in their order. */
export function filterRecords(records: readonly DlqViewRecord[], filter: DlqFilter): DlqViewRecord[] {
  return records.filter((r) => {
    if (filter.errorClass !== null && (r.error.class ?? 'unknown') !== filter.errorClass) return false;
    const at = Number(r.timestamp);
    if (filter.from !== null && at < filter.from) return false;
    if (filter.until !== null && at > filter.until) return false;
    return true;
  });
}

/** What the server searches the DLQ for (see the API's filter): each given field narrows. */
export interface DlqSearch {
  readonly key?: string;
  readonly header?: { readonly name: string; readonly value?: string };
  readonly text?: string;
  readonly from?: number;
  readonly until?: number;
}

/** A redrive a person asked for: which records, narrowed to a group or not, where to, how fast. */
export interface RedriveRequest {
  readonly select: 'all' | DlqViewPosition[];
  /** For `'all'`: one group's records only. */
  readonly filter?: { readonly errorClass?: string; readonly stage?: string };
  readonly to: string;
  /** Records per second. */
  readonly rate: number;
}

/** A redrive run as the API's `runtime.dlq.redriveRun` shows it. */
export interface RedriveRunView {
  readonly id: string;
  readonly to: string;
  readonly rate: number | null;
  readonly total: number | null;
  /** `interrupted`: the server stopped (a restart, a kill) while it ran; it can be resumed where it stopped. */
  readonly state: 'running' | 'paused' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  readonly replayed: number;
  readonly skipped: number;
  readonly failed: number;
  readonly error: string | null;
  readonly measuredRate: number;
  readonly resultCount: number;
  /** When it started and ended, ms since the epoch (the viewer's own runs may leave them out). */
  readonly startedAt?: number;
  readonly finishedAt?: number | null;
  /** Who started it. */
  readonly by?: string;
  /** The audit log's entry of its end, once written. */
  readonly auditId?: number | null;
  /** What became of each record, the first of them. */
  readonly results: ReadonlyArray<DlqViewPosition & { readonly outcome: string; readonly reason?: string | undefined }>;
}

/** How the viewer starts, reads and steers redrive runs on the server; each rejects with a sentence when refused. */
export interface RedriveControls {
  start(request: RedriveRequest): Promise<RedriveRunView>;
  /** The run as it is now, or null once it is gone. */
  read(id: string): Promise<RedriveRunView | null>;
  steer(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<boolean>;
  /** Resumes an interrupted run where it stopped, sending no record twice; absent where runs cannot be resumed. */
  resume?(id: string): Promise<RedriveRunView>;
}

/** Whether a run has ended. */
export function redriveEnded(run: Pick<RedriveRunView, 'state'>): boolean {
  return run.state !== 'running' && run.state !== 'paused';
}

/** How far a run got, in words: "interrupted at 1,200 of 10,000 records", or "after 1,200 records" when the count was not known. */
export function runReach(run: Pick<RedriveRunView, 'replayed' | 'skipped' | 'failed' | 'total'>): string {
  const looked = run.replayed + run.skipped + run.failed;
  return run.total === null ? `after ${countOf(looked, 'record')}` : `at ${looked.toLocaleString('en')} of ${countOf(run.total, 'record')}`;
}

/** A group's error in words: "permanent at decode". */
export function groupName(group: Pick<DlqGroup, 'errorClass' | 'stage'>): string {
  return `${group.errorClass ?? 'unknown class'}${group.stage ? ` at ${group.stage}` : ''}`;
}
