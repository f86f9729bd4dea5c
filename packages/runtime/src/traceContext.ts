import type { IHeaders } from 'kafkajs';

/** The W3C Trace Context of a record: its `traceparent`, and `tracestate` when it has one. */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string;
}

/** The header names of W3C Trace Context, as the Kafka instrumentations of OpenTelemetry write them. */
export const traceContextHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

// version-traceid-parentid-flags; a version above 00 may append fields after a dash (W3C Trace Context §3.2).
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-|$)/;
const zeros = /^0+$/;

function first(value: IHeaders[string]): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined ? undefined : String(one);
}

/**
 * The valid W3C trace context of a record's headers; `undefined` when it has no `traceparent`, or one
 * that the W3C rules refuse (a version `ff`, an all-zero trace or parent id, a version 00 with more).
 */
export function traceContextOf(headers: IHeaders | undefined): TraceContext | undefined {
  const traceparent = headers ? first(headers[traceContextHeaders.traceparent]) : undefined;
  if (traceparent === undefined) return undefined;
  const match = traceparentPattern.exec(traceparent);
  if (!match || match[1] === 'ff' || zeros.test(match[2] ?? '') || zeros.test(match[3] ?? '') || (match[1] === '00' && traceparent.length !== 55)) return undefined;
  const tracestate = first(headers?.[traceContextHeaders.tracestate]);
  return tracestate === undefined ? { traceparent } : { traceparent, tracestate };
}

/**
 * `headers` with the trace context added, so that an output belongs to its input's trace. The runtime
 * records no span of its own, so it passes the context on unchanged, as W3C asks of a participant
 * that does not trace.
 */
export function withTraceContext(headers: IHeaders, trace: TraceContext | undefined): IHeaders {
  if (!trace) return headers;
  const { traceparent, tracestate } = traceContextHeaders;
  return trace.tracestate === undefined ? { ...headers, [traceparent]: trace.traceparent } : { ...headers, [traceparent]: trace.traceparent, [tracestate]: trace.tracestate };
}
