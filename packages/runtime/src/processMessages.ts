import { resolveRetryPolicy, waitAfter, type SubscribeBinding, type TopicRef } from '@event-flows/model';
import type { Span, Tracer } from '@opentelemetry/api';
import type { KafkaMessage, Message } from 'kafkajs';
import { ProcessingFailure, asFailure, backoffDelay } from './failures.ts';
import type { Invoker } from './invokers/invoker.ts';
import type { ProcessingTimes } from './status.ts';
import { endCallSpan, endRecordSpans, startCallSpan, startProcessSpan, startSendSpan, traceparentOf } from './spans.ts';
import { startTraceContext, traceContextOf, withSpanContext, withTraceContext, type TraceContext } from './traceContext.ts';
import { correlationHeaders, decodeInput, dlqRecord, encodeOutput } from './records.ts';
import { undecodableBatchOf, type UndecodableBatch } from './undecodableBatches.ts';

/** A record to send, with the topic it goes to. */
export interface OutgoingRecord {
  readonly to: TopicRef;
  readonly message: Message;
  /** Its producer span, when the runtime traces: ended once the record is acknowledged (or refused). */
  readonly span?: Span;
}

/**
 * What became of one message: `done` (its outputs, maybe none, are in `records`), `dlq` (its DLQ record
 * is in `records`), `undecodable` (it stands in for a record of a batch the runtime could not decode: the
 * batch's one DLQ record, if any, is in `records` of its first offset, and the binding moves on), `halt`
 * (it failed and the binding has no DLQ: nothing after it may be committed) or `abandoned` (the runtime
 * stopped before it finished; it will be processed again).
 */
export interface MessageOutcome {
  readonly message: KafkaMessage;
  readonly kind: 'done' | 'dlq' | 'undecodable' | 'halt' | 'abandoned';
  readonly records: readonly OutgoingRecord[];
  readonly failure?: ProcessingFailure;
  readonly attempts: number;
  /** The message's processing span, when the runtime traces: ended once its records are sent (see {@link endOutcomeSpans}). */
  readonly span?: Span;
}

/** What processing needs besides the messages; `binding` and `outputs` are read once per chunk. */
export interface ProcessContext {
  readonly binding: SubscribeBinding;
  readonly outputs: readonly TopicRef[];
  readonly partition: number;
  /** {@link tracePrefix} of `binding`. */
  readonly tracePrefix: string;
  readonly invoker: Invoker;
  readonly limiter: Limiter;
  readonly signal: AbortSignal;
  /**
   * Told when a message starts waiting before attempt `attempt` of `maxAttempts`; the function it
   * returns is called when the wait ends (for the binding's "retrying n/m").
   */
  readonly onRetryWait?: (attempt: number, maxAttempts: number) => () => void;
  /** Whether W3C trace context goes from each input to its outputs and its algorithm call (default: not). */
  readonly traceContext?: boolean;
  /** Where each message's spans go, when the runtime traces (an OTLP exporter is configured). */
  readonly tracer?: Tracer | undefined;
  /** Whether DLQ records carry Kafka Connect's error context headers too (default: they do). */
  readonly dlqConnectHeaders?: boolean;
  /** Where each message's processing time is counted, if anywhere. */
  readonly timings?: ProcessingTimes | undefined;
}

/** A counting semaphore: at most `size` holders at once, served in arrival order. */
export class Limiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}

  /** Runs `task` once a slot is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

/**
 * The outcome of a stand-in for a record of a batch that could not be decoded: never a halt, since no
 * one can fix such a batch; with a DLQ, the stand-in of the batch's first offset dead-letters the batch's
 * bytes as one record.
 */
function undecodableOutcome(message: KafkaMessage, batch: UndecodableBatch, context: ProcessContext): MessageOutcome {
  const { binding } = context;
  const failure = new ProcessingFailure(`records ${batch.firstOffset}–${batch.lastOffset} could not be decoded: ${batch.reason}`, 'permanent', 'decode', 'undecodable-batch');
  if (!binding.dlq || batch.bytes === null) return { message, kind: 'undecodable', records: [], attempts: 0, failure };
  // The DLQ record holds the batch's bytes and none of the stand-in's marks.
  const source: KafkaMessage = Object.assign({}, message, { headers: {}, value: batch.bytes });
  const dead = dlqRecord(binding, context.partition, source, failure, 0, context.dlqConnectHeaders ?? true);
  return { message, kind: 'undecodable', records: [{ to: binding.dlq, message: dead }], attempts: 0, failure };
}

