import { createTraceState, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import type { SubscribeBinding } from '@event-flows/model';
import type { KafkaMessage } from 'kafkajs';
import type { ProcessingFailure } from './failures.ts';
import type { TraceContext } from './traceContext.ts';

/**
 * The OpenTelemetry spans of one record (issue 22), made only when the runtime has a tracer: a
 * consumer span for its processing, a client span per algorithm call and a producer span per output
 * or DLQ record. Each takes its parent explicitly, so no context manager is needed.
 */

/** The context a record's own `traceparent` names, for its processing span's parent; a fresh trace without one. */
function parentOf(input: TraceContext | undefined): Context {
  if (!input) return ROOT_CONTEXT;
  const { traceparent, tracestate } = input;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: traceparent.slice(3, 35),
    spanId: traceparent.slice(36, 52),
    traceFlags: parseInt(traceparent.slice(53, 55), 16) & 1,
    isRemote: true,
    ...(tracestate !== undefined ? { traceState: createTraceState(tracestate) } : {}),
  });
}

/** The W3C `traceparent` of a span: version 00, its trace and span ids, and whether it is sampled. */
export function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-0${traceFlags & 1}`;
}

/** Starts the consumer span of one record of `binding`'s topic, a child of the span that sent it (its `traceparent`). */
export function startProcessSpan(tracer: Tracer, binding: SubscribeBinding, partition: number, message: KafkaMessage, input: TraceContext | undefined): Span {
  return tracer.startSpan(
    `process ${binding.topic}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': binding.topic,
        'messaging.destination.partition.id': String(partition),
        'messaging.kafka.offset': Number(message.offset),
        'messaging.consumer.group.name': binding.consumerGroup,
        'eventflows.flow': binding.flowId,
        'eventflows.algorithm': binding.algorithm,
        'eventflows.version': binding.version,
      },
    },
    parentOf(input),
  );
}

/** Starts the client span of attempt `attempt` at calling the binding's algorithm, a child of the record's span. */
export function startCallSpan(tracer: Tracer, record: Span, binding: SubscribeBinding, attempt: number): Span {
  return tracer.startSpan(
    `invoke ${binding.algorithm}`,
    { kind: SpanKind.CLIENT, attributes: { 'eventflows.algorithm': binding.algorithm, 'eventflows.version': binding.version, 'eventflows.attempt': attempt } },
    trace.setSpan(ROOT_CONTEXT, record),
  );
}

/** Ends a call span: with the API's HTTP status when there was one, and an error when the call failed. */
export function endCallSpan(span: Span, httpStatus: number | undefined, failure?: ProcessingFailure): void {
  if (httpStatus !== undefined) span.setAttribute('http.response.status_code', httpStatus);
  if (failure) {
    span.setAttribute('error.type', failure.reason);
    span.setStatus({ code: SpanStatusCode.ERROR, message: failure.message });
  }
  span.end();
}

/** Starts the producer span of one record sent to `topic` (an output, or the DLQ), a child of the record's span. */
export function startSendSpan(tracer: Tracer, record: Span, topic: string, deadLetter: boolean): Span {
  return tracer.startSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': topic, ...(deadLetter ? { 'eventflows.dead_letter': true } : {}) },
    },
    trace.setSpan(ROOT_CONTEXT, record),
  );
}

/**
 * Ends a record's spans once its records were sent (or not): the producer spans, then the record's span,
 * which is an error when the record failed (`failure`) or its records could not be sent (`sendError`).
 */
export function endRecordSpans(record: Span, sends: readonly Span[], outcome: string, failure: ProcessingFailure | undefined, sendError?: string): void {
  for (const send of sends) {
    if (sendError !== undefined) send.setStatus({ code: SpanStatusCode.ERROR, message: sendError });
    send.end();
  }
  record.setAttribute('eventflows.outcome', outcome);
  // A record processed again later (abandoned when the runtime stopped) is not an error of this one.
  const error = sendError ?? (outcome === 'dlq' || outcome === 'halt' || outcome === 'undecodable' ? failure?.message : undefined);
  if (error !== undefined) record.setStatus({ code: SpanStatusCode.ERROR, message: error });
  record.end();
}
