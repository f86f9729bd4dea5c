import type { IHeaders } from 'kafkajs';

/** The W3C Trace Context of a record: its `traceparent`, `tracestate` when it has one, and both headers as they came. */
export interface TraceContext {
  readonly traceparent: string;
  readonly tracestate?: string;
  /** The record's own header values (bytes as consumed), for passing on without encoding them again. */
  readonly headers: IHeaders;
}

/** The header names of W3C Trace Context, as the Kafka instrumentations of OpenTelemetry write them. */
export const traceContextHeaders = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

// version-traceid-parentid-flags; a version above 00 may append fields after a dash (W3C Trace Context §3.2).
const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}(-|$)/;
const zeros = /^0+$/;

function first(value: IHeaders[string]): Buffer | string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The valid W3C trace context of a record's headers; `undefined` when it has no `traceparent`, or one
 * that the W3C rules refuse (a version `ff`, an all-zero trace or parent id, a version 00 with more).
 */
export function traceContextOf(headers: IHeaders | undefined): TraceContext | undefined {
  const raw = headers ? first(headers[traceContextHeaders.traceparent]) : undefined;
  if (raw === undefined) return undefined;
  const traceparent = String(raw);
  const match = traceparentPattern.exec(traceparent);
  if (!match || match[1] === 'ff' || zeros.test(match[2] ?? '') || zeros.test(match[3] ?? '') || (match[1] === '00' && traceparent.length !== 55)) return undefined;
  const state = first(headers?.[traceContextHeaders.tracestate]);
  if (state === undefined) return { traceparent, headers: { [traceContextHeaders.traceparent]: raw } };
  return { traceparent, tracestate: String(state), headers: { [traceContextHeaders.traceparent]: raw, [traceContextHeaders.tracestate]: state } };
}

/**
 * `headers` with the trace context added, so that an output belongs to its input's trace. The runtime
 * records no span of its own, so it passes the context on unchanged, as W3C asks of a participant
 * that does not trace. The values are the input's own bytes: kafkajs encodes a Buffer header value
 * without converting it, which matters at a few microseconds per header and record.
 */
export function withTraceContext(headers: IHeaders, trace: TraceContext | undefined): IHeaders {
  return trace ? { ...headers, ...trace.headers } : headers;
}
