import { randomUUID } from 'node:crypto';
import type { SubscribeBinding } from '@event-flows/model';
import type { IHeaders, Kafka, Message } from 'kafkajs';
import { headerNames, readHeader } from './records.ts';

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
function notOwnedBecause(record: DlqRecord, owner: DlqOwner): string | undefined {
  if (record.algorithm !== owner.algorithm) return 'dead-lettered by another algorithm';
  if (record.flow !== owner.flowId) return 'dead-lettered by another flow';
  if (record.source.topic !== owner.topic) return "from another topic than the subscription's";
  return undefined;
}

/** A record of a DLQ topic, by position. */
export interface DlqPosition {
  readonly partition: number;
  readonly offset: string;
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

/**
 * Reads `topic` from the given offsets (default: each partition's start) up to its end as it was when
 * the read began, calling `keep` for each record until it returns false. Uses a throw-away consumer
 * group that is deleted afterwards, so nothing of the reader remains.
 */
async function readTopic(kafka: Kafka, topic: string, from: ReadonlyMap<number, string>, keep: (record: DlqRecord) => boolean): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `eventflows.dlq-reader.${randomUUID()}`;
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const remaining = new Map<number, bigint>();
    for (const end of ends) {
      const start = BigInt(from.get(end.partition) ?? end.low);
      if (BigInt(end.high) > start && BigInt(end.high) > BigInt(end.low)) remaining.set(end.partition, BigInt(end.high));
    }
    if (remaining.size === 0) return;
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await new Promise<void>((resolve, reject) => {
        let done = false;
        // A record that never arrives (e.g. an aborted transaction's marker at the end) must not hang the read.
        const timer = setTimeout(() => resolve(), 60_000);
        const finish = (): void => {
          clearTimeout(timer);
          resolve();
        };
        consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
        void consumer.subscribe({ topic, fromBeginning: true }).then(() =>
          consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              for (const message of batch.messages) {
                const end = remaining.get(batch.partition);
                if (done || end === undefined) break;
                const start = from.get(batch.partition);
                if (start !== undefined && BigInt(message.offset) < BigInt(start)) continue;
                if (BigInt(message.offset) >= end) {
                  remaining.delete(batch.partition);
                  break;
                }
                const headers = textHeaders(message.headers);
                const more = keep({
                  partition: batch.partition,
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
                });
                if (!more) done = true;
                if (BigInt(message.offset) + 1n >= end) remaining.delete(batch.partition);
              }
              if (done || remaining.size === 0) finish();
            },
          }),
        ).catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** What to peek at. */
export interface PeekOptions {
  readonly topic: string;
  /** Whose records to show; the others are passed over. */
  readonly owner: DlqOwner;
  /** Most records returned (default 100). */
  readonly limit?: number;
  /** Where to start per partition (default: the start of each partition). */
  readonly from?: Readonly<Record<string, string>>;
}

/**
 * Reads up to `limit` of `owner`'s records of a DLQ topic with their headers, decoded error and source,
 * without consuming them (no offsets of any binding move). Records of one partition come in offset order.
 */
export async function peekDlq(kafka: Kafka, options: PeekOptions): Promise<DlqRecord[]> {
  const limit = options.limit ?? 100;
  const records: DlqRecord[] = [];
  const from = new Map(Object.entries(options.from ?? {}).map(([p, o]) => [Number(p), o]));
  await readTopic(kafka, options.topic, from, (record) => {
    if (notOwnedBecause(record, options.owner) === undefined) records.push(record);
    return records.length < limit;
  });
  return records;
}

/** What to replay. */
export interface ReplayOptions {
  readonly dlqTopic: string;
  /** Whose records to replay: only these are written, and only to `owner.topic`. */
  readonly owner: DlqOwner;
  /** A client of the owner's connection, which writes to its topic (default: the DLQ's client, for a DLQ on the same connection). */
  readonly sourceKafka?: Kafka;
  /** The records to replay, or `'all'`. */
  readonly select: 'all' | readonly DlqPosition[];
  /** Who asked, written as header `eventflows.replay.by` (the server also records it in its audit log). */
  readonly replayedBy?: string;
}

/** A DLQ record a replay did not write, and why. */
export interface SkippedRecord extends DlqPosition {
  /** For a person: not in the DLQ, or not the owner's (another algorithm's, flow's or topic's). */
  readonly reason: string;
}

/** What a replay did. */
export interface ReplayResult {
  readonly replayed: ReadonlyArray<DlqPosition & { readonly sourceTopic: string }>;
  /** Chosen records that were not found, and records (chosen, or read for `'all'`) that are not the owner's. */
  readonly skipped: readonly SkippedRecord[];
}

const runtimeHeaders = new Set<string>(Object.values(headerNames));

/**
 * Puts `owner`'s DLQ records back on its topic with their original key, value, timestamp and headers (the
 * runtime's error and source headers removed, `eventflows.replay.*` added), in one batched send. Records
 * that are not the owner's are skipped, never written. The DLQ itself is left as it is.
 */
export async function replayDlq(kafka: Kafka, options: ReplayOptions): Promise<ReplayResult> {
  const wanted = options.select === 'all' ? undefined : new Set(options.select.map((p) => `${p.partition}:${p.offset}`));
  const from = new Map<number, string>();
  if (options.select !== 'all') {
    for (const p of options.select) {
      const current = from.get(p.partition);
      if (current === undefined || BigInt(p.offset) < BigInt(current)) from.set(p.partition, p.offset);
    }
  }
  const found: DlqRecord[] = [];
  await readTopic(kafka, options.dlqTopic, from, (record) => {
    if (!wanted || wanted.has(`${record.partition}:${record.offset}`)) found.push(record);
    return !wanted || found.length < wanted.size;
  });
  const byTopic = new Map<string, Message[]>();
  const replayed: Array<DlqPosition & { sourceTopic: string }> = [];
  const skipped: SkippedRecord[] = [];
  for (const record of found) {
    const reason = notOwnedBecause(record, options.owner);
    if (reason !== undefined) {
      skipped.push({ partition: record.partition, offset: record.offset, reason });
      continue;
    }
    const topic = options.owner.topic;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(record.headers)) if (!runtimeHeaders.has(name)) headers[name] = value;
    headers['eventflows.replay.from'] = `${options.dlqTopic}/${record.partition}/${record.offset}`;
    if (options.replayedBy) headers['eventflows.replay.by'] = options.replayedBy;
    const list = byTopic.get(topic) ?? [];
    list.push({ key: record.key, value: record.value, timestamp: record.timestamp, headers });
    byTopic.set(topic, list);
    replayed.push({ partition: record.partition, offset: record.offset, sourceTopic: topic });
  }
  if (wanted) {
    const seen = new Set(found.map((r) => `${r.partition}:${r.offset}`));
    for (const p of options.select as readonly DlqPosition[]) {
      if (!seen.has(`${p.partition}:${p.offset}`)) skipped.push({ partition: p.partition, offset: p.offset, reason: 'not in the DLQ' });
    }
  }
  if (byTopic.size > 0) {
    const producer = (options.sourceKafka ?? kafka).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } finally {
      await producer.disconnect();
    }
  }
  return { replayed, skipped };
}
