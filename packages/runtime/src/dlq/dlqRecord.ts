import type { SubscribeBinding } from '@event-flows/model';
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { headerNames, readHeader } from '../records.ts';

/** A record read from a DLQ topic, with the error and source its headers carry. */
export interface DlqRecord {
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly timestamp: string;
  /** Every header as text (the first value when repeated). */
  readonly headers: Readonly<Record<string, string>>;
  readonly error: { readonly class?: string; readonly message?: string; readonly stage?: string; readonly attempts?: number };
  readonly source: { readonly topic?: string; readonly partition?: number; readonly offset?: string; readonly timestamp?: string };
  readonly algorithm?: string;
  readonly version?: string;
  readonly flow?: string;
}

/** A record of a DLQ topic, by position. */
export interface DlqPosition {
  readonly partition: number;
  readonly offset: string;
}

/**
 * The subscription a DLQ tool works for. A DLQ topic may be shared (the demo's `orders.dlq` takes the
 * failures of two algorithms), and anyone who may write to it can put records there, so the tools only
 * touch records whose headers say the runtime wrote them for this subscription.
 */
export type DlqOwner = Pick<SubscribeBinding, 'flowId' | 'algorithm' | 'topic'>;

/**
 * Why a DLQ record is not `owner`'s, from the algorithm, flow and source topic headers the runtime writes
 * on each (see `dlqRecord`); `undefined` when it is. The reasons name nothing of the record, which may
 * belong to another org.
 */
export function notOwnedBecause(record: DlqRecord, owner: DlqOwner): string | undefined {
  if (record.algorithm !== owner.algorithm) return 'dead-lettered by another algorithm';
  if (record.flow !== owner.flowId) return 'dead-lettered by another flow';
  if (record.source.topic !== owner.topic) return "from another topic than the subscription's";
  return undefined;
}

/** The header a replay writes on each record: the DLQ topic, partition and offset it was replayed from. */
export const replayFromHeader = 'eventflows.replay.from';

/** The header a replay writes on each record: who asked for it. */
export const replayByHeader = 'eventflows.replay.by';
/** The redrive run that wrote a record: a resumed run finds by it what it had sent before it stopped. */
export const replayRunHeader = 'eventflows.replay.run';

/**
 * The header a replay writes on each record: the first dead letter of its chain (`topic/partition/offset`),
 * the same on every later attempt, so a record that fails again and again is one dead letter, not many.
 */
export const replayOriginHeader = 'eventflows.replay.origin';

/** The header a replay writes on each record: which attempt it is (2 for the first replay of a dead letter). */
export const replayAttemptHeader = 'eventflows.replay.attempt';

/** A dead letter's attempt: 1 for a record dead-lettered at first, n + 1 for a failed replay of attempt n. */
export function attemptOf(record: Pick<DlqRecord, 'headers'>): number {
  const attempt = Number(record.headers[replayAttemptHeader]);
  return Number.isInteger(attempt) && attempt >= 2 ? attempt : record.headers[replayFromHeader] ? 2 : 1;
}

/** The first dead letter of `record`'s chain (`topic/partition/offset`): its origin header, or itself. */
export function originOf(record: Pick<DlqRecord, 'headers' | 'partition' | 'offset'>, dlqTopic: string): string {
  return record.headers[replayOriginHeader] ?? record.headers[replayFromHeader] ?? `${dlqTopic}/${record.partition}/${record.offset}`;
}

/**
 * Which dead letters to look at; each given field narrows. Times are ms since the epoch (`from`
 * inclusive, `until` exclusive); `key` and `text` match part of the key and value as text, ignoring case;
 * `header` matches a header by name, and by value when one is given.
 */
export interface DlqFilter {
  readonly from?: number | undefined;
  readonly until?: number | undefined;
  readonly errorClass?: string | undefined;
  readonly stage?: string | undefined;
  readonly key?: string | undefined;
  readonly header?: { readonly name: string; readonly value?: string | undefined } | undefined;
  readonly text?: string | undefined;
}

const contains = (bytes: Buffer | null, part: string): boolean => bytes !== null && bytes.toString('utf8').toLowerCase().includes(part.toLowerCase());

/** Whether `record` is one of those `filter` asks for. */
export function matchesFilter(record: DlqRecord, filter: DlqFilter): boolean {
  const at = Number(record.timestamp);
  if (filter.from !== undefined && !(at >= filter.from)) return false;
  if (filter.until !== undefined && !(at < filter.until)) return false;
  if (filter.errorClass !== undefined && record.error.class !== filter.errorClass) return false;
  if (filter.stage !== undefined && record.error.stage !== filter.stage) return false;
  if (filter.key !== undefined && !contains(record.key, filter.key)) return false;
  if (filter.text !== undefined && !contains(record.value, filter.text)) return false;
  if (filter.header !== undefined) {
    const value = record.headers[filter.header.name];
    if (value === undefined || (filter.header.value !== undefined && value !== filter.header.value)) return false;
  }
  return true;
}

/**
 * The DLQ position a record was replayed from, when its replay header names one in `dlqTopic`;
 * `undefined` for a record that is no replay, or a replay from another DLQ.
 */
export function replayedFrom(record: Pick<DlqRecord, 'headers'>, dlqTopic: string): DlqPosition | undefined {
  const from = /^(.+)\/(\d{1,10})\/(\d{1,19})$/.exec(record.headers[replayFromHeader] ?? '');
  if (!from || from[1] !== dlqTopic) return undefined;
  return { partition: Number(from[2]), offset: from[3] as string };
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const value = readHeader(headers, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

function optionalNumber(text: string | undefined): number | undefined {
  return text === undefined ? undefined : Number(text);
}

/** A DLQ record as read, with the error and source its headers carry. */
export function dlqRecordOf(partition: number, message: KafkaMessage): DlqRecord {
  const headers = textHeaders(message.headers);
  return {
    partition,
    offset: message.offset,
    key: message.key,
    value: message.value,
    timestamp: message.timestamp,
    headers,
    error: {
      class: headers[headerNames.errorClass],
      message: headers[headerNames.errorMessage],
      stage: headers[headerNames.errorStage],
      attempts: optionalNumber(headers[headerNames.errorAttempts]),
    },
    source: {
      topic: headers[headerNames.sourceTopic],
      partition: optionalNumber(headers[headerNames.sourcePartition]),
      offset: headers[headerNames.sourceOffset],
      timestamp: headers[headerNames.sourceTimestamp],
    },
    algorithm: headers[headerNames.algorithm],
    version: headers[headerNames.version],
    flow: headers[headerNames.flow],
  };
}
