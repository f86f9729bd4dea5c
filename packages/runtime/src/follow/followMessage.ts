import type { MessagePath, PathCall, PathRecord, SubscribeBinding, TopicRef } from '@event-flows/model';
import type { DlqReader } from '../dlq/dlqReader.ts';
import type { DlqRecord } from '../dlq/dlqRecord.ts';
import { headerNames, traceOf } from '../records.ts';
import { newestWithKey, pathRecordOf, recordAt, searchForward, type ScanBudget } from './searchRecords.ts';

/** The record to start from: by position, or the newest with a key. */
export type FollowStart =
  | { readonly connection: string; readonly topic: string; readonly partition: number; readonly offset: string }
  | { readonly connection: string; readonly topic: string; readonly key: string };

/** What a follow reads and how far it may go. */
export interface FollowOptions {
  /** The reader of a connection's cluster (one per connection, kept by the caller). */
  readonly readerFor: (connection: string) => Promise<DlqReader>;
  /** The flow's subscribe bindings, with their outputs and DLQs: the stages a message may go through. */
  readonly bindings: readonly SubscribeBinding[];
  readonly start: FollowStart;
  readonly maxStages: number;
  readonly maxRecords: number;
}

/** A follow's answer: the path, or a sentence saying why the record to start from was not found. */
export type FollowResult = { readonly found: true; readonly path: MessagePath } | { readonly found: false; readonly reason: string };

/**
 * Follows one record through a flow, stage by stage, from what Kafka holds alone (so it works for
 * workers in other processes and after a restart): for each binding subscribed to the record's topic,
 * its DLQ and publish topics are searched, from the record's time on, for what the runtime wrote for
 * that record (the `eventflows.trace` header of an output, the source headers of a DLQ record); each
 * output found is followed in turn. Reads at most `maxRecords` records and walks at most `maxStages`
 * stages, and says so where it stopped short.
 */
export async function followMessage(options: FollowOptions): Promise<FollowResult> {
  const budget: ScanBudget = { left: options.maxRecords, scanned: 0 };
  const { start } = options;
  const reader = await options.readerFor(start.connection);
  const first = 'key' in start ? await newestWithKey(reader, start.topic, start.key, budget) : await recordAt(reader, start.topic, start.partition, start.offset, budget);
  if (typeof first === 'string') return { found: false, reason: first };
  const input = pathRecordOf(start.connection, start.topic, first);
  const calls: PathCall[] = [];
  const notes: string[] = [];
  let frontier: PathRecord[] = [input];
  for (let stage = 1; frontier.length > 0; stage++) {
    const next: PathRecord[] = [];
    for (const record of frontier) {
      const subscribed = options.bindings.filter((b) => b.connection === record.connection && b.topic === record.topic);
      if (subscribed.length > 0 && stage > options.maxStages) {
        notes.push(`Stopped after ${options.maxStages} stages: the path goes on from "${record.topic}" ${record.partition}/${record.offset}.`);
        continue;
      }
      for (const binding of subscribed) {
        const call = await followCall(options, binding, record, stage, budget);
        calls.push(call);
        next.push(...call.outputs);
      }
    }
    frontier = stage > options.maxStages ? [] : next;
  }
  if (calls.some((c) => c.outcome === 'unknown')) notes.push(`Read ${budget.scanned.toLocaleString('en')} records, the most this follow may read: allow more to find the rest.`);
  return { found: true, path: { input, calls, scanned: budget.scanned, notes } };
}

const sameTopic = (a: TopicRef, b: TopicRef) => a.connection === b.connection && a.topic === b.topic;

/** Whether `output` is what `binding`'s call on `input` published, as its trace header says. */
function isOutputOf(output: DlqRecord, binding: SubscribeBinding, input: PathRecord): boolean {
  const trace = traceOf(output.headers);
  return trace !== undefined && trace.flow === binding.flowId && trace.algorithm === binding.algorithm && trace.topic === input.topic && trace.partition === input.partition && trace.offset === input.offset;
}

/** Whether `letter` is the DLQ record `binding`'s call on `input` wrote, as its source headers say. */
function isDeadLetterOf(letter: DlqRecord, binding: SubscribeBinding, input: PathRecord): boolean {
  return letter.flow === binding.flowId && letter.algorithm === binding.algorithm && letter.source.topic === input.topic && letter.source.partition === input.partition && letter.source.offset === input.offset;
}

const numberOf = (text: string | undefined) => (text === undefined || !/^\d+$/.test(text) ? undefined : Number(text));

/** What became of `binding`'s call on `input`: its DLQ record, or its outputs, or why neither is found. */
async function followCall(options: FollowOptions, binding: SubscribeBinding, input: PathRecord, stage: number, budget: ScanBudget): Promise<PathCall> {
  const call = { stage, algorithm: binding.algorithm, version: binding.version, input, outputs: [] as PathRecord[] };
  const fromTime = Number(input.timestamp);
  let cut = false;
  if (binding.dlq) {
    const dlq = binding.dlq;
    // A DLQ record keeps its input's timestamp, so it is at or after the input's time.
    const search = await searchForward(await options.readerFor(dlq.connection), dlq.topic, fromTime, budget, (r) => isDeadLetterOf(r, binding, input));
    cut ||= search.cut;
    const letter = search.found;
    if (letter) {
      const deadLetter = { ...pathRecordOf(dlq.connection, dlq.topic, letter), error: { class: letter.error.class, message: letter.error.message, stage: letter.error.stage } };
      return { ...call, outcome: 'dead-lettered', durationMs: numberOf(letter.headers[headerNames.durationMs]), attempts: letter.error.attempts, deadLetter };
    }
  }
  const outputs: PathRecord[] = [];
  let timing: { attempts?: number | undefined; durationMs?: number | undefined } = {};
  for (const to of binding.outputs.filter((t, i, all) => all.findIndex((o) => sameTopic(o, t)) === i)) {
    const search = await searchForward(await options.readerFor(to.connection), to.topic, fromTime, budget, (r) => isOutputOf(r, binding, input));
    cut ||= search.cut;
    if (!search.found) continue;
    outputs.push(pathRecordOf(to.connection, to.topic, search.found));
    const trace = traceOf(search.found.headers);
    timing = { attempts: trace?.attempts, durationMs: trace?.durationMs };
  }
  if (outputs.length > 0) return { ...call, outcome: 'published', ...timing, outputs };
  return { ...call, ...(await withoutRecords(options, binding, input, cut)) };
}

/** The outcome of a call none of whose records was found: pending, beyond the budget, or a null result. */
async function withoutRecords(options: FollowOptions, binding: SubscribeBinding, input: PathRecord, cut: boolean): Promise<Pick<PathCall, 'outcome' | 'note'>> {
  const committed = (await (await options.readerFor(binding.connection)).committed(binding.consumerGroup, binding.topic)).get(input.partition);
  if (committed === undefined || committed <= BigInt(input.offset)) {
    return { outcome: 'pending', note: `Not processed yet: ${binding.algorithm} has not reached offset ${input.offset} of "${input.topic}" partition ${input.partition}.` };
  }
  if (cut) return { outcome: 'unknown', note: `Processed, but its output or dead letter is beyond the records this follow may read.` };
  return { outcome: 'no-output', note: `Processed: ${binding.algorithm} returned no result, so nothing was published.` };
}