/**
 * Decodes, invokes and encodes one message, counting the time it took, and retrying transient failures
 * as the binding's retry policy says: each attempt bounded by its time-out, the statuses it lists as
 * transient retried, the wait between attempts the planned backoff or the answer's `Retry-After` when
 * the policy honours it.
 */
export async function processMessage(message: KafkaMessage, context: ProcessContext): Promise<MessageOutcome> {
  const began = context.timings ? performance.now() : 0;
  const input = context.traceContext === true ? traceContextOf(message.headers) : undefined;
  let outcome: MessageOutcome;
  if (context.tracer) {
    const span = startProcessSpan(context.tracer, context.binding, context.partition, message, input);
    outcome = { ...(await handleMessage(message, context, input, { tracer: context.tracer, span })), span };
  } else {
    outcome = await handleMessage(message, context, input, undefined);
  }
  context.timings?.observe((performance.now() - began) / 1000);
  return outcome;
}

/** How many attempts a message took and how long, in milliseconds, for the headers of what it leads to. */
interface CallSummary {
  readonly attempts: number;
  readonly durationMs: number;
}

/** The processing span of a message and the tracer of its children. */
interface Traced {
  readonly tracer: Tracer;
  readonly span: Span;
}

/** The output records of one message, one per output topic; each with a producer span whose context it carries, when traced. */
function outputRecords(message: KafkaMessage, encoded: { value: Buffer; contentType: string }, call: CallSummary, context: ProcessContext, input: TraceContext | undefined, traced: Traced | undefined): OutgoingRecord[] {
  const headers = withTraceContext(correlationHeaders(context.tracePrefix, context.partition, message.offset, encoded.contentType, call), input);
  if (!traced) return context.outputs.map((to) => ({ to, message: { key: message.key, value: encoded.value, headers } }));
  return context.outputs.map((to) => {
    const span = startSendSpan(traced.tracer, traced.span, to.topic, false);
    const own = context.traceContext === true ? withSpanContext({ ...headers }, traceparentOf(span), input) : headers;
    return { to, span, message: { key: message.key, value: encoded.value, headers: own } };
  });
}

/** The DLQ record of a message that failed, with a producer span whose context it carries, when traced. */
function deadLetter(message: KafkaMessage, failure: ProcessingFailure, call: CallSummary, dlq: TopicRef, context: ProcessContext, input: TraceContext | undefined, traced: Traced | undefined): OutgoingRecord {
  const dead = dlqRecord(context.binding, context.partition, message, failure, call.attempts, context.dlqConnectHeaders ?? true, call.durationMs);
  // The DLQ record keeps the input's headers; a trace started for an input without one is added.
  if (!traced) return { to: dlq, message: input && dead.headers ? { ...dead, headers: withTraceContext(dead.headers, input) } : dead };
  const span = startSendSpan(traced.tracer, traced.span, dlq.topic, true);
  if (context.traceContext === true) withSpanContext(dead.headers ?? {}, traceparentOf(span), input);
  return { to: dlq, message: dead, span };
}

async function handleMessage(message: KafkaMessage, context: ProcessContext, input: TraceContext | undefined, traced: Traced | undefined): Promise<MessageOutcome> {
  const { binding, signal } = context;
  const undecodable = undecodableBatchOf(message);
  if (undecodable) return undecodableOutcome(message, undecodable, context);
  const policy = resolveRetryPolicy(binding.retry, binding.timeoutMs);
  let attempts = 0;
  let failure: ProcessingFailure;
  const began = performance.now();
  // An input without a trace gets one only when spans are on (its processing span's), so that the call and
  // what the record leads to belong to it; without spans none is made up (a random id and one more header on
  // every output are a cost bench:runtime shows; following a message reads the eventflows.trace header instead).
  const trace = input ?? (traced && context.traceContext === true ? startTraceContext(traceparentOf(traced.span)) : undefined);
  try {
    const input = decodeInput(message);
    for (;;) {
      attempts++;
      let call = traced ? startCallSpan(traced.tracer, traced.span, binding, attempts) : undefined;
      // With a span for the call, the algorithm's own spans are its children; else the input's parent is passed on.
      const traceparent = trace ? (call ? traceparentOf(call) : trace.traceparent) : undefined;
      try {
        const output = await context.invoker.invoke({
          algorithm: binding.algorithm,
          version: binding.version,
          input,
          timeoutMs: policy.attemptTimeoutMs,
          transientStatuses: policy.transientStatuses,
          signal,
          ...(traceparent ? { traceparent } : {}),
        });
        if (call) endCallSpan(call, output.httpStatus);
        // The call is over: a failure to encode its result below is not the call's.
        call = undefined;
        // An algorithm that returns its input as it came (an echo) is published from the input's bytes.
        const encoded =
          output.value === input.value && output.contentType === input.contentType && input.contentType === 'json'
            ? { value: input.bytes, contentType: 'application/json' }
            : encodeOutput(output);
        if (!encoded) return { message, kind: 'done', records: [], attempts };
        const done = { attempts, durationMs: performance.now() - began };
        return { message, kind: 'done', records: outputRecords(message, encoded, done, context, trace, traced), attempts };
      } catch (error) {
        failure = asFailure(error);
        if (call) endCallSpan(call, failure.httpStatus, failure);
        if (signal.aborted) return { message, kind: 'abandoned', records: [], attempts, failure };
        if (failure.failureClass === 'permanent' || attempts >= policy.maxAttempts) break;
        // A wait the API asked for is kept as asked (within the policy's maximum); a planned one is jittered.
        const wait = failure.retryAfterMs !== undefined && policy.honourRetryAfter ? waitAfter(policy, attempts, failure.retryAfterMs) : backoffDelay(policy, attempts);
        const waited = context.onRetryWait?.(attempts + 1, policy.maxAttempts);
        try {
          await sleep(wait, signal);
        } finally {
          waited?.();
        }
        if (signal.aborted) return { message, kind: 'abandoned', records: [], attempts, failure };
      }
    }
  } catch (error) {
    failure = asFailure(error);
  }
  if (!binding.dlq) return { message, kind: 'halt', records: [], attempts, failure };
  const dead = deadLetter(message, failure, { attempts, durationMs: performance.now() - began }, binding.dlq, context, trace, traced);
  return { message, kind: 'dlq', records: [dead], attempts, failure };
}

/** Ends the spans of traced outcomes once their records were sent, or could not be (`sendError`). */
export function endOutcomeSpans(outcomes: readonly MessageOutcome[], sendError?: string): void {
  for (const outcome of outcomes) {
    if (!outcome.span) continue;
    const sends = outcome.records.flatMap((record) => (record.span ? [record.span] : []));
    endRecordSpans(outcome.span, sends, outcome.kind, outcome.failure, sendError);
  }
}

/**
 * Processes the messages of one partition, in offset order, and returns their outcomes in offset
 * order, cut after the first `halt` or `abandoned` one (nothing after it may be committed).
 * With ordering `partition` one message runs at a time; with ordering `key` messages of different keys
 * run at once (same key: in order), all bounded by the binding's shared limiter.
 */
export async function processMessages(messages: readonly KafkaMessage[], context: ProcessContext): Promise<MessageOutcome[]> {
  const outcomes: MessageOutcome[] = [];
  if (context.binding.ordering !== 'key' || context.binding.concurrency === 1) {
    // One at a time per partition; kafkajs runs at most `concurrency` partitions at once, so no limiter is needed.
    for (const message of messages) {
      const outcome = await processMessage(message, context);
      outcomes.push(outcome);
      if (outcome.kind === 'halt' || outcome.kind === 'abandoned') break;
    }
    return outcomes;
  }
  const chains = new Map<string, KafkaMessage[]>();
  for (const message of messages) {
    const key = message.key === null ? '\u0000null' : message.key.toString('latin1');
    const chain = chains.get(key);
    if (chain) chain.push(message);
    else chains.set(key, [message]);
  }
  const byOffset = new Map<string, MessageOutcome>();
  let stopped = false;
  await Promise.all(
    [...chains.values()].map(async (chain) => {
      for (const message of chain) {
        if (stopped) return;
        const outcome = await context.limiter.run(() => processMessage(message, context));
        byOffset.set(message.offset, outcome);
        // A halted key stops the others early: their work past the halt would not be committed anyway.
        if (outcome.kind === 'halt' || outcome.kind === 'abandoned') {
          stopped = true;
          return;
        }
      }
    }),
  );
  for (const message of messages) {
    const outcome = byOffset.get(message.offset);
    if (!outcome) break;
    outcomes.push(outcome);
    if (outcome.kind === 'halt' || outcome.kind === 'abandoned') break;
  }
  return outcomes;
}

export { ProcessingFailure };
